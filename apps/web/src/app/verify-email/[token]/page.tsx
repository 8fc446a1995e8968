import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { getTranslations } from "next-intl/server";
import { confirmEmailAction } from "@/actions/account";
import { PublicFormPage } from "@/components/public-form-page";

export const metadata = { title: "Confirm your email", referrer: "no-referrer" };

/** Opening the link changes nothing by itself (mail scanners open links); the button does. */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("verifyEmail");
  return (
    <PublicFormPage title={t("title")}>
      <Card>
        <CardContent className="flex flex-col gap-4">
          <p>{t("body")}</p>
          <form action={confirmEmailAction}>
            <input type="hidden" name="secret" value={token} />
            <Button type="submit">{t("confirm")}</Button>
          </form>
        </CardContent>
      </Card>
    </PublicFormPage>
  );
}
