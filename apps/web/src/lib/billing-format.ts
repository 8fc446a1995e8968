import { getFormatter, getLocale } from "next-intl/server";
import { brand } from "./brand.ts";

/** Money and calendar dates on the billing pages, in the reader's language. */
export async function billingFormatter() {
  const [format, locale] = await Promise.all([getFormatter(), getLocale()]);
  const currency = brand().currency;
  // US Spanish writes money as "$1,234.56", as the provider's own Spanish pages and bills do.
  const region = locale === "es" ? "es-US" : "en-US";
  const moneyFormat = new Intl.NumberFormat(region, { style: "currency", currency });
  const percentFormat = new Intl.NumberFormat(region, { style: "percent", maximumFractionDigits: 3 });
  const asDate = (date: string) => new Date(`${date}T00:00:00Z`);
  return {
    locale,
    money: (cents: number) => moneyFormat.format(cents / 100),
    /** A calendar date ("2026-11-30"): it names a day, not an instant, so no time zone applies. */
    day: (date: string) => format.dateTime(asDate(date), { dateStyle: "medium", timeZone: "UTC" }),
    longDay: (date: string) => format.dateTime(asDate(date), { dateStyle: "long", timeZone: "UTC" }),
    shortMonth: (date: string) => format.dateTime(asDate(date), { month: "short", timeZone: "UTC" }),
    month: (date: string) => format.dateTime(asDate(date), { month: "long", year: "numeric", timeZone: "UTC" }),
    time: (value: Date, timeZone: string) => format.dateTime(value, { timeStyle: "short", timeZone }),
    instant: (value: Date, timeZone: string) =>
      format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone }),
    percent: (basisPoints: number) => percentFormat.format(basisPoints / 10_000),
    number: (value: number, fractionDigits: number) =>
      new Intl.NumberFormat(region, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }).format(value),
  };
}

export type BillingFormatter = Awaited<ReturnType<typeof billingFormatter>>;
