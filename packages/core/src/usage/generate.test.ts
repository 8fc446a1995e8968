import { describe, expect, it } from "vitest";
import { calendarDateAt, startOfDayAt } from "../billing/calendar.ts";
import { generateUsageRecords, type HouseholdPattern, type UsageRecordWire } from "./generate.ts";
import { ZUsageRecordInput } from "./ingest.ts";

const zone = "America/Los_Angeles";
const pattern: HouseholdPattern = {
  accountNumber: "8352000000000042",
  timeZone: zone,
  averageGbPerDay: 20,
  uploadShare: 0.1,
  devices: [
    { mac: "A8:9A:93:4C:21:07", weight: 5 },
    { mac: "3C:22:FB:10:00:01", weight: 2 },
    { mac: "F0:18:98:AB:CD:EF", weight: 1 },
  ],
};
/** Long after every day below has ended. */
const later = new Date("2027-01-01T00:00:00Z");

const dayOf = (record: UsageRecordWire) => calendarDateAt(new Date(record.intervalStart), zone);
const bytes = (record: UsageRecordWire) => BigInt(record.bytesDown) + BigInt(record.bytesUp);

describe("generateUsageRecords", () => {
  it("gives the same records for the same seed, and other bytes (same ids) for another", () => {
    const a = generateUsageRecords(pattern, "2026-03-01", "2026-03-31", later, 7);
    const b = generateUsageRecords(pattern, "2026-03-01", "2026-03-31", later, 7);
    expect(b).toEqual(a);
    const other = generateUsageRecords(pattern, "2026-03-01", "2026-03-31", later, 8);
    expect(other.map((r) => r.id)).toEqual(a.map((r) => r.id));
    expect(other.map((r) => r.bytesDown)).not.toEqual(a.map((r) => r.bytesDown));
  });

  it("emits complete local days only, leaving the day still running for the next run", () => {
    // 13:00 on March 15 in Sacramento: March 15 is still running.
    const records = generateUsageRecords(pattern, "2026-03-10", "2026-03-20", new Date("2026-03-15T20:00:00Z"));
    expect([...new Set(records.map(dayOf))]).toEqual([
      "2026-03-10",
      "2026-03-11",
      "2026-03-12",
      "2026-03-13",
      "2026-03-14",
    ]);
    // 23:59 on March 15 there, already March 16 in UTC: still running.
    const lateEvening = generateUsageRecords(pattern, "2026-03-15", "2026-03-15", new Date("2026-03-16T06:59:00Z"));
    expect(lateEvening).toEqual([]);
    // Midnight at the service address: March 15 is complete.
    const midnight = generateUsageRecords(pattern, "2026-03-15", "2026-03-20", startOfDayAt("2026-03-16", zone));
    expect([...new Set(midnight.map(dayOf))]).toEqual(["2026-03-15"]);
  });

  it("emits one record per device per day, each spanning its local day", () => {
    const records = generateUsageRecords(pattern, "2026-01-01", "2026-01-31", later);
    expect(records).toHaveLength(31 * 3);
    const pairs = new Set(records.map((r) => `${dayOf(r)}|${r.deviceMac}`));
    expect(pairs.size).toBe(31 * 3);
    for (const record of records) {
      expect(record.accountNumber).toBe(pattern.accountNumber);
      expect(pattern.devices.map((d) => d.mac)).toContain(record.deviceMac);
      expect(record.intervalStart).toBe(startOfDayAt(dayOf(record), zone).toISOString());
      expect(calendarDateAt(new Date(new Date(record.intervalEnd).getTime() - 1), zone)).toBe(dayOf(record));
      expect(record.id).toBe(`gen-${pattern.accountNumber}-${dayOf(record)}-${record.deviceMac?.replaceAll(":", "")}`);
    }
  });

  it("runs higher on weekends than on weekdays over a few months", () => {
    const records = generateUsageRecords(pattern, "2026-01-01", "2026-04-30", later, 3);
    const weekend: bigint[] = [];
    const weekday: bigint[] = [];
    const byDay = new Map<string, bigint>();
    for (const record of records) byDay.set(dayOf(record), (byDay.get(dayOf(record)) ?? 0n) + bytes(record));
    for (const [day, total] of byDay) {
      const weekdayNumber = new Date(`${day}T12:00:00Z`).getUTCDay();
      (weekdayNumber === 0 || weekdayNumber === 6 ? weekend : weekday).push(total);
    }
    const mean = (values: bigint[]) => Number(values.reduce((a, b) => a + b, 0n)) / values.length;
    expect(weekend.length).toBeGreaterThan(30);
    expect(mean(weekend)).toBeGreaterThan(mean(weekday) * 1.15);
    // And near the pattern's average on a weekday (down plus 10 % up).
    expect(mean(weekday) / 1e9).toBeGreaterThan(20 * 1.1 * 0.9);
    expect(mean(weekday) / 1e9).toBeLessThan(20 * 1.1 * 1.1);
  });

  it("keeps ids and bytes stable when a later run covers more days", () => {
    const first = generateUsageRecords(pattern, "2026-02-01", "2026-02-28", new Date("2026-02-10T20:00:00Z"));
    const second = generateUsageRecords(pattern, "2026-02-01", "2026-02-28", new Date("2026-02-20T20:00:00Z"));
    expect(first).toHaveLength(9 * 3);
    expect(second).toHaveLength(19 * 3);
    expect(second.slice(0, first.length)).toEqual(first);
  });

  it("emits records the ingestion API accepts, the 25- and 23-hour days included", () => {
    const records = generateUsageRecords(pattern, "2026-01-01", "2026-12-30", later);
    expect(records).toHaveLength(364 * 3);
    for (const record of records) {
      const parsed = ZUsageRecordInput.safeParse(record);
      expect(parsed.success, `${record.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    const hours = (day: string) =>
      records
        .filter((r) => dayOf(r) === day)
        .map((r) => (new Date(r.intervalEnd).getTime() - new Date(r.intervalStart).getTime()) / 3_600_000);
    expect(hours("2026-11-01")).toEqual([25, 25, 25]);
    expect(hours("2026-03-08")).toEqual([23, 23, 23]);
    expect(hours("2026-06-15")).toEqual([24, 24, 24]);
  });
});

describe("hourly records", () => {
  it("follow the day's rhythm, cover each local hour once, and add up to the day", () => {
    const pattern = {
      accountNumber: "8352100012345678",
      timeZone: "America/Los_Angeles",
      averageGbPerDay: 24,
      uploadShare: 0.1,
      devices: [{ mac: "02:00:00:00:00:01", weight: 1 }],
    };
    const now = new Date("2026-11-03T12:00:00Z");
    const hourly = generateUsageRecords(pattern, "2026-10-31", "2026-11-02", now, 7, "hour");
    const daily = generateUsageRecords(pattern, "2026-10-31", "2026-11-02", now, 7, "day");
    // 24 + 25 (the clocks go back on November 1) + 24 hours.
    expect(hourly).toHaveLength(73);
    expect(new Set(hourly.map((r) => r.id)).size).toBe(73);
    for (const record of hourly) expect(ZUsageRecordInput.safeParse(record).success).toBe(true);
    const sum = (records: typeof hourly, day: string) =>
      records
        .filter((r) => new Date(r.intervalStart).toLocaleDateString("en-CA", { timeZone: pattern.timeZone }) === day)
        .reduce((total, r) => total + Number(r.bytesDown), 0);
    expect(Math.abs(sum(hourly, "2026-10-31") - sum(daily, "2026-10-31"))).toBeLessThan(
      sum(daily, "2026-10-31") * 0.02,
    );
    const hourOf = (r: (typeof hourly)[number]) =>
      Number(
        new Date(r.intervalStart).toLocaleString("en-US", {
          hour: "numeric",
          hourCycle: "h23",
          timeZone: pattern.timeZone,
        }),
      );
    const at = (hour: number) => Number(hourly.find((r) => hourOf(r) === hour)?.bytesDown);
    expect(at(21)).toBeGreaterThan(at(4) * 5);
  });
});
