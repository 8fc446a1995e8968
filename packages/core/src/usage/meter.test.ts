import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  type CalendarDate,
  calendarDateAt,
  cycleContaining,
  daysBetween,
  periodDays,
  startOfDayAt,
} from "../billing/calendar.ts";
import { charterProfile } from "../provider/charter.ts";
import { alertsDue, capBytes, type DailyUsage, forecastCycle, gigabytes, overageFor } from "./meter.ts";

const rules = charterProfile.usage;
const GB = 1_000_000_000n;
const GIB = 1_073_741_824n;
const BLOCK = 50n * GB;
const CAP = 1200n * GB;

/** `gb` gigabytes a day, all down, for every day from `from` to `to` inclusive. */
function steady(from: CalendarDate, to: CalendarDate, gb: bigint): DailyUsage[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => ({
    day: addDays(from, i),
    down: gb * GB,
    up: 0n,
  }));
}

describe("overageFor", () => {
  it("charges nothing at the cap", () => {
    expect(overageFor(CAP, CAP, rules, false)).toEqual({ blocks: 0, listCents: 0, chargeCents: 0, courtesy: false });
    expect(overageFor(0n, CAP, rules, false).blocks).toBe(0);
  });

  it("counts a started block as a whole one", () => {
    expect(overageFor(CAP + 1n, CAP, rules, false)).toEqual({
      blocks: 1,
      listCents: 1000,
      chargeCents: 1000,
      courtesy: false,
    });
    expect(overageFor(CAP + BLOCK, CAP, rules, false)).toMatchObject({ blocks: 1, chargeCents: 1000 });
    expect(overageFor(CAP + BLOCK + 1n, CAP, rules, false)).toMatchObject({ blocks: 2, chargeCents: 2000 });
  });

  it("caps the charge at the cycle maximum but keeps the full list price", () => {
    // 5,000 GB over: 100 blocks, $1,000 at list, $100 charged.
    expect(overageFor(CAP + 5000n * GB, CAP, rules, false)).toEqual({
      blocks: 100,
      listCents: 100_000,
      chargeCents: 10_000,
      courtesy: false,
    });
    // Exactly ten blocks is exactly the maximum.
    expect(overageFor(CAP + 10n * BLOCK, CAP, rules, false)).toMatchObject({ blocks: 10, chargeCents: 10_000 });
  });

  it("charges nothing in a courtesy cycle, and says so", () => {
    expect(overageFor(CAP + 120n * GB, CAP, rules, true)).toEqual({
      blocks: 3,
      listCents: 3000,
      chargeCents: 0,
      courtesy: true,
    });
    // Not over the cap: nothing to waive, so no courtesy is used.
    expect(overageFor(CAP, CAP, rules, true).courtesy).toBe(false);
  });

  it("charges nothing on an unlimited plan", () => {
    expect(overageFor(100_000n * GB, null, rules, false)).toEqual({
      blocks: 0,
      listCents: 0,
      chargeCents: 0,
      courtesy: false,
    });
  });

  it("blocks are the overage divided by the block size rounded up, charges bounded and monotonic", () => {
    const bytes = fc.bigInt({ min: 0n, max: 20_000n * GB });
    fc.assert(
      fc.property(bytes, bytes, bytes, (cap, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const used = cap + 1n + high;
        const over = used - cap;
        const expectedBlocks = Number(over / BLOCK) + (over % BLOCK === 0n ? 0 : 1);
        const result = overageFor(used, cap, rules, false);
        expect(result.blocks).toBe(expectedBlocks);
        expect(result.listCents).toBe(expectedBlocks * 1000);
        expect(result.chargeCents).toBeLessThanOrEqual(rules.overage.maxCentsPerCycle);
        expect(result.chargeCents).toBe(Math.min(expectedBlocks * 1000, rules.overage.maxCentsPerCycle));
        const lower = overageFor(cap + low, cap, rules, false);
        expect(lower.chargeCents).toBeLessThanOrEqual(result.chargeCents);
        expect(lower.blocks).toBeLessThanOrEqual(result.blocks);
      }),
      { numRuns: 500 },
    );
  });
});

