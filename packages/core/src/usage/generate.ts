import { addDays, type CalendarDate, daysBetween, startOfDayAt } from "../billing/calendar.ts";
/** A record as the network sends it: JSON, times as ISO 8601, bytes as decimal strings. */
export interface UsageRecordWire {
  id: string;
  accountNumber?: string;
  modemMac?: string;
  deviceMac?: string;
  intervalStart: string;
  intervalEnd: string;
  bytesDown: string;
  bytesUp: string;
}

/** How much a household uses: gigabytes on an average weekday, and its devices' shares. */
export interface HouseholdPattern {
  accountNumber: string;
  timeZone: string;
  averageGbPerDay: number;
  /** Upload as a fraction of download (video calls and backups push it up). */
  uploadShare: number;
  devices: { mac: string; weight: number }[];
  /** Cycles (by start date) that run hotter or cooler than usual, e.g. a month of streaming a new series. */
  multiplierFrom?: (day: CalendarDate) => number;
}

/** Saturday and Sunday run about a third higher; evenings carry most of a weekday. */
const WEEKEND_FACTOR = 1.35;

/**
 * Share of a day's traffic in each local hour: quiet overnight, a morning bump, streaming in the
 * evening (peaking 20:00–22:00). Sums to 1.
 */
const HOURLY_SHARE = (() => {
  const weights = [3, 2, 1.5, 1, 1, 1.5, 3, 4, 4, 3.5, 3.5, 4, 4.5, 4, 4, 4.5, 5, 6, 7.5, 9, 10.5, 10.5, 8.5, 5.5];
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
})();

/** A small seeded generator, so the same seed gives the same demo data on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Usage records for the complete days in [from, to], one per device per day, each spanning that
 * local day. A day still running is left for the next run, as a network's daily feed would, so
 * record ids stay stable and generating twice adds nothing.
 */
export function generateUsageRecords(
  pattern: HouseholdPattern,
  from: CalendarDate,
  to: CalendarDate,
  now: Date,
  seed = 1,
  /** "day": one record per device per day (a daily feed); "hour": one per device per local hour. */
  granularity: "day" | "hour" = "day",
): UsageRecordWire[] {
  const random = seededRandom(seed);
  const records: UsageRecordWire[] = [];
  const days = daysBetween(from, to);
  for (let i = 0; i <= days; i += 1) {
    const day = addDays(from, i);
    const start = startOfDayAt(day, pattern.timeZone);
    const nextDay = startOfDayAt(addDays(day, 1), pattern.timeZone);
    if (nextDay > now) break;
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6 ? WEEKEND_FACTOR : 1;
    const wobble = 0.75 + random() * 0.5;
    const gb = pattern.averageGbPerDay * weekend * wobble * (pattern.multiplierFrom?.(day) ?? 1);
    const totalWeight = pattern.devices.reduce((sum, d) => sum + d.weight, 0);
    for (const device of pattern.devices) {
      const share = (device.weight / totalWeight) * (0.85 + random() * 0.3);
      const down = Math.round(gb * share * 1e9);
      const up = Math.round(gb * share * pattern.uploadShare * 1e9);
      const mac = device.mac.replaceAll(":", "");
      if (granularity === "day") {
        records.push({
          id: `gen-${pattern.accountNumber}-${day}-${mac}`,
          accountNumber: pattern.accountNumber,
          deviceMac: device.mac,
          intervalStart: start.toISOString(),
          intervalEnd: nextDay.toISOString(),
          bytesDown: down.toString(),
          bytesUp: up.toString(),
        });
        continue;
      }
      // Local hours: 23 or 25 of them on the days the clocks change.
      const hours = Math.round((nextDay.getTime() - start.getTime()) / 3_600_000);
      for (let h = 0; h < hours; h += 1) {
        const share = HOURLY_SHARE[Math.min(23, Math.round((h * 24) / hours))] as number;
        const from = new Date(start.getTime() + h * 3_600_000);
        records.push({
          id: `gen-${pattern.accountNumber}-${from.toISOString()}-${mac}`,
          accountNumber: pattern.accountNumber,
          deviceMac: device.mac,
          intervalStart: from.toISOString(),
          intervalEnd: new Date(from.getTime() + 3_600_000).toISOString(),
          bytesDown: Math.round(down * share).toString(),
          bytesUp: Math.round(up * share).toString(),
        });
      }
    }
  }
  return records;
}
