import type { BillingFormatter } from "./billing-format.ts";

/**
 * Notifications keep raw values (cents, calendar dates) so each reader sees them in their own
 * language: `…Cents` becomes money and `…On` a date. `amountCents` is shown as `amount`.
 */
export function notificationValues(
  values: unknown,
  f: Pick<BillingFormatter, "money" | "day">,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    if (key.endsWith("Cents") && typeof value === "number") out[key.slice(0, -5)] = f.money(value);
    else if (key.endsWith("On") && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
      out[key] = f.day(value);
    else out[key] = String(value);
  }
  return out;
}
