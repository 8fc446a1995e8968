import { getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  const { name, supportPhone } = brand();
  return (
    <div className="flex flex-col gap-1 text-sm text-fg-muted sm:flex-row sm:flex-wrap sm:gap-x-6">
      <span>{t("rights", { year: new Date().getFullYear(), brand: name })}</span>
      <a className="underline-offset-4 hover:underline" href={`tel:${supportPhone}`}>
        {t("support", { phone: displayPhone(supportPhone) })}
      </a>
      <span>{t("openSource")}</span>
    </div>
  );
}
