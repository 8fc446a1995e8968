import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { getTranslations } from "next-intl/server";
import { changeEmailAction } from "@/actions/account";
import { AccountForm } from "@/components/account-form";
import { accountFormErrors } from "@/lib/form-errors";
import { requireRecentAuth } from "@/lib/session";

export const metadata = { title: "Change email" };

export default async function ChangeEmailPage() {
  const user = await requireRecentAuth("/security/email");
  const [t, errors] = await Promise.all([getTranslations("security.email"), accountFormErrors()]);
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { email: user.email })} />
      <Card>
        <CardContent>
          <AccountForm
            action={changeEmailAction}
            fields={[{ name: "email", label: t("new"), type: "email", autoComplete: "email", inputMode: "email" }]}
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
    </div>
  );
}
