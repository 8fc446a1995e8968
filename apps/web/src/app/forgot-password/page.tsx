import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { forgotPasswordAction } from "@/actions/account";
import { AccountForm } from "@/components/account-form";
import { PublicFormPage } from "@/components/public-form-page";
import { accountFormErrors } from "@/lib/form-errors";

export const metadata = { title: "Forgot password" };

export default async function ForgotPasswordPage() {
  const [t, errors] = await Promise.all([getTranslations("forgot"), accountFormErrors()]);
  return (
    <PublicFormPage title={t("title")} description={t("description")}>
      <Card>
        <CardContent>
          <AccountForm
            action={forgotPasswordAction}
            fields={[{ name: "email", label: t("email"), type: "email", autoComplete: "username", inputMode: "email" }]}
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
    </PublicFormPage>
  );
}
