import { randomUUID } from "node:crypto";
import { createHousehold } from "@homeport/db/factories";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { toDbDate } from "../billing/calendar.ts";
import { generateDueStatements } from "../billing/statements.ts";
import { createTestContext } from "../testing/test-context.ts";
import { assessUsageOverage } from "./overage-charge.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());

const GB = 1_000_000_000n;

async function household() {
  const { account } = await createHousehold(db, { owner: { email: `overage-${randomUUID()}@example.com` } });
  accounts.push(account.id);
  await db.serviceAccount.update({ where: { id: account.id }, data: { cycleDay: 1 } });
  const planId = `overage-${randomUUID()}`;
  await db.servicePlan.create({
    data: { id: planId, kind: "INTERNET", name: "Capped", monthlyCents: 5000, dataCapGb: 1000 },
  });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: 5000, startedOn: toDbDate("2025-01-01") },
  });
  return account;
}

const use = (accountId: string, day: string, gigabytes: bigint) =>
  db.usageDay.create({ data: { accountId, day: toDbDate(day), bytesDown: gigabytes * GB } });

describe("data overage at cycle close", () => {
  it("the first over-cap cycle in 12 months is a $0 courtesy line; the next is charged per block, once", async () => {
    const account = await household();
    await use(account.id, "2026-03-10", 1120n);
    const march = { start: "2026-03-01", end: "2026-03-31" };
    expect(await assessUsageOverage(db, account.id, march, ctx.profile.usage)).toMatchObject({
      blocks: 3,
      courtesy: true,
      chargeCents: 0,
    });

    await use(account.id, "2026-04-10", 1060n);
    const april = { start: "2026-04-01", end: "2026-04-30" };
    await assessUsageOverage(db, account.id, april, ctx.profile.usage);
    await assessUsageOverage(db, account.id, april, ctx.profile.usage);
    const charges = await db.accountCharge.findMany({
      where: { accountId: account.id },
      orderBy: { chargedOn: "asc" },
    });
    expect(charges.map((c) => [c.code, c.amountCents])).toEqual([
      ["usage-overage-courtesy", 0],
      ["usage-overage", 2000],
    ]);
  });

  it("caps the charge at the cycle maximum, and adds nothing within the cap or on an unlimited plan", async () => {
    const account = await household();
    await use(account.id, "2025-12-10", 1100n); // the courtesy cycle
    await use(account.id, "2026-01-10", 3000n);
    const january = { start: "2026-01-01", end: "2026-01-31" };
    await assessUsageOverage(db, account.id, { start: "2025-12-01", end: "2025-12-31" }, ctx.profile.usage);
    expect(await assessUsageOverage(db, account.id, january, ctx.profile.usage)).toMatchObject({
      blocks: 40,
      listCents: 40_000,
      chargeCents: 10_000,
    });
    expect(
      await assessUsageOverage(db, account.id, { start: "2026-02-01", end: "2026-02-28" }, ctx.profile.usage),
    ).toBeNull();
  });

  it("the statement job puts the overage on the cycle's statement", async () => {
    const account = await household();
    await use(account.id, "2026-05-03", 1200n); // courtesy, May
    await use(account.id, "2026-06-03", 1010n);
    // 07:00 on July 1 in Sacramento: June has closed and its statement is due.
    ctx.setNow(new Date("2026-07-01T14:00:00Z"));
    await assessUsageOverage(db, account.id, { start: "2026-05-01", end: "2026-05-31" }, ctx.profile.usage);
    await generateDueStatements(ctx);
    const statement = await db.statement.findFirstOrThrow({
      where: { accountId: account.id, periodStart: toDbDate("2026-06-01") },
      include: { lines: true },
    });
    expect(
      statement.lines.filter((l) => l.code.startsWith("usage-overage")).map((l) => [l.code, l.amountCents]),
    ).toEqual([
      ["usage-overage-courtesy", 0],
      ["usage-overage", 1000],
    ]);
  });
});
