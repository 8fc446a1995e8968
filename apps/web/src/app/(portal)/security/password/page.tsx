import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { minimumPasswordLength } from "@homeport/core/identity/password-policy";
import { getTranslations } from "next-intl/server";
import { requireRecentAuth } from "@/lib/session";
import { PasswordForm } from "./password-form.tsx";

export const metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await requireRecentAuth("/security/password");
  const t = await getTranslations("security.password");
  const minLength = minimumPasswordLength(user.staffRole ? "staff" : "subscriber");
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <CardContent>
          <PasswordForm
            labels={{
              password: t("new"),
              hint: t("hint", { min: minLength }),
              confirmation: t("confirm"),
              submit: t("submit"),
              submitting: t("submitting"),
            }}
            errors={{
              password_required: t("errors.password_required"),
              password_mismatch: t("errors.password_mismatch"),
              too_short: t("errors.too_short", { min: minLength }),
              too_long: t("errors.too_long"),
              common: t("errors.common"),
              matches_email: t("errors.matches_email"),
              matches_context: t("errors.matches_context"),
              generic: t("errors.generic"),
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
