import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { forgotPasswordAction } from "@/actions/account";
import { AccountForm } from "@/components/account-form";
import { PublicPage } from "@/components/public-page";
import { accountFormErrors } from "@/lib/form-errors";

export const metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  const [t, errors] = await Promise.all([getTranslations("forgot"), accountFormErrors()]);
  return (
    <PublicPage>
      <div className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
          <p className="mt-1 text-fg-muted">{t("description")}</p>
        </div>
        <Card>
          <CardContent>
            <AccountForm
              action={forgotPasswordAction}
              fields={[
                { name: "email", label: t("email"), type: "email", autoComplete: "username", inputMode: "email" },
              ]}
              submitLabel={t("submit")}
              errors={errors}
              done={
                <Alert variant="success" title={t("sentTitle")}>
                  {t("sentBody")}
                </Alert>
              }
            />
          </CardContent>
        </Card>
        <Link href="/login" className="text-sm text-brand underline underline-offset-4">
          {t("back")}
        </Link>
      </div>
    </PublicPage>
  );
}
