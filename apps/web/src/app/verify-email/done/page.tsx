import { Alert } from "@homeport/ui/alert";
import { buttonVariants } from "@homeport/ui/button";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";

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
    <PublicPage>
      <div className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <Alert variant={outcome === "verified" || outcome === "changed" ? "success" : "warning"}>
          {t(`result.${outcome}`)}
        </Alert>
        <Link href="/dashboard" className={buttonVariants({ variant: "primary" })}>
          {t("continue")}
        </Link>
      </div>
    </PublicPage>
  );
}
