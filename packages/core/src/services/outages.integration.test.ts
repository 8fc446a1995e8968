import { randomBytes } from "node:crypto";
import { createHousehold } from "@homeport/db/factories";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { toDbDate } from "../billing/calendar.ts";
import { generateStatement } from "../billing/statements.ts";
import { createTestContext } from "../testing/test-context.ts";
import { getOutageStatus, reportOutage, runOutageNotices, ZOutageReport } from "./outages.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `outage-${name}-${tag}-${(sequence += 1)}`;
/** A ZIP code no other test file uses, so the job only sees our accounts. */
const zip = () => String(10_000 + Math.floor(Math.random() * 80_000));
const planId = `outage-net-${tag}`;
const accounts: string[] = [];

beforeAll(() => db.servicePlan.create({ data: { id: planId, kind: "INTERNET", name: "Net", monthlyCents: 9300 } }));
afterEach(async () => {
  await db.outage.updateMany({ where: { externalRef: { startsWith: `t-${tag}` } }, data: { zips: [] } });
});
afterAll(() => db.$disconnect());

async function household(area: string) {
  const { account, owner } = await createHousehold(db, {
    account: { zip: area },
    owner: { email: `${unique("o")}@example.com`, name: "Ada" },
  });
  accounts.push(account.id);
  await db.serviceAccount.update({ where: { id: account.id }, data: { cycleDay: 1 } });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: 9300, startedOn: toDbDate("2026-01-01") },
  });
  return { account, owner };
}

const report = (input: Record<string, unknown>) =>
  ZOutageReport.parse({ services: ["INTERNET"], status: "INVESTIGATING", ...input });

describe("outages", () => {
  it("tells the household when an outage starts and ends, and credits a day once", async () => {
    const area = zip();
    const { account, owner } = await household(area);
    const elsewhere = await household(zip());
    const ref = `t-${tag}-1`;
    ctx.setNow(new Date("2026-11-03T20:00:00Z"));
    await reportOutage(
      ctx,
      {},
      report({ ref, zips: [area], startedAt: "2026-11-03T18:00:00Z", etaAt: "2026-11-04T02:00:00Z" }),
    );
    expect((await getOutageStatus(ctx, account.id)).active).toHaveLength(1);
    expect((await getOutageStatus(ctx, elsewhere.account.id)).active).toHaveLength(0);

    await runOutageNotices(ctx);
    await runOutageNotices(ctx);
    const started = await db.notification.findMany({
      where: { userId: owner.id, messageKey: "services.outage_started" },
    });
    expect(started).toHaveLength(1);
    expect(await db.notification.count({ where: { userId: elsewhere.owner.id } })).toBe(0);

    ctx.setNow(new Date("2026-11-04T01:00:00Z"));
    const resolved = report({
      ref,
      zips: [area],
      status: "RESOLVED",
      startedAt: "2026-11-03T18:00:00Z",
      resolvedAt: "2026-11-04T00:30:00Z",
    });
    await reportOutage(ctx, {}, resolved);
    await Promise.all([runOutageNotices(ctx), runOutageNotices(ctx)]);

    // 6.5 hours: one day of a $93.00 plan in a 30-day November cycle.
    const credits = await db.outageCredit.findMany({ where: { accountId: account.id } });
    expect(credits).toMatchObject([{ hours: 6, days: 1, amountCents: 310 }]);
    const ended = await db.notification.findMany({
      where: { userId: owner.id, messageKey: "services.outage_resolved_credit" },
    });
    expect(ended).toHaveLength(1);
    expect(ended[0]?.values).toEqual({ creditCents: 310 });
    const status = await getOutageStatus(ctx, account.id);
    expect(status.active).toHaveLength(0);
    expect(status.recent[0]?.credit?.amountCents).toBe(310);

    ctx.setNow(new Date("2026-12-01T15:00:00Z"));
    const { statementId } = await generateStatement(
      ctx,
      account.id,
      { start: "2026-11-01", end: "2026-11-30" },
      { notify: false },
    );
    const line = await db.statementLine.findFirst({ where: { statementId, code: "outage-credit" } });
    expect(line).toMatchObject({ kind: "CREDIT", amountCents: -310 });
  });

  it("gives no credit for a short outage and keeps a resolved outage resolved", async () => {
    const area = zip();
    const { account } = await household(area);
    const ref = `t-${tag}-2`;
    ctx.setNow(new Date("2026-11-05T12:00:00Z"));
    const short = report({
      ref,
      zips: [area],
      status: "RESOLVED",
      startedAt: "2026-11-05T09:00:00Z",
      resolvedAt: "2026-11-05T11:00:00Z",
    });
    await reportOutage(ctx, {}, short);
    await runOutageNotices(ctx);
    expect(await db.outageCredit.count({ where: { accountId: account.id } })).toBe(0);
    expect(await reportOutage(ctx, {}, short)).toMatchObject({ created: false });
    await expect(
      reportOutage(ctx, {}, report({ ref, zips: [area], startedAt: "2026-11-05T09:00:00Z" })),
    ).rejects.toMatchObject({ code: "OUTAGE_CLOSED" });
  });

  it("rejects reports that can't be true", () => {
    expect(
      ZOutageReport.safeParse({
        ref: "x",
        zips: ["9581"],
        services: ["INTERNET"],
        status: "INVESTIGATING",
        startedAt: "2026-11-05T09:00:00Z",
      }).success,
    ).toBe(false);
    expect(
      ZOutageReport.safeParse({
        ref: "x",
        zips: ["95816"],
        services: ["INTERNET"],
        status: "RESOLVED",
        startedAt: "2026-11-05T09:00:00Z",
      }).success,
    ).toBe(false);
    expect(
      ZOutageReport.safeParse({
        ref: "x y",
        zips: ["95816"],
        services: [],
        status: "INVESTIGATING",
        startedAt: "yesterday",
      }).success,
    ).toBe(false);
  });
});