describe("gigabytes and capBytes", () => {
  it("show decimal gigabytes by default, to two decimals", () => {
    expect(gigabytes(0n, rules)).toBe(0);
    expect(gigabytes(GB, rules)).toBe(1);
    expect(gigabytes(1_234_567_890n, rules)).toBe(1.23);
    expect(gigabytes(GIB, rules)).toBe(1.07);
    expect(gigabytes(CAP, rules)).toBe(1200);
  });

  it("show binary gigabytes for a provider that counts them", () => {
    const binary = { gigabyteBytes: 1_073_741_824 } as const;
    expect(gigabytes(GIB, binary)).toBe(1);
    expect(gigabytes(GB, binary)).toBe(0.93);
    expect(gigabytes(1024n * GIB, binary)).toBe(1024);
    expect(capBytes(1024, binary)).toBe(1024n * GIB);
  });

  it("stay exact for byte counts past 2^53", () => {
    expect(gigabytes(2n ** 53n + 1n, rules)).toBe(9007199.25);
    expect(capBytes(1200, rules)).toBe(CAP);
    expect(capBytes(null, rules)).toBeNull();
  });
});

describe("forecastCycle", () => {
  const march = { start: "2026-03-01", end: "2026-03-31" };

  it("forecasts nothing without data", () => {
    expect(forecastCycle(march, "2026-03-20", [])).toEqual({
      projectedBytes: 0n,
      basisDays: 0,
      averageBytes: 0n,
      daysLeft: 12,
    });
  });

  it("a steady 10 GB a day adds 10 GB for each day left, today included", () => {
    const days = steady("2026-03-01", "2026-03-19", 10n);
    const forecast = forecastCycle(march, "2026-03-20", days);
    expect(forecast.basisDays).toBe(7);
    expect(forecast.averageBytes).toBe(10n * GB);
    expect(forecast.daysLeft).toBe(12);
    expect(forecast.projectedBytes).toBe(190n * GB + 10n * GB * 12n);
    expect(forecast.projectedBytes).toBe(310n * GB);

    // Today's use so far counts, and today is at least an average day.
    const partly = forecastCycle(march, "2026-03-20", [...days, { day: "2026-03-20", down: 4n * GB, up: 0n }]);
    expect(partly.projectedBytes).toBe(310n * GB);
    const heavy = forecastCycle(march, "2026-03-20", [...days, { day: "2026-03-20", down: 25n * GB, up: 0n }]);
    expect(heavy.projectedBytes).toBe(190n * GB + 25n * GB + 11n * 10n * GB);
  });

  it("averages only the last seven full days", () => {
    const days = [...steady("2026-03-01", "2026-03-12", 100n), ...steady("2026-03-13", "2026-03-19", 10n)];
    const forecast = forecastCycle(march, "2026-03-20", days);
    expect(forecast.basisDays).toBe(7);
    expect(forecast.averageBytes).toBe(10n * GB);
    expect(forecast.projectedBytes).toBe(1200n * GB + 70n * GB + 12n * 10n * GB);
  });

  it("counts download and upload, and missing days in the basis as zero", () => {
    const days: DailyUsage[] = [
      { day: "2026-03-13", down: 6n * GB, up: 1n * GB },
      { day: "2026-03-19", down: 6n * GB, up: 1n * GB },
    ];
    const forecast = forecastCycle(march, "2026-03-20", days);
    expect(forecast.basisDays).toBe(7);
    expect(forecast.averageBytes).toBe(2n * GB);
  });

  it("early in a cycle takes the days so far, or reaches back into the previous cycle", () => {
    const days = steady("2026-03-01", "2026-03-03", 10n);
    const alone = forecastCycle(march, "2026-03-04", days);
    expect(alone.basisDays).toBe(3);
    expect(alone.averageBytes).toBe(10n * GB);
    expect(alone.daysLeft).toBe(28);
    expect(alone.projectedBytes).toBe(30n * GB + 28n * 10n * GB);

    const february = steady("2026-02-01", "2026-02-28", 24n);
    const reaching = forecastCycle(march, "2026-03-04", days, february);
    expect(reaching.basisDays).toBe(7);
    // 3 days of 10 GB and 4 of 24 GB.
    expect(reaching.averageBytes).toBe(((30n + 96n) * GB) / 7n);
    // February counts for the basis only, never as use in this cycle.
    expect(reaching.projectedBytes).toBe(30n * GB + reaching.averageBytes * 28n);
  });

  it("on a cycle's first day has no basis without the previous cycle", () => {
    const today = [{ day: "2026-03-01", down: 2n * GB, up: 0n }];
    const forecast = forecastCycle(march, "2026-03-01", today);
    expect(forecast).toEqual({ projectedBytes: 2n * GB, basisDays: 0, averageBytes: 0n, daysLeft: 31 });

    const withPrevious = forecastCycle(march, "2026-03-01", today, steady("2026-02-01", "2026-02-28", 10n));
    expect(withPrevious.basisDays).toBe(7);
    expect(withPrevious.projectedBytes).toBe(310n * GB);
  });

  it("on a cycle's last day has one day left", () => {
    const forecast = forecastCycle(march, "2026-03-31", steady("2026-03-01", "2026-03-30", 10n));
    expect(forecast.daysLeft).toBe(1);
    expect(forecast.projectedBytes).toBe(310n * GB);
  });

  it("counts calendar days, not hours, across the clocks going back", () => {
    const zone = "America/Los_Angeles";
    const cycle = cycleContaining("2026-11-01", 20);
    expect(cycle).toEqual({ start: "2026-10-20", end: "2026-11-19" });
    expect(periodDays(cycle)).toBe(31);
    // 31 days but 745 hours: November 1 has 25.
    const hours = (startOfDayAt("2026-11-20", zone).getTime() - startOfDayAt(cycle.start, zone).getTime()) / 3_600_000;
    expect(hours).toBe(31 * 24 + 1);
    // The last minute of the cycle in Sacramento is already November 20 in UTC.
    const lastMinute = new Date("2026-11-20T07:59:00Z");
    expect(calendarDateAt(lastMinute, zone)).toBe(cycle.end);

    expect(forecastCycle(cycle, "2026-10-20", []).daysLeft).toBe(31);
    const afterChange = forecastCycle(cycle, "2026-11-02", steady("2026-10-20", "2026-11-01", 10n));
    expect(afterChange.daysLeft).toBe(18);
    expect(afterChange.projectedBytes).toBe(310n * GB);
  });
});

