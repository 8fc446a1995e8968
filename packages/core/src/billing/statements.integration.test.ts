import { randomBytes, randomUUID } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { toDbDate } from "./calendar.ts";
import { BillingError } from "./errors.ts";
import { payBill } from "./pay.ts";
import { ZCardInput } from "./schemas.ts";
import { generateDueStatements, generateStatement, getStatement } from "./statements.ts";
import { getBillingSummary } from "./summary.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `st-${name}-${tag}-${(sequence += 1)}`;
const request = { ip: "192.0.2.61", userAgent: "statements-test" };

const MARCH = { start: "2025-03-01", end: "2025-03-31" };
const APRIL = { start: "2025-04-01", end: "2025-04-30" };
/** Internet 79.99, TV 59.99, phone 29.99; the TV and 911 surcharges 21.99 and 0.75; 2.5 % utility
 * users tax on TV and phone (2.25) and 3.6 % federal USF on phone (1.08). */
const FULL_MONTH_CENTS = 7999 + 5999 + 2999 + 2199 + 75 + 225 + 108;

// The billing jobs look at every open account; ours are closed once their test is done.
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());
beforeEach(() => ctx.setNow(new Date("2025-04-01T13:00:00Z")));

/** The household member signed in, with a step-up made just now. */
const actorFor = (user: { id: string; email: string; name: string }, accountId: string, role: "OWNER" | "MEMBER") =>
  householdActor(user, accountId, role, { stepUpAt: ctx.now() });

/** A household with internet, TV and phone since January 2025, on plans made for this test. */
async function household(name: string, options: { cycleDay?: number } = {}) {
  const { account, owner } = await createHousehold(db, {
    owner: { email: `${unique(name)}@example.com`, name: "Ada Lovelace" },
  });
  accounts.push(account.id);
  if (options.cycleDay) {
    await db.serviceAccount.update({ where: { id: account.id }, data: { cycleDay: options.cycleDay } });
  }
  const services = [
    { kind: "INTERNET", name: "Internet Premier", cents: 7999 },
    { kind: "TV", name: "TV Select", cents: 5999 },
    { kind: "PHONE", name: "Voice Unlimited", cents: 2999 },
  ] as const;
  for (const service of services) {
    const id = unique(service.kind.toLowerCase());
    await db.servicePlan.upsert({
      where: { id },
      update: {},
      create: { id, kind: service.kind, name: service.name, monthlyCents: service.cents },
    });
    await db.subscription.create({
      data: { accountId: account.id, planId: id, priceCents: service.cents, startedOn: toDbDate("2025-01-01") },
    });
  }
  return { account, owner, actor: actorFor(owner, account.id, "OWNER") };
}

