import { proratedCents, sumCents } from "../billing/money.ts";
import type { ServiceRules } from "../provider/profile.ts";

const HOUR_MS = 3_600_000;

/** Whole hours an outage lasted, rounded down (a 4 h 59 min outage is 4 hours). */
export function outageHours(startedAt: Date, resolvedAt: Date): number {
  return Math.max(0, Math.floor((resolvedAt.getTime() - startedAt.getTime()) / HOUR_MS));
}

/**
 * Days of service credited for an outage: none below the minimum, then one day for each started
 * block of `hoursPerCreditDay` (with the defaults, 4–24 hours is one day, 25–48 two).
 */
export function creditDays(startedAt: Date, resolvedAt: Date, rules: ServiceRules["outageCredit"]): number {
  const elapsedHours = (resolvedAt.getTime() - startedAt.getTime()) / HOUR_MS;
  if (elapsedHours < rules.minimumHours) return 0;
  return Math.ceil(elapsedHours / rules.hoursPerCreditDay);
}

/**
 * The credit for `days` days of the affected services, each at the monthly rate it was billed at,
 * prorated by day over the account's billing cycle the way the statement prorates service.
 */
export function creditCents(monthlyRates: readonly number[], days: number, cycleDays: number): number {
  if (days <= 0) return 0;
  const fullCycles = Math.floor(days / cycleDays);
  const rest = days - fullCycles * cycleDays;
  return sumCents(monthlyRates.map((rate) => rate * fullCycles + proratedCents(rate, 0, rest, cycleDays)));
}
