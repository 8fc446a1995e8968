import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { getTranslations } from "next-intl/server";
import { loginFormText } from "@/app/login/form-text";
import { LoginForm } from "@/app/login/login-form";
import { requireUser, safeReturnPath } from "@/lib/session";

export const metadata = { title: "Confirm it's you" };

/** Step-up: the password (and code, with two-step sign-in) again before a sensitive change. */
export default async function ConfirmIdentityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const returnTo = safeReturnPath((await searchParams).returnTo, "/security");
  const user = await requireUser(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
  const [t, formText] = await Promise.all([getTranslations("security.confirm"), loginFormText()]);
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardContent>
          <LoginForm
            callbackUrl={returnTo}
            {...formText}
            labels={{ ...formText.labels, submit: t("submit") }}
            stepUp={{ email: user.email, sessionId: user.sessionId, twoFactor: user.twoFactorEnabled }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
