import { coreContext } from "@homeport/core/context";
import { inspectInvite } from "@homeport/core/identity/household";
import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import { getTranslations } from "next-intl/server";
import { acceptInviteAction } from "@/actions/account";
import { AccountForm } from "@/components/account-form";
import { PublicFormPage } from "@/components/public-form-page";
import { brand } from "@/lib/brand";
import { accountFormErrors } from "@/lib/form-errors";

export const metadata = { title: "Join your household's account", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, invite, errors] = await Promise.all([
    getTranslations("invite"),
    inspectInvite(coreContext(), token),
    accountFormErrors(),
  ]);
  return (
    <PublicFormPage title={t("title", { brand: brand().name })}>
      {invite ? (
        <Card>
          <CardContent className="flex flex-col gap-4">
            <p>{t("body", { inviter: invite.inviter, email: invite.email })}</p>
            <AccountForm
              action={acceptInviteAction}
              hidden={{ secret: token }}
              fields={[
                { name: "name", label: t("name"), autoComplete: "name" },
                {
                  name: "password",
                  label: t("password"),
                  type: "password",
                  autoComplete: "new-password",
                  hint: t("passwordHint", { min: 8 }),
                },
                { name: "confirmation", label: t("confirm"), type: "password", autoComplete: "new-password" },
              ]}
              submitLabel={t("submit")}
              errors={errors}
            />
          </CardContent>
        </Card>
      ) : (
        <Alert variant="warning" title={t("invalidTitle")}>
          {t("invalidBody")}
        </Alert>
      )}
    </PublicFormPage>
  );
}
