import { listApiKeys } from "@homeport/core/admin/api-keys";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { revokeApiKeyAction } from "@/actions/admin-staff";
import { ConfirmAction } from "@/components/confirm-action";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";
import { CreateKeyForm } from "./create-key-form.tsx";

export const metadata = { title: "API keys" };

const ERROR_CODES = ["NAME_REQUIRED", "NAME_TOO_LONG", "KEY_NOT_FOUND", "generic"] as const;

export default async function ApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requireUser("/admin/keys");
  if (!can(user, "MANAGE_API_KEYS")) notFound();
  const ctx = coreContext();
  const keys = await listApiKeys(ctx, user, await requestContext({ userId: user.id, sessionId: user.sessionId }));
  const query = await searchParams;
  const [t, f] = await Promise.all([getTranslations("adminStaff.keys"), dateFormatter(ctx.profile.timeZone)]);
  const errors = Object.fromEntries(ERROR_CODES.map((code) => [code, t(`errors.${code}`)]));
  const revokeError = query.error === "KEY_NOT_FOUND" ? errors.KEY_NOT_FOUND : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />

      {query.done === "revoked" ? <Alert variant="success">{t("done.revoked")}</Alert> : null}
      {revokeError ? <Alert variant="danger">{revokeError}</Alert> : null}

      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>{t("create.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <CreateKeyForm
            labels={{
              name: t("create.name"),
              nameHint: t("create.nameHint"),
              submit: t("create.submit"),
              createdTitle: t("created.title"),
              createdBody: t.raw("created.body") as string,
              secretLabel: t("created.label"),
              copyHint: t("created.copyHint"),
            }}
            errors={errors}
          />
        </CardContent>
      </Card>

      {keys.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("empty")}</p>
      ) : (
        <Table regionLabel={t("tableCaption")}>
          <TableCaption visuallyHidden>{t("tableCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.name")}</TableHead>
              <TableHead>{t("columns.prefix")}</TableHead>
              <TableHead>{t("columns.created")}</TableHead>
              <TableHead>{t("columns.lastUsed")}</TableHead>
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead>{t("columns.actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key.id}>
                <TableCell className="max-w-64 font-medium break-words">{key.name}</TableCell>
                <TableCell className="font-mono text-xs">hpk_{key.prefix}</TableCell>
                <TableCell className="whitespace-nowrap">
                  <time dateTime={key.createdAt.toISOString()}>{f.dateTime(key.createdAt)}</time>
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {key.lastUsedAt ? (
                    <time dateTime={key.lastUsedAt.toISOString()}>{f.dateTime(key.lastUsedAt)}</time>
                  ) : (
                    t("neverUsed")
                  )}
                </TableCell>
                <TableCell>
                  {key.revokedAt ? (
                    <Badge variant="neutral">{t("revokedOn", { date: f.dateTime(key.revokedAt) })}</Badge>
                  ) : (
                    <Badge variant="success">{t("active")}</Badge>
                  )}
                </TableCell>
                <TableCell>
                  {key.revokedAt ? null : (
                    <ConfirmAction
                      action={revokeApiKeyAction}
                      fields={{ keyId: key.id }}
                      label={t("revoke")}
                      ariaLabel={t("revokeFor", { name: key.name })}
                      variant="danger"
                      size="sm"
                      title={t("revokeTitle")}
                      description={t("revokeBody", { name: key.name, prefix: `hpk_${key.prefix}` })}
                      confirmLabel={t("revokeConfirm")}
                      cancelLabel={t("cancel")}
                    />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
