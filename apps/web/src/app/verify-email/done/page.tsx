import { Alert } from "@homeport/ui/alert";
import { buttonVariants } from "@homeport/ui/button";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicFormPage } from "@/components/public-form-page";

export const metadata = { title: "Email" };

export default async function VerifyEmailDonePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const result = (await searchParams).result;
  const t = await getTranslations("verifyEmail");
  const outcome = result === "verified" || result === "changed" || result === "taken" ? result : "invalid";
  return (
    <PublicFormPage title={t("title")}>
      <Alert variant={outcome === "verified" || outcome === "changed" ? "success" : "warning"}>
        {t(`result.${outcome}`)}
      </Alert>
      <Link href="/dashboard" className={buttonVariants({ variant: "primary" })}>
        {t("continue")}
      </Link>
    </PublicFormPage>
  );
}
