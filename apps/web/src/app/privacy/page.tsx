import { coreContext } from "@homeport/core/context";
import { listMyPrivacyRequests, statusView } from "@homeport/core/privacy/requests";
import { getPrivacySettings, honourPreferenceSignal, PRIVACY_CHOICES } from "@homeport/core/privacy/settings";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";
import { ChoicesForm } from "./choices-form.tsx";
import { STATUS_BADGE } from "./status-badge.ts";

export const metadata = { title: "Privacy" };

const REQUEST_KINDS = ["KNOW_CATEGORIES", "KNOW_SPECIFIC", "DELETE", "CORRECT"] as const;

export default async function PrivacyCenterPage() {
  const user = await requireUser("/privacy");
  const ctx = coreContext();
  const gpc = (await headers()).get("sec-gpc")?.trim() === "1";
  // §7025(c)(1): the signal is an opt-out for this consumer, without asking anything more.
  if (gpc) {
    await honourPreferenceSignal(ctx, user, await requestContext({ userId: user.id, sessionId: user.sessionId }));
  }
  const [t, settings, requests, f] = await Promise.all([
    getTranslations("privacy"),
    getPrivacySettings(ctx.db, user),
    listMyPrivacyRequests(ctx.db, user),
    dateFormatter(user.timeZone ?? brand().timeZone),
  ]);
  const choiceLabels = Object.fromEntries(
    PRIVACY_CHOICES.map((key) => [
      key,
      { label: t(`choice.${key}.label`), description: t(`choice.${key}.description`) },
    ]),
  ) as Record<(typeof PRIVACY_CHOICES)[number], { label: string; description: string }>;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {gpc || settings.gpcHonouredAt ? (
        <div role="status">
          <Alert variant="success" title={t("gpc.title")}>
            {settings.gpcHonouredAt ? t("gpc.since", { when: f.dateTime(settings.gpcHonouredAt) }) : t("gpc.body")}
          </Alert>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>{t("choices.title")}</CardTitle>
            <CardDescription>{t("choices.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <ChoicesForm
              choices={settings.choices}
              labels={{
                marketingTitle: t("choices.marketing"),
                marketingNote: t("choices.serviceMessages"),
                sharingTitle: t("choices.sharing"),
                rightsTitle: t("choices.rights"),
                save: t("choices.save"),
                saved: t("choices.saved"),
                choice: choiceLabels,
                errors: {
                  SHARING_WHILE_OPTED_OUT: t("errors.sharingWhileOptedOut"),
                  generic: t("errors.generic"),
                },
              }}
            />
            {settings.account && user.membershipRole !== "OWNER" && settings.account.optOutSaleSharing ? (
              <p className="mt-4 text-sm text-fg-muted">{t("choices.accountOptOut")}</p>
            ) : null}
          </CardContent>
        </Card>

        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("requests.title")}</CardTitle>
              <CardDescription>{t("requests.description")}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <ul className="flex flex-col gap-2">
                {REQUEST_KINDS.map((kind) => (
                  <li key={kind}>
                    <Button asChild variant="secondary" className="w-full justify-start">
                      <Link href={`/privacy/requests/new?type=${kind}`}>{t(`requestKind.${kind}`)}</Link>
                    </Button>
                  </li>
                ))}
              </ul>
              <p className="text-sm text-fg-muted">{t("requests.deadlines")}</p>
            </CardContent>
          </Card>
        </div>
      </div>

      <section aria-labelledby="my-requests" className="flex flex-col gap-3">
        <h2 id="my-requests" className="text-lg font-semibold">
          {t("requests.mine")}
        </h2>
        {requests.length === 0 ? (
          <p className="text-fg-muted">{t("requests.none")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("requests.reference")}</TableHead>
                <TableHead>{t("requests.type")}</TableHead>
                <TableHead>{t("requests.status")}</TableHead>
                <TableHead>{t("requests.received")}</TableHead>
                <TableHead>{t("requests.due")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {requests.map((request) => {
                const status = statusView(request);
                return (
                  <TableRow key={request.id}>
                    <TableCell>
                      <Link href={`/privacy/requests/${request.id}`} className="font-medium text-brand underline">
                        {request.reference}
                      </Link>
                    </TableCell>
                    <TableCell>{t(`type.${request.type}`)}</TableCell>
                    <TableCell>
                      <Badge variant={STATUS_BADGE[status]}>{t(`status.${status}`)}</Badge>
                    </TableCell>
                    <TableCell>{f.dateTime(request.receivedAt)}</TableCell>
                    <TableCell>{request.completedAt ? "—" : f.dateTime(request.dueAt)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="history" className="flex flex-col gap-3">
        <h2 id="history" className="text-lg font-semibold">
          {t("history.title")}
        </h2>
        {settings.history.length === 0 ? (
          <p className="text-fg-muted">{t("history.none")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("history.when")}</TableHead>
                <TableHead>{t("history.choice")}</TableHead>
                <TableHead>{t("history.value")}</TableHead>
                <TableHead>{t("history.source")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {settings.history.map((change, index) => (
                <TableRow key={`${change.createdAt.getTime()}-${change.field}-${index}`}>
                  <TableCell>{f.dateTime(change.createdAt)}</TableCell>
                  <TableCell>{t(`choice.${change.field}.label` as never)}</TableCell>
                  <TableCell>{change.value ? t("history.on") : t("history.off")}</TableCell>
                  <TableCell>{t(`source.${change.source}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