describe("alertsDue", () => {
  const defaults = { thresholds: [75, 90, 100], everyBlock: true };
  const cap = 1000n * GB;

  it("names each threshold reached", () => {
    expect(alertsDue(740n * GB, cap, defaults, rules)).toEqual([]);
    expect(alertsDue(750n * GB - 1n, cap, defaults, rules)).toEqual([]);
    expect(alertsDue(750n * GB, cap, defaults, rules)).toEqual(["75"]);
    expect(alertsDue(900n * GB, cap, defaults, rules)).toEqual(["75", "90"]);
    expect(alertsDue(cap, cap, defaults, rules)).toEqual(["75", "90", "100"]);
  });

  it("adds one per block started past the cap", () => {
    expect(alertsDue(cap + 1n, cap, defaults, rules)).toEqual(["75", "90", "100", "block-1"]);
    expect(alertsDue(CAP + 120n * GB, CAP, defaults, rules)).toEqual([
      "75",
      "90",
      "100",
      "block-1",
      "block-2",
      "block-3",
    ]);
  });

  it("follows custom thresholds, without block alerts when turned off", () => {
    const custom = { thresholds: [85, 50, 85], everyBlock: false };
    expect(alertsDue(499n * GB, cap, custom, rules)).toEqual([]);
    expect(alertsDue(600n * GB, cap, custom, rules)).toEqual(["50"]);
    expect(alertsDue(cap + 120n * GB, cap, custom, rules)).toEqual(["50", "85"]);
  });

  it("sends nothing on an unlimited plan", () => {
    expect(alertsDue(100_000n * GB, null, defaults, rules)).toEqual([]);
  });
});