describe("issuing a statement", () => {
  it("prices every service, fee and tax once, and a second run returns the same statement", async () => {
    const { account } = await household("issue");
    const first = await generateStatement(ctx, account.id, MARCH);
    expect(first.created).toBe(true);

    const { statement } = await getStatement(db, account.id, first.statementId);
    expect(statement).toMatchObject({
      periodStart: "2025-03-01",
      periodEnd: "2025-03-31",
      dueOn: "2025-04-22",
      previousBalanceCents: 0,
      paymentsCents: 0,
      newChargesCents: FULL_MONTH_CENTS,
      totalDueCents: FULL_MONTH_CENTS,
      issuedAt: ctx.now(),
    });
    expect(statement.lines.map((line) => [line.kind, line.code, line.amountCents])).toEqual([
      ["SERVICE", expect.stringContaining("internet"), 7999],
      ["SERVICE", expect.stringContaining("tv"), 5999],
      ["SERVICE", expect.stringContaining("phone"), 2999],
      ["FEE", "broadcast-tv", 2199],
      ["FEE", "e911", 75],
      ["TAX", "utility-users-tax", 225],
      ["TAX", "federal-usf", 108],
    ]);

    expect(await generateStatement(ctx, account.id, MARCH)).toEqual({ statementId: first.statementId, created: false });
    expect(await db.statement.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("makes exactly one statement when five runs race for the same period", async () => {
    const { account } = await household("race");
    const results = await Promise.all(Array.from({ length: 5 }, () => generateStatement(ctx, account.id, MARCH)));
    expect(new Set(results.map((r) => r.statementId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.statement.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db.statementLine.count({ where: { statementId: results[0]!.statementId } })).toBe(7);
  });

  it("carries the balance forward and credits a payment received in between exactly once", async () => {
    const { account, actor } = await household("chain");
    const march = await generateStatement(ctx, account.id, MARCH);

    ctx.setNow(new Date("2025-04-10T18:00:00Z"));
    const card = ZCardInput.parse({ number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123", name: "Ada Lovelace" });
    const paid = await payBill(
      ctx,
      actor,
      { amountChoice: "OTHER", otherAmount: "100.00", method: "new", saveCard: false, requestKey: randomUUID(), card },
      request,
    );
    expect(paid.status).toBe("SUCCEEDED");
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(
      FULL_MONTH_CENTS - 10_000,
    );

    ctx.setNow(new Date("2025-05-01T13:00:00Z"));
    const april = await generateStatement(ctx, account.id, APRIL);
    const { statement, previousId } = await getStatement(db, account.id, april.statementId);
    expect(previousId).toBe(march.statementId);
    expect(statement).toMatchObject({
      previousBalanceCents: FULL_MONTH_CENTS,
      paymentsCents: 10_000,
      newChargesCents: FULL_MONTH_CENTS,
      totalDueCents: 2 * FULL_MONTH_CENTS - 10_000,
    });
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paid.paymentId } });
    expect(payment.statementId).toBe(april.statementId);
    // Credited: the balance is the new statement's total, not that total less the payment again.
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(
      2 * FULL_MONTH_CENTS - 10_000,
    );

    // A third statement does not credit the same payment again.
    ctx.setNow(new Date("2025-06-01T13:00:00Z"));
    const may = await generateStatement(ctx, account.id, { start: "2025-05-01", end: "2025-05-31" });
    expect((await getStatement(db, account.id, may.statementId)).statement).toMatchObject({
      previousBalanceCents: 2 * FULL_MONTH_CENTS - 10_000,
      paymentsCents: 0,
    });
  });

  it("attaches pending charges to the statement of their period, once", async () => {
    const { account } = await household("charges");
    const installation = await db.accountCharge.create({
      data: {
        accountId: account.id,
        kind: "ONE_TIME",
        code: "installation",
        amountCents: 2999,
        chargedOn: toDbDate("2025-03-12"),
        sourceKey: unique("installation"),
      },
    });
    const credit = await db.accountCharge.create({
      data: {
        accountId: account.id,
        kind: "CREDIT",
        code: "outage-credit",
        amountCents: -500,
        chargedOn: toDbDate("2025-03-20"),
        sourceKey: unique("credit"),
      },
    });
    const nextMonth = await db.accountCharge.create({
      data: {
        accountId: account.id,
        kind: "ONE_TIME",
        code: "installation",
        amountCents: 1500,
        chargedOn: toDbDate("2025-04-02"),
        sourceKey: unique("later"),
      },
    });

    const march = await generateStatement(ctx, account.id, MARCH);
    const { statement } = await getStatement(db, account.id, march.statementId);
    expect(statement.newChargesCents).toBe(FULL_MONTH_CENTS + 2999 - 500);
    expect(
      statement.lines.filter((l) => l.kind === "ONE_TIME" || l.kind === "CREDIT").map((l) => l.amountCents),
    ).toEqual([2999, -500]);
    const charges = await db.accountCharge.findMany({ where: { accountId: account.id } });
    expect(Object.fromEntries(charges.map((c) => [c.id, c.statementId]))).toEqual({
      [installation.id]: march.statementId,
      [credit.id]: march.statementId,
      [nextMonth.id]: null,
    });

    ctx.setNow(new Date("2025-05-01T13:00:00Z"));
    const april = await generateStatement(ctx, account.id, APRIL);
    const next = (await getStatement(db, account.id, april.statementId)).statement;
    expect(next.newChargesCents).toBe(FULL_MONTH_CENTS + 1500);
    expect(next.lines.filter((l) => l.kind === "ONE_TIME" || l.kind === "CREDIT").map((l) => l.amountCents)).toEqual([
      1500,
    ]);
    expect((await db.accountCharge.findUniqueOrThrow({ where: { id: nextMonth.id } })).statementId).toBe(
      april.statementId,
    );
  });

  it("refuses another household's statement id", async () => {
    const mine = await household("mine");
    const theirs = await household("theirs");
    const { statementId } = await generateStatement(ctx, theirs.account.id, MARCH);
    await expect(getStatement(db, mine.account.id, statementId)).rejects.toEqual(
      new BillingError("STATEMENT_NOT_FOUND"),
    );
    await expect(getStatement(db, mine.account.id, randomUUID())).rejects.toMatchObject({
      code: "STATEMENT_NOT_FOUND",
    });
  });

  it("tells every household login once, and emails the owner once", async () => {
    const { account, owner } = await household("notify");
    const member = await createUser(db, { email: `${unique("member")}@example.com`, name: "Mary Somerville" });
    await addMember(db, account.id, member.id, "MEMBER");

    const { statementId } = await generateStatement(ctx, account.id, MARCH);
    await generateStatement(ctx, account.id, MARCH);
    await Promise.all([generateStatement(ctx, account.id, MARCH), generateStatement(ctx, account.id, MARCH)]);

    const notices = await db.notification.findMany({
      where: { accountId: account.id, messageKey: "billing.statement_ready" },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual([owner.id, member.id].sort());
    expect(notices.every((n) => n.href === `/billing/statements/${statementId}`)).toBe(true);
    expect(notices[0]!.values).toMatchObject({ amountCents: FULL_MONTH_CENTS, dueOn: "2025-04-22" });

    const mail = await db.outboxMessage.findMany({ where: { recipient: { in: [owner.email, member.email] } } });
    expect(mail.map((m) => m.recipient)).toEqual([owner.email]);
    expect(mail[0]!.body).toContain(`http://portal.test/billing/statements/${statementId}`);
  });
});

describe("the statement job", () => {
  it("issues the last closed cycle at the account's address, once however often it runs", async () => {
    const { account } = await household("due", { cycleDay: 15 });
    const periods = async () =>
      (await db.statement.findMany({ where: { accountId: account.id }, orderBy: { periodStart: "asc" } })).map((s) => [
        s.periodStart.toISOString().slice(0, 10),
        s.periodEnd.toISOString().slice(0, 10),
      ]);

    // 22:00 on June 14 in Sacramento (05:00 UTC on the 15th): the May 15 cycle is still open there.
    ctx.setNow(new Date("2025-06-15T05:00:00Z"));
    await generateDueStatements(ctx);
    await generateDueStatements(ctx);
    expect(await periods()).toEqual([["2025-04-15", "2025-05-14"]]);

    // 01:00 on June 15: the cycle has closed, but the last day's usage may still be arriving.
    ctx.setNow(new Date("2025-06-15T08:00:00Z"));
    await generateDueStatements(ctx);
    expect(await periods()).toEqual([["2025-04-15", "2025-05-14"]]);

    ctx.setNow(new Date("2025-06-15T14:00:00Z"));
    await Promise.all([generateDueStatements(ctx), generateDueStatements(ctx)]);
    await generateDueStatements(ctx);
    expect(await periods()).toEqual([
      ["2025-04-15", "2025-05-14"],
      ["2025-05-15", "2025-06-14"],
    ]);
  });

  it("skips an account with no service in the closed cycle", async () => {
    const { account } = await household("no-service");
    await db.subscription.updateMany({ where: { accountId: account.id }, data: { startedOn: toDbDate("2025-07-01") } });
    ctx.setNow(new Date("2025-07-02T18:00:00Z"));
    await generateDueStatements(ctx);
    expect(await db.statement.count({ where: { accountId: account.id } })).toBe(0);
  });
});
