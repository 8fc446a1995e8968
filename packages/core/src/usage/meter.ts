import type { UsageRules } from "../provider/profile.ts";
import { addDays, type BillingPeriod, type CalendarDate, daysBetween, periodDays } from "../billing/calendar.ts";

/** Bytes are BigInt end to end; only the pages turn them into (decimal or binary) gigabytes. */
export interface DailyUsage {
  day: CalendarDate;
  down: bigint;
  up: bigint;
}

export const total = (day: Pick<DailyUsage, "down" | "up">) => day.down + day.up;

export function gigabytes(bytes: bigint, rules: Pick<UsageRules, "gigabyteBytes">): number {
  // Two decimals are plenty for a meter; BigInt keeps exact bytes until here.
  return Number((bytes * 100n) / BigInt(rules.gigabyteBytes)) / 100;
}

export function capBytes(capGb: number | null, rules: Pick<UsageRules, "gigabyteBytes">): bigint | null {
  return capGb === null ? null : BigInt(capGb) * BigInt(rules.gigabyteBytes);
}

export interface Overage {
  /** Blocks started past the cap: a partial block counts as a whole one. */
  blocks: number;
  /** What the blocks would cost before the cap on charges and the courtesy cycle. */
  listCents: number;
  /** What is charged: the list price up to the cycle maximum, or nothing in a courtesy cycle. */
  chargeCents: number;
  courtesy: boolean;
}

export function overageFor(
  usedBytes: bigint,
  cap: bigint | null,
  rules: Pick<UsageRules, "gigabyteBytes" | "overage">,
  courtesyAvailable: boolean,
): Overage {
  if (cap === null || usedBytes <= cap) return { blocks: 0, listCents: 0, chargeCents: 0, courtesy: false };
  const block = BigInt(rules.overage.blockGb) * BigInt(rules.gigabyteBytes);
  const blocks = Number((usedBytes - cap + block - 1n) / block);
  const listCents = blocks * rules.overage.blockCents;
  if (courtesyAvailable) return { blocks, listCents, chargeCents: 0, courtesy: true };
  return { blocks, listCents, chargeCents: Math.min(listCents, rules.overage.maxCentsPerCycle), courtesy: false };
}

export interface Forecast {
  projectedBytes: bigint;
  /** The days the daily average was taken over, and that average. */
  basisDays: number;
  averageBytes: bigint;
  /** Days left in the cycle, today included. */
  daysLeft: number;
}

/**
 * The cycle's total if the rest of it goes like the last seven full days (reaching back into the
 * previous cycle early in this one, when `recent` holds those days). Today is still running, so it
 * is counted as at least an average day.
 */
export function forecastCycle(
  period: BillingPeriod,
  today: CalendarDate,
  days: DailyUsage[],
  /** Daily usage before this cycle, for the basis early in a cycle. */
  recent: DailyUsage[] = [],
): Forecast {
  const inCycle = days.filter((d) => d.day >= period.start && d.day <= period.end);
  const byDay = new Map([...recent, ...inCycle].map((d) => [d.day, total(d)]));
  const used = inCycle.reduce((sum, d) => sum + total(d), 0n);
  const earliest = [...byDay.keys()].sort()[0];
  const available = earliest === undefined ? 0 : Math.max(0, daysBetween(earliest, today));
  const basisDays = Math.min(7, available);
  let basisBytes = 0n;
  for (let i = 1; i <= basisDays; i += 1) basisBytes += byDay.get(addDays(today, -i)) ?? 0n;
  const averageBytes = basisDays === 0 ? 0n : basisBytes / BigInt(basisDays);
  const daysAfterToday = Math.max(0, daysBetween(today, period.end));
  const todaySoFar = byDay.get(today) ?? 0n;
  const restOfToday = averageBytes > todaySoFar ? averageBytes - todaySoFar : 0n;
  return {
    projectedBytes: used + restOfToday + averageBytes * BigInt(daysAfterToday),
    basisDays,
    averageBytes,
    daysLeft: Math.min(daysAfterToday + 1, periodDays(period)),
  };
}

/**
 * The alerts due at this level of use: each chosen percent of the cap reached, then one per block
 * started past the cap ("block-1", "block-2", ...). Sending is deduplicated by the caller.
 */
export function alertsDue(
  usedBytes: bigint,
  cap: bigint | null,
  settings: { thresholds: number[]; everyBlock: boolean },
  rules: Pick<UsageRules, "gigabyteBytes" | "overage">,
): string[] {
  if (cap === null || cap === 0n) return [];
  const due = [...new Set(settings.thresholds)]
    .sort((a, b) => a - b)
    .filter((percent) => usedBytes * 100n >= cap * BigInt(percent))
    .map(String);
  if (settings.everyBlock && usedBytes > cap) {
    const { blocks } = overageFor(usedBytes, cap, rules, false);
    for (let block = 1; block <= blocks; block += 1) due.push(`block-${block}`);
  }
  return due;
}
