import { buttonVariants } from "@homeport/ui/button";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <PublicPage>
      <div className="mx-auto flex max-w-xl flex-col items-start gap-4 px-4 py-16">
        <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
        <p className="text-fg-muted">{t("notFoundBody")}</p>
        <Link href="/" className={buttonVariants({ variant: "primary" })}>
          {t("home")}
        </Link>
      </div>
    </PublicPage>
  );
}
