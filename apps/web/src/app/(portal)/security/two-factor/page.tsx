import { coreContext } from "@homeport/core/context";
import { countRecoveryCodes, pendingTotpEnrolment } from "@homeport/core/identity/two-factor";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { startTwoFactorAction } from "@/actions/security";
import { requireRecentAuth } from "@/lib/session";
import { ConfirmEnrolment, ManageTwoFactor } from "./two-factor-forms.tsx";

export const metadata = { title: "Two-step sign-in" };

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRecentAuth("/security/two-factor");
  const [t, params] = await Promise.all([getTranslations("security.twoFactor"), searchParams]);
  const ctx = coreContext();
  const codeLabels = {
    title: t("codes.title"),
    body: t("codes.body"),
    download: t("codes.download"),
    done: t("codes.done"),
    fileHeading: t("codes.fileHeading", { email: user.email }),
  };

  if (user.twoFactorEnabled) {
    const remaining = await countRecoveryCodes(ctx, user.id);
    return (
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
        <PageHeader title={t("title")} description={t("description")} />
        <Card>
          <CardHeader>
            <CardTitle>
              <span className="flex items-center gap-2">
                {t("statusTitle")} <Badge variant="success">{t("on")}</Badge>
              </span>
            </CardTitle>
            <CardDescription>{t("remaining", { count: remaining })}</CardDescription>
          </CardHeader>
          <CardContent>
            <ManageTwoFactor
              staff={user.staffRole !== null}
              codeLabels={codeLabels}
              labels={{
                regenerate: t("regenerate"),
                turnOff: t("turnOff"),
                turnOffTitle: t("turnOffTitle"),
                turnOffBody: t("turnOffBody"),
                cancel: t("cancel"),
                staffRequired: t("staffCannotTurnOff"),
              }}
            />
          </CardContent>
        </Card>
      </div>
    );
  }

  const pending = await pendingTotpEnrolment(ctx, user);
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {params.required === "staff" ? <Alert variant="warning">{t("staffRequired")}</Alert> : null}
      {pending ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("scanTitle")}</CardTitle>
            <CardDescription>{t("scanBody")}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            <div className="flex flex-col items-start gap-4 sm:flex-row">
              <img
                src={await QRCode.toDataURL(pending.uri, { margin: 1, width: 200 })}
                width={200}
                height={200}
                alt={t("qrAlt")}
                className="rounded-md border border-border bg-white p-2"
              />
              <div className="flex flex-col gap-2">
                <p className="text-sm text-fg-muted">{t("manualKeyLabel")}</p>
                <code className="rounded-md bg-surface-muted px-3 py-2 font-mono text-base tracking-wider break-words">
                  {pending.manualKey}
                </code>
              </div>
            </div>
            <ConfirmEnrolment
              codeLabels={codeLabels}
              labels={{ code: t("code"), codeHint: t("codeHint"), submit: t("confirm") }}
              errors={{
                code_required: t("errors.code_required"),
                INVALID_CODE: t("errors.INVALID_CODE"),
                generic: t("errors.generic"),
              }}
            />
          </CardContent>
        </Card>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>
              <span className="flex items-center gap-2">
                {t("statusTitle")} <Badge variant="neutral">{t("off")}</Badge>
              </span>
            </CardTitle>
            <CardDescription>{t("whyBody")}</CardDescription>
          </CardHeader>
          <CardContent>
            <form action={startTwoFactorAction}>
              <Button type="submit">{t("setUp")}</Button>
            </form>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
