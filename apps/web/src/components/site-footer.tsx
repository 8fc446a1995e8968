import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";

const linkClass = "underline-offset-4 hover:underline";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  const { name, supportPhone } = brand();
  return (
    <div className="flex flex-col gap-3 text-sm text-fg-muted">
      {/* Civ. Code §1798.135(a), §7026(a), §7027(a): the opt-out links on every page, signed in or not. */}
      <nav aria-label={t("privacyLinks")}>
        <ul className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-x-6">
          <li>
            <Link className={linkClass} href="/privacy/do-not-sell">
              {t("doNotSell")}
            </Link>
          </li>
          <li>
            <Link className={linkClass} href="/privacy/limit">
              {t("limitSensitive")}
            </Link>
          </li>
          <li>
            <Link className={linkClass} href="/privacy/request">
              {t("privacyRequests")}
            </Link>
          </li>
        </ul>
      </nav>
      <div className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-x-6">
        <span>{t("rights", { year: new Date().getFullYear(), brand: name })}</span>
        <a className={linkClass} href={`tel:${supportPhone}`}>
          {t("support", { phone: displayPhone(supportPhone) })}
        </a>
        <span>{t("openSource")}</span>
      </div>
    </div>
  );
}
