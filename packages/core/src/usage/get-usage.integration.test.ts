import { randomBytes, randomUUID } from "node:crypto";
import { createAccount } from "@homeport/db/factories";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { toDbDate } from "../billing/calendar.ts";
import { getUsage } from "./get-usage.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const rules = ctx.profile.usage;
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());

const GB = 1_000_000_000n;
const A = "A8:9A:93:4C:21:07";
const B = "3C:22:FB:10:00:01";
const C = "F0:18:98:AB:CD:EF";

/** 23:30 on March 14 in Sacramento, already March 15 (a new cycle's first day) in UTC. */
const lastEveningOfCycle = new Date("2026-03-15T06:30:00Z");

/** A Sacramento household whose cycles start on the 15th, on an internet plan with the given cap. */
async function household(dataCapGb: number | null) {
  const number = (BigInt(`0x${randomBytes(8).toString("hex")}`) % 10n ** 15n).toString().padStart(15, "0");
  const account = await createAccount(db, { accountNumber: `9${number}`, timeZone: "America/Los_Angeles" });
  accounts.push(account.id);
  await db.serviceAccount.update({ where: { id: account.id }, data: { cycleDay: 15 } });
  const planId = `usage-${randomUUID()}`;
  await db.servicePlan.create({
    data: { id: planId, kind: "INTERNET", name: "Internet Test", monthlyCents: 5000, dataCapGb },
  });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: 5000, startedOn: toDbDate("2024-01-01") },
  });
  return account.id;
}

async function use(accountId: string, rows: [day: string, gigabytes: bigint, mac?: string][]) {
  await db.usageDay.createMany({
    data: rows.map(([day, gigabytes, mac]) => ({
      accountId,
      day: toDbDate(day),
      deviceMac: mac ?? "",
      bytesDown: (gigabytes * GB * 4n) / 5n,
      bytesUp: (gigabytes * GB) / 5n,
    })),
  });
}

