import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import { DEMO_USERS } from "@homeport/core/runtime/demo";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicFormPage } from "@/components/public-form-page";
import { brand, displayPhone } from "@/lib/brand";
import { currentUser, safeReturnPath } from "@/lib/session";
import { isDemoPortal } from "@/lib/demo";
import { loginFormText } from "./form-text.ts";
import { LoginForm } from "./login-form.tsx";

export const metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const [t, formText] = await Promise.all([getTranslations("login"), loginFormText()]);
  const { name, supportPhone } = brand();
  const phone = displayPhone(supportPhone);
  return (
    <PublicFormPage title={t("title")} description={t("subtitle", { brand: name })}>
      {params.signedOut ? <Alert variant="success">{t("signedOut")}</Alert> : null}
      {params.reset ? <Alert variant="success">{t("passwordReset")}</Alert> : null}
      {params.registered ? <Alert variant="success">{t("registered")}</Alert> : null}
      {params.joined ? <Alert variant="success">{t("joined")}</Alert> : null}
      {!params.signedOut && params.callbackUrl ? <Alert variant="info">{t("sessionEnded")}</Alert> : null}
      <Card>
        <CardContent>
          <LoginForm callbackUrl={callbackUrl} {...formText} />
        </CardContent>
      </Card>
      <div className="flex flex-col gap-2 text-sm">
        <Link href="/forgot-password" className="text-brand underline underline-offset-4">
          {t("forgot")}
        </Link>
        <p className="text-fg-muted">
          {t("noAccount")}{" "}
          <Link href="/register" className="text-brand underline underline-offset-4">
            {t("register")}
          </Link>
        </p>
        <p className="text-fg-muted">{t("help", { phone })}</p>
      </div>
      {isDemoPortal() ? (
        <Alert variant="info" title={t("demoTitle")}>
          {t("demoBody", { email: DEMO_USERS.owner.email, password: DEMO_USERS.owner.password })}
        </Alert>
      ) : null}
    </PublicFormPage>
  );
}
