import type { OutageAtAddress } from "@homeport/core/services/outage-lookup";
import { Alert } from "@homeport/ui/alert";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";

/** "internet and TV" / "internet y TV": the affected services as a list in the reader's language. */
export async function serviceListFormatter() {
  const [t, locale] = await Promise.all([getTranslations("services"), getLocale()]);
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  return (kinds: readonly string[]) => list.format(kinds.map((kind) => t("kindLower", { kind })));
}

/** The outage at the subscriber's address, on the dashboard and the services pages. */
export async function OutageBanner({ outages, timeZone }: { outages: OutageAtAddress[]; timeZone?: string }) {
  if (outages.length === 0) return null;
  const [t, format, services] = await Promise.all([
    getTranslations("services.outage"),
    getFormatter(),
    serviceListFormatter(),
  ]);
  const zone = timeZone ?? brand().timeZone;
  return (
    <>
      {outages.map((outage) => (
        <Alert
          key={outage.id}
          variant="warning"
          title={t("bannerTitle", { services: services(outage.services) })}
          action={
            <Link href="/services/outages" className="text-sm font-medium text-brand underline underline-offset-4">
              {t("details")}
            </Link>
          }
        >
          {outage.etaAt
            ? t("bannerEta", {
                status: outage.status,
                eta: format.dateTime(outage.etaAt, { dateStyle: "medium", timeStyle: "short", timeZone: zone }),
              })
            : t("bannerNoEta", { status: outage.status })}
        </Alert>
      ))}
    </>
  );
}