describe("getUsage", () => {
  it("reads the current cycle at the service address, line totals only, devices by use", async () => {
    const accountId = await household(1200);
    await use(accountId, [
      // The current cycle, February 15 to March 14.
      ["2026-02-15", 100n],
      ["2026-02-15", 90n, C],
      ["2026-03-01", 200n],
      ["2026-03-01", 150n, A],
      ["2026-03-01", 50n, B],
      ["2026-03-14", 50n],
      ["2026-03-14", 50n, B],
      // The next cycle, and the last day of the previous one.
      ["2026-03-15", 500n],
      ["2026-03-15", 500n, A],
      ["2026-02-14", 30n],
      // One over-cap cycle in the year before.
      ["2025-06-20", 1250n],
    ]);

    const view = await getUsage(db, accountId, lastEveningOfCycle, rules);
    expect(view.today).toBe("2026-03-14");
    expect(view.cycle).toEqual({ start: "2026-02-15", end: "2026-03-14" });
    expect(view.planName).toBe("Internet Test");
    expect(view.capGb).toBe(1200);
    expect(view.capBytes).toBe(1200n * GB);
    expect(view.usedBytes).toBe(350n * GB);
    expect(view.daily.map((d) => [d.day, d.down + d.up])).toEqual([
      ["2026-02-15", 100n * GB],
      ["2026-03-01", 200n * GB],
      ["2026-03-14", 50n * GB],
    ]);
    expect(view.devices).toEqual([
      { mac: A, down: 120n * GB, up: 30n * GB },
      { mac: B, down: 80n * GB, up: 20n * GB },
      { mac: C, down: 72n * GB, up: 18n * GB },
    ]);
    expect(view.forecast.daysLeft).toBe(1);
    expect(view.overageNow).toEqual({ blocks: 0, listCents: 0, chargeCents: 0, courtesy: false });

    expect(view.history).toHaveLength(12);
    expect(view.history[0]?.cycle).toEqual({ start: "2025-02-15", end: "2025-03-14" });
    expect(view.history[11]).toEqual({
      cycle: { start: "2026-01-15", end: "2026-02-14" },
      down: 24n * GB,
      up: 6n * GB,
      over: false,
    });
    const starts = view.history.map((h) => h.cycle.start);
    expect(starts).toEqual([...starts].sort());
    expect(view.history.map((h) => h.over)).toEqual(view.history.map((h) => h.cycle.start === "2025-06-15"));

    // An hour later it is March 15 there too: a new cycle, and this one is history.
    const next = await getUsage(db, accountId, new Date("2026-03-15T07:30:00Z"), rules);
    expect(next.today).toBe("2026-03-15");
    expect(next.cycle).toEqual({ start: "2026-03-15", end: "2026-04-14" });
    expect(next.usedBytes).toBe(500n * GB);
    expect(next.devices).toEqual([{ mac: A, down: 400n * GB, up: 100n * GB }]);
    expect(next.history[11]).toMatchObject({ cycle: { start: "2026-02-15", end: "2026-03-14" }, down: 280n * GB });
  });

  it("waives the first over-cap cycle in twelve months, and charges the next", async () => {
    const accountId = await household(1200);
    // 100 GB over: two blocks. Twelve cycles back is outside the twelve months that count.
    await use(accountId, [
      ["2026-03-01", 1300n],
      ["2025-02-20", 1500n],
    ]);
    const first = await getUsage(db, accountId, lastEveningOfCycle, rules);
    expect(first.history[0]).toMatchObject({ cycle: { start: "2025-02-15" }, over: true });
    expect(first.usedBytes).toBe(1300n * GB);
    expect(first.overageNow).toEqual({ blocks: 2, listCents: 2000, chargeCents: 0, courtesy: true });
    expect(first.overageForecast).toMatchObject({ courtesy: true, chargeCents: 0 });

    // Eleven cycles back is inside them: the courtesy is used, this cycle is charged.
    await use(accountId, [["2025-03-20", 1201n]]);
    const second = await getUsage(db, accountId, lastEveningOfCycle, rules);
    expect(second.history.map((h) => h.over).filter(Boolean)).toHaveLength(2);
    expect(second.overageNow).toEqual({ blocks: 2, listCents: 2000, chargeCents: 2000, courtesy: false });
    expect(second.overageForecast).toMatchObject({ courtesy: false, chargeCents: 2000 });
  });

  it("counts a cycle that ends exactly at the cap as not over it", async () => {
    const accountId = await household(1200);
    // Exactly at the cap last cycle is not over it.
    await use(accountId, [
      ["2026-02-01", 1200n],
      ["2026-03-01", 1250n],
    ]);
    const view = await getUsage(db, accountId, lastEveningOfCycle, rules);
    expect(view.history[11]?.over).toBe(false);
    expect(view.overageNow).toEqual({ blocks: 1, listCents: 1000, chargeCents: 0, courtesy: true });
  });

  it("shows no cap and no overage on an unlimited plan", async () => {
    const accountId = await household(null);
    // An earlier capped plan, ended before today, does not apply.
    const capped = `usage-${randomUUID()}`;
    await db.servicePlan.create({
      data: { id: capped, kind: "INTERNET", name: "Old Capped", monthlyCents: 4000, dataCapGb: 100 },
    });
    await db.subscription.create({
      data: {
        accountId,
        planId: capped,
        priceCents: 4000,
        startedOn: toDbDate("2020-01-01"),
        endedOn: toDbDate("2024-01-01"),
      },
    });
    await use(accountId, [
      ["2026-03-01", 5000n],
      ["2025-12-01", 5000n],
    ]);
    const view = await getUsage(db, accountId, lastEveningOfCycle, rules);
    expect(view.planName).toBe("Internet Test");
    expect(view.capGb).toBeNull();
    expect(view.capBytes).toBeNull();
    expect(view.usedBytes).toBe(5000n * GB);
    expect(view.overageNow).toEqual({ blocks: 0, listCents: 0, chargeCents: 0, courtesy: false });
    expect(view.overageForecast).toEqual({ blocks: 0, listCents: 0, chargeCents: 0, courtesy: false });
    expect(view.history.some((h) => h.over)).toBe(false);
  });
});
