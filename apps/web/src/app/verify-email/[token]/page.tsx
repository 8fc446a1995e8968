import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { getTranslations } from "next-intl/server";
import { confirmEmailAction } from "@/actions/account";
import { PublicPage } from "@/components/public-page";

export const metadata = { title: "Confirm your email", referrer: "no-referrer" };

/** Opening the link changes nothing by itself (mail scanners open links); the button does. */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("verifyEmail");
  return (
    <PublicPage>
      <div className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <Card>
          <CardContent className="flex flex-col gap-4">
            <p>{t("body")}</p>
            <form action={confirmEmailAction}>
              <input type="hidden" name="secret" value={token} />
              <Button type="submit">{t("confirm")}</Button>
            </form>
          </CardContent>
        </Card>
      </div>
    </PublicPage>
  );
}
