import { coreContext } from "@homeport/core/context";
import { honourPreferenceSignal } from "@homeport/core/privacy/settings";
import { Alert } from "@homeport/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { requestContext } from "@/lib/request-context";
import { currentUser } from "@/lib/session";
import { OptOutForm } from "./opt-out-form.tsx";

const POINTS = {
  doNotSell: ["sale", "partners", "service", "noAccount"],
  limit: ["sensitive", "use", "noInference", "noAccount"],
} as const;

/**
 * "Do Not Sell or Share" (§7026) and "Limit the Use of My Sensitive Personal Information" (§7027):
 * open to anyone, no account and no verification. A browser's Global Privacy Control signal is
 * itself a valid opt-out of sale/sharing (§7025), so the page says it is in effect.
 */
export async function OptOutPage({ kind }: { kind: "doNotSell" | "limit" }) {
  const [t, user, requestHeaders] = await Promise.all([getTranslations("privacyPublic"), currentUser(), headers()]);
  const gpc = requestHeaders.get("sec-gpc")?.trim() === "1";
  // §7025(c)(1): for a signed-in consumer the signal also applies to their login and account.
  if (gpc && user) {
    await honourPreferenceSignal(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
    );
  }
  const page = kind === "doNotSell" ? "doNotSell" : "limit";

  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-6">
      {gpc ? (
        <Alert variant="success" title={t("gpc.title")}>
          {t("gpc.body")}
        </Alert>
      ) : null}
      <PageHeader title={t(`${page}.title`)} description={t(`${page}.description`)} className="mb-0 sm:mb-0" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <CardHeader>
            <CardTitle>{t(`${page}.what`)}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex list-disc flex-col gap-2 ps-5 text-sm text-fg">
              {POINTS[kind].map((point) => (
                <li key={point}>{t(`${page}.points.${point}`)}</li>
              ))}
            </ul>
            <p className="mt-4 text-sm">
              <Link href="/privacy/request" className="text-brand underline underline-offset-4">
                {t("request.title")}
              </Link>
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t(`${page}.formTitle`)}</CardTitle>
            <CardDescription>{t(`${page}.formDescription`)}</CardDescription>
          </CardHeader>
          <CardContent>
            <OptOutForm
              kind={kind}
              labels={{
                legend: t("identity.legend"),
                hint: t("identity.hint"),
                email: t("identity.email"),
                phone: t("identity.phone"),
                accountNumber: t("identity.accountNumber"),
                accountNumberHint: t("identity.accountNumberHint"),
                name: t("identity.name"),
                optional: t("optional"),
                submit: t(`${page}.submit`),
              }}
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
