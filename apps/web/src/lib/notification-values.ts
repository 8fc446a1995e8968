import type { BillingFormatter } from "./billing-format.ts";

/**
 * Notifications keep raw values (cents, calendar dates) so each reader sees them in their own
 * language: `…Cents` becomes money, `…On` a date and `…At` (an ISO instant) a time of day in the
 * notice's `zone`. `amountCents` is shown as `amount`, `fromAt` as `from`.
 */
export function notificationValues(
  values: unknown,
  f: Pick<BillingFormatter, "money" | "day" | "time">,
  fallbackZone = "UTC",
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = (values ?? {}) as Record<string, unknown>;
  const zone = typeof entries.zone === "string" ? entries.zone : fallbackZone;
  for (const [key, value] of Object.entries(entries)) {
    if (key.endsWith("Cents") && typeof value === "number") out[key.slice(0, -5)] = f.money(value);
    else if (key.endsWith("At") && typeof value === "string" && !Number.isNaN(Date.parse(value)))
      out[key.slice(0, -2)] = f.time(new Date(value), zone);
    else if (key.endsWith("On") && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
      out[key] = f.day(value);
    else out[key] = String(value);
  }
  return out;
}
