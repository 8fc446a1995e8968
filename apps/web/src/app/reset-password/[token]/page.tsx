import { coreContext } from "@homeport/core/context";
import { inspectResetLink } from "@homeport/core/identity/password-reset";
import { minimumPasswordLength } from "@homeport/core/identity/password-policy";
import { Alert } from "@homeport/ui/alert";
import { buttonVariants } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { resetPasswordAction } from "@/actions/account";
import { AccountForm } from "@/components/account-form";
import { PublicFormPage } from "@/components/public-form-page";
import { accountFormErrors } from "@/lib/form-errors";

export const metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, link] = await Promise.all([getTranslations("reset"), inspectResetLink(coreContext(), token)]);
  const minLength = minimumPasswordLength(link?.staff ? "staff" : "subscriber");
  const errors = await accountFormErrors(minLength);
  return (
    <PublicFormPage title={t("title")}>
      {link ? (
        <Card>
          <CardContent className="flex flex-col gap-4">
            <p className="text-fg-muted">{t("forEmail", { email: link.email })}</p>
            <AccountForm
              action={resetPasswordAction}
              hidden={{ secret: token }}
              fields={[
                {
                  name: "password",
                  label: t("password"),
                  type: "password",
                  autoComplete: "new-password",
                  hint: t("hint", { min: minLength }),
                },
                { name: "confirmation", label: t("confirm"), type: "password", autoComplete: "new-password" },
                ...(link.needsCode
                  ? [
                      {
                        name: "code",
                        label: t("code"),
                        autoComplete: "one-time-code",
                        hint: t("codeHint"),
                      },
                    ]
                  : []),
              ]}
              submitLabel={t("submit")}
              errors={errors}
            />
          </CardContent>
        </Card>
      ) : (
        <>
          <Alert variant="warning" title={t("invalidTitle")}>
            {t("invalidBody")}
          </Alert>
          <Link href="/forgot-password" className={buttonVariants({ variant: "primary" })}>
            {t("again")}
          </Link>
        </>
      )}
    </PublicFormPage>
  );
}
