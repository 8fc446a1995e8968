import { randomBytes, randomUUID } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import type { Actor } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { createArrangement } from "./arrangements.ts";
import { enrollAutopay, runAutopay } from "./autopay.ts";
import { assessLateFees, resolveArrangements, sendBillingReminders } from "./billing-jobs.ts";
import { calendarDateAt, toDbDate } from "./calendar.ts";
import { BillingError } from "./errors.ts";
import { listPayments, ZPaymentFilter } from "./history.ts";
import { payBill } from "./pay.ts";
import { addCardMethod } from "./payment-methods.ts";
import { setPaperless } from "./paperless.ts";
import { ZCardInput } from "./schemas.ts";
import { generateStatement } from "./statements.ts";
import { getBillingSummary } from "./summary.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `jobs-${name}-${tag}-${(sequence += 1)}`;
const BILL_CENTS = 5000;
const TZ = "America/Los_Angeles";

// The jobs look at every open account; ours are closed once their test is done.
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());
beforeEach(() => at("2025-04-05"));

/** Noon in Sacramento on a date (April and May 2025 are on daylight time). */
function at(date: string) {
  ctx.setNow(new Date(`${date}T19:00:00Z`));
}

/** The household member signed in, with a step-up made just now. */
const actorFor = (user: { id: string; email: string; name: string }, accountId: string, role: "OWNER" | "MEMBER") =>
  householdActor(user, accountId, role, { stepUpAt: ctx.now() });

const requestOf = (actor: Actor) => ({ actorUserId: actor.id, sessionId: actor.sessionId, userAgent: "jobs-test" });

/** A household whose March statement of $50.00 was issued April 1 and is due Tuesday April 22. */
async function household(name: string, options: { member?: boolean } = {}) {
  const { account, owner } = await createHousehold(db, {
    owner: { email: `${unique(name)}@example.com`, name: "Ada Lovelace" },
  });
  accounts.push(account.id);
  const planId = unique("internet");
  await db.servicePlan.create({ data: { id: planId, kind: "INTERNET", name: "Internet Test", monthlyCents: 7999 } });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: BILL_CENTS, startedOn: toDbDate("2025-01-01") },
  });
  const { statementId } = await generateStatement(
    ctx,
    account.id,
    { start: "2025-03-01", end: "2025-03-31" },
    { issuedAt: new Date("2025-04-01T13:00:00Z"), notify: false },
  );
  let memberUser = null;
  if (options.member) {
    memberUser = await createUser(db, { email: `${unique("member")}@example.com`, name: "Mary Somerville" });
    await addMember(db, account.id, memberUser.id, "MEMBER");
  }
  return { account, owner, member: memberUser, actor: actorFor(owner, account.id, "OWNER"), statementId };
}

const card = (number: string) => ZCardInput.parse({ number, expiry: "12/30", cvc: "123", name: "Ada Lovelace" });

async function enrolWithCard(actor: Actor, number = "4242424242424242") {
  const method = await addCardMethod(ctx, actor, card(number), requestOf(actor));
  await enrollAutopay(ctx, actor, method.id, requestOf(actor));
  return method;
}

const summaryOf = (accountId: string) => getBillingSummary(db, accountId, ctx.now(), ctx.profile.billing);

describe("autopay", () => {
  it("drafts the balance once on the due date, keyed by the statement", async () => {
    const { account, actor, statementId } = await household("autopay");
    const method = await enrolWithCard(actor);

    at("2025-04-21");
    await runAutopay(ctx);
    expect(await db.payment.count({ where: { accountId: account.id } })).toBe(0);

    at("2025-04-22");
    await runAutopay(ctx);
    await runAutopay(ctx);
    const payments = await db.payment.findMany({ where: { accountId: account.id } });
    expect(payments).toMatchObject([
      {
        source: "AUTOPAY",
        status: "SUCCEEDED",
        amountCents: BILL_CENTS,
        methodId: method.id,
        idempotencyKey: `autopay-${statementId}`,
      },
    ]);
    expect((await summaryOf(account.id)).balanceCents).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "billing.payment" } })).toBe(1);
  });

  it("drafts once when two workers run at the same moment", async () => {
    const { account, actor, statementId } = await household("autopay-race");
    await enrolWithCard(actor);
    at("2025-04-22");
    await Promise.all([runAutopay(ctx), runAutopay(ctx)]);
    await runAutopay(ctx);
    const payments = await db.payment.findMany({ where: { accountId: account.id } });
    expect(payments.map((p) => [p.idempotencyKey, p.status, p.amountCents])).toEqual([
      [`autopay-${statementId}`, "SUCCEEDED", BILL_CENTS],
    ]);
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "billing.payment", outcome: "SUCCESS" } }),
    ).toBe(1);
    expect(await db.outboxMessage.count({ where: { recipient: actor.email } })).toBe(1);
  });

  it("leaves a bill alone when autopay was set up after its cut-off", async () => {
    const { account, actor } = await household("autopay-late");
    at("2025-04-18");
    await enrolWithCard({ ...actor, stepUpAt: ctx.now() });
    expect((await summaryOf(account.id)).autopay).toMatchObject({ nextDraft: null, startsNextBill: true });
    at("2025-04-22");
    await runAutopay(ctx);
    expect(await db.payment.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("tells the household when the draft is declined, once", async () => {
    const { account, owner, member, actor } = await household("autopay-declined", { member: true });
    const method = await db.paymentMethod.create({
      data: {
        accountId: account.id,
        kind: "CARD",
        brand: "visa",
        last4: "0341",
        expMonth: 12,
        expYear: 2030,
        gateway: "DEMO",
        // The demo gateway reads a method's behaviour from its reference: attached fine, fails when charged.
        gatewayRef: `demo_pm_attach_then_fail_0123abcd${tag}`,
        isDefault: true,
      },
    });
    await enrollAutopay(ctx, actor, method.id, requestOf(actor));

    at("2025-04-22");
    await runAutopay(ctx);
    await runAutopay(ctx);
    const payments = await db.payment.findMany({ where: { accountId: account.id } });
    expect(payments).toMatchObject([{ source: "AUTOPAY", status: "FAILED", failureCode: "card_declined" }]);
    expect((await summaryOf(account.id)).balanceCents).toBe(BILL_CENTS);

    const notices = await db.notification.findMany({
      where: { accountId: account.id, messageKey: "billing.autopay_failed" },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual([owner.id, member!.id].sort());
    expect(notices[0]!.values).toMatchObject({ amountCents: BILL_CENTS, reason: "card_declined" });
    const mail = await db.outboxMessage.findMany({ where: { recipient: { in: [owner.email, member!.email] } } });
    expect(mail.map((m) => [m.recipient, m.subject])).toEqual([
      [owner.email, expect.stringContaining("automatic payment did not go through")],
    ]);
    expect(await db.auditEvent.findMany({ where: { accountId: account.id, action: "billing.payment" } })).toMatchObject(
      [{ outcome: "FAILURE", details: { reason: "card_declined", source: "AUTOPAY" } }],
    );
  });
});

describe("late fees", () => {
  const lateFees = (accountId: string) => db.accountCharge.findMany({ where: { accountId, code: "late-fee" } });

  it("charges one fee per statement once the grace period is over, however often the job runs", async () => {
    const { account, owner, statementId } = await household("late");
    // Due April 22 with 5 days' grace: nothing through the 27th.
    for (const date of ["2025-04-22", "2025-04-23", "2025-04-27"]) {
      at(date);
      await assessLateFees(ctx);
    }
    expect(await lateFees(account.id)).toEqual([]);

    at("2025-04-28");
    await assessLateFees(ctx);
    await Promise.all([assessLateFees(ctx), assessLateFees(ctx)]);
    at("2025-04-30");
    await assessLateFees(ctx);

    const fees = await lateFees(account.id);
    expect(fees).toMatchObject([
      {
        kind: "FEE",
        amountCents: ctx.profile.billing.lateFee.amountCents,
        chargedOn: toDbDate("2025-04-28"),
        sourceKey: `late-fee:${statementId}`,
        statementId: null,
      },
    ]);
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "billing.late_fee" } })).toBe(1);
    expect((await summaryOf(account.id)).pendingChargesCents).toBe(ctx.profile.billing.lateFee.amountCents);
  });

  it("charges nothing when the bill is paid or an arrangement covers it", async () => {
    const paid = await household("late-paid");
    const promised = await household("late-promised");
    const method = await addCardMethod(ctx, paid.actor, card("4242424242424242"), requestOf(paid.actor));
    await payBill(
      ctx,
      paid.actor,
      { amountChoice: "BALANCE", method: method.id, saveCard: false, requestKey: randomUUID() },
      requestOf(paid.actor),
    );
    at("2025-04-24");
    await createArrangement(ctx, promised.actor, "2025-05-10", requestOf(promised.actor));

    at("2025-04-28");
    await assessLateFees(ctx);
    expect(await lateFees(paid.account.id)).toEqual([]);
    expect(await lateFees(promised.account.id)).toEqual([]);
  });
});

describe("reminders", () => {
  it("sends the due-in-3-days reminder once per login, and emails the owner once", async () => {
    const { account, owner, member, statementId } = await household("due-soon", { member: true });
    const notices = () =>
      db.notification.findMany({ where: { accountId: account.id, messageKey: "billing.due_soon" } });

    at("2025-04-18");
    await sendBillingReminders(ctx);
    expect(await notices()).toEqual([]);

    at("2025-04-19");
    await sendBillingReminders(ctx);
    await Promise.all([sendBillingReminders(ctx), sendBillingReminders(ctx)]);
    at("2025-04-21");
    await sendBillingReminders(ctx);

    const sent = await notices();
    expect(sent.map((n) => n.userId).sort()).toEqual([owner.id, member!.id].sort());
    expect(sent.map((n) => n.dedupeKey).sort()).toEqual(
      [`due-soon:${statementId}:${owner.id}`, `due-soon:${statementId}:${member!.id}`].sort(),
    );
    const mail = await db.outboxMessage.findMany({ where: { recipient: { in: [owner.email, member!.email] } } });
    expect(mail.map((m) => m.recipient)).toEqual([owner.email]);
    expect(mail[0]!.subject).toContain("is due");
  });

  it("does not remind a household whose autopay will draft, but warns once that its card expires", async () => {
    const { account, actor } = await household("due-soon-autopay");
    const method = await db.paymentMethod.create({
      data: {
        accountId: account.id,
        kind: "CARD",
        brand: "visa",
        last4: "4242",
        expMonth: 4,
        expYear: 2025,
        gateway: "DEMO",
        gatewayRef: `demo_pm_ok_${randomBytes(8).toString("hex")}`,
        isDefault: true,
      },
    });
    await enrollAutopay(ctx, actor, method.id, requestOf(actor));

    at("2025-04-19");
    await sendBillingReminders(ctx);
    await sendBillingReminders(ctx);
    const notices = await db.notification.findMany({ where: { accountId: account.id } });
    expect(notices.map((n) => n.messageKey)).toEqual(["billing.card_expiring"]);
    expect(await db.outboxMessage.count({ where: { recipient: actor.email } })).toBe(1);
  });
});

describe("payment arrangements", () => {
  it("is only for a past-due balance", async () => {
    const { account, actor } = await household("arr-eligible");
    at("2025-04-10");
    await expect(createArrangement(ctx, actor, "2025-04-20", requestOf(actor))).rejects.toEqual(
      new BillingError("ARRANGEMENT_NOT_ELIGIBLE"),
    );
    expect(await db.paymentArrangement.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("accepts a date from tomorrow to 30 days out, and one arrangement at a time", async () => {
    const { account, actor } = await household("arr-dates", { member: true });
    at("2025-04-24");
    const request = requestOf(actor);
    for (const payBy of ["2025-04-24", "2025-04-23", "2025-05-25", "2025-02-30", "soon"]) {
      const refusal = await createArrangement(ctx, actor, payBy, request).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(BillingError);
      expect(refusal).toMatchObject({ code: "ARRANGEMENT_DATE_INVALID" });
    }
    await expect(createArrangement(ctx, actor, "2025-05-25", request)).rejects.toMatchObject({
      detail: { earliest: "2025-04-25", latest: "2025-05-24" },
    });
    const memberActor = actorFor(
      await db.user.findFirstOrThrow({ where: { memberships: { some: { accountId: account.id, role: "MEMBER" } } } }),
      account.id,
      "MEMBER",
    );
    await expect(createArrangement(ctx, memberActor, "2025-05-01", requestOf(memberActor))).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );

    const arrangement = await createArrangement(ctx, actor, "2025-05-24", request);
    expect(arrangement).toMatchObject({ amountCents: BILL_CENTS, status: "ACTIVE", payBy: toDbDate("2025-05-24") });
    await expect(createArrangement(ctx, actor, "2025-04-25", request)).rejects.toEqual(
      new BillingError("ARRANGEMENT_EXISTS"),
    );
    expect((await summaryOf(account.id)).arrangement).toMatchObject({ id: arrangement.id, payBy: "2025-05-24" });
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "billing.arrangement_create" } })).toBe(
      1,
    );
  });

  it("makes exactly one arrangement when five requests race", async () => {
    const { account, actor } = await household("arr-race");
    at("2025-04-24");
    const results = await Promise.allSettled(
      ["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05"].map((payBy) =>
        createArrangement(ctx, actor, payBy, requestOf(actor)),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toEqual(new BillingError("ARRANGEMENT_EXISTS"));
    }
    expect(await db.paymentArrangement.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("is kept once payments made after it cover it", async () => {
    const { account, owner, actor } = await household("arr-kept");
    const method = await addCardMethod(ctx, actor, card("4242424242424242"), requestOf(actor));
    const pay = (otherAmount: string) =>
      payBill(
        ctx,
        actor,
        { amountChoice: "OTHER", otherAmount, method: method.id, saveCard: false, requestKey: randomUUID() },
        requestOf(actor),
      );

    at("2025-04-24");
    const arrangement = await createArrangement(ctx, actor, "2025-05-05", requestOf(actor));
    at("2025-04-26");
    await pay("20.00");
    expect((await db.paymentArrangement.findUniqueOrThrow({ where: { id: arrangement.id } })).status).toBe("ACTIVE");
    at("2025-04-30");
    await pay("30.00");
    expect(await db.paymentArrangement.findUniqueOrThrow({ where: { id: arrangement.id } })).toMatchObject({
      status: "KEPT",
      resolvedAt: ctx.now(),
    });
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "billing.arrangement_kept" } })).toBe(
      1,
    );
    // Once it is settled, a new one could be made if the account fell behind again.
    expect((await summaryOf(account.id)).arrangement).toBeNull();
    at("2025-05-06");
    await resolveArrangements(ctx);
    expect((await db.paymentArrangement.findUniqueOrThrow({ where: { id: arrangement.id } })).status).toBe("KEPT");
  });

  it("is broken once its date passes unpaid, and late fees resume", async () => {
    const { account, owner, actor } = await household("arr-broken");
    at("2025-04-24");
    const arrangement = await createArrangement(ctx, actor, "2025-05-05", requestOf(actor));

    at("2025-05-05");
    await resolveArrangements(ctx);
    expect((await db.paymentArrangement.findUniqueOrThrow({ where: { id: arrangement.id } })).status).toBe("ACTIVE");
    await assessLateFees(ctx);
    expect(await db.accountCharge.count({ where: { accountId: account.id, code: "late-fee" } })).toBe(0);

    at("2025-05-06");
    await resolveArrangements(ctx);
    await resolveArrangements(ctx);
    expect(await db.paymentArrangement.findUniqueOrThrow({ where: { id: arrangement.id } })).toMatchObject({
      status: "BROKEN",
      resolvedAt: ctx.now(),
    });
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "billing.arrangement_broken" } })).toBe(
      1,
    );
    await assessLateFees(ctx);
    expect(await db.accountCharge.count({ where: { accountId: account.id, code: "late-fee" } })).toBe(1);
  });
});

describe("paperless billing", () => {
  it("toggles, and audits each real change once", async () => {
    const { account, actor, member } = await household("paperless", { member: true });
    const request = requestOf(actor);
    const state = async () => (await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).paperless;

    await setPaperless(ctx, actor, true, request);
    await setPaperless(ctx, actor, true, request);
    expect(await state()).toBe(true);
    await setPaperless(ctx, actor, false, request);
    await setPaperless(ctx, actor, false, request);
    expect(await state()).toBe(false);
    await expect(setPaperless(ctx, actorFor(member!, account.id, "MEMBER"), true, request)).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    expect(await state()).toBe(false);

    const audits = await db.auditEvent.findMany({
      where: { accountId: account.id, action: { startsWith: "billing.paperless" } },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.action, a.outcome, a.actorUserId])).toEqual([
      ["billing.paperless_on", "SUCCESS", actor.id],
      ["billing.paperless_off", "SUCCESS", actor.id],
    ]);
  });
});

describe("payment history", () => {
  async function historyOf(accountId: string) {
    // Two payments share each timestamp, so paging must break ties by id.
    const rows = Array.from({ length: 23 }, (_, i) => {
      const key = unique(`history-${i}`);
      return {
        accountId,
        amountCents: 1000 + i,
        status: i % 4 === 0 ? ("FAILED" as const) : ("SUCCEEDED" as const),
        source: i % 3 === 0 ? ("AUTOPAY" as const) : ("ONE_TIME" as const),
        gateway: "DEMO" as const,
        methodKind: "CARD" as const,
        methodBrand: "visa",
        methodLast4: "4242",
        idempotencyKey: key,
        receiptNumber: key,
        // 07:30 UTC is still the evening before in Sacramento.
        createdAt: new Date(Date.UTC(2025, 2, 1 + Math.floor(i / 2), i % 2 === 0 ? 20 : 7, 30)),
      };
    });
    await db.payment.createMany({ data: rows });
    // A few share an instant exactly.
    const tied = new Date("2025-03-20T18:00:00Z");
    await db.payment.createMany({
      data: [0, 1, 2].map((i) => {
        const key = unique(`tied-${i}`);
        return { ...rows[1]!, idempotencyKey: key, receiptNumber: key, createdAt: tied };
      }),
    });
    return db.payment.findMany({ where: { accountId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  }

  async function allPages(accountId: string, filter: Parameters<typeof listPayments>[2], take: number) {
    const seen: string[] = [];
    let before: { createdAt: Date; id: string } | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: Awaited<ReturnType<typeof listPayments>> = await listPayments(db, accountId, filter, {
        timeZone: TZ,
        take,
        before,
      });
      expect(result.rows.length).toBeLessThanOrEqual(take);
      seen.push(...result.rows.map((r) => r.id));
      if (!result.next) return seen;
      before = result.next;
    }
    throw new Error("paging did not end");
  }

  it("pages through every payment exactly once, newest first", async () => {
    const { account } = await household("history");
    const other = await household("history-other");
    const payments = await historyOf(account.id);
    await historyOf(other.account.id);
    expect(payments).toHaveLength(26);

    for (const take of [1, 5, 7, 26, 30]) {
      const ids = await allPages(account.id, {}, take);
      expect(ids).toEqual(payments.map((p) => p.id));
    }
  });

  it("filters by status, source and dates at the account's address", async () => {
    const { account } = await household("history-filter");
    const payments = await historyOf(account.id);

    const failed = await allPages(account.id, ZPaymentFilter.parse({ status: "FAILED" }), 2);
    expect(failed).toEqual(payments.filter((p) => p.status === "FAILED").map((p) => p.id));
    expect(failed.length).toBeGreaterThan(0);

    const autopay = await allPages(account.id, ZPaymentFilter.parse({ source: "AUTOPAY", status: "" }), 3);
    expect(autopay).toEqual(payments.filter((p) => p.source === "AUTOPAY").map((p) => p.id));

    const filter = ZPaymentFilter.parse({ from: "2025-03-03", to: "2025-03-05" });
    const inRange = await allPages(account.id, filter, 4);
    const expected = payments.filter((p) => {
      const day = calendarDateAt(p.createdAt, TZ);
      return day >= "2025-03-03" && day <= "2025-03-05";
    });
    expect(inRange).toEqual(expected.map((p) => p.id));
    // The range is Sacramento's days, not UTC's: 07:30 UTC on the 6th is still the 5th there.
    expect(expected.map((p) => p.createdAt.toISOString())).toContain("2025-03-06T07:30:00.000Z");
    expect(expected.map((p) => p.createdAt.toISOString())).not.toContain("2025-03-03T07:30:00.000Z");

    const both = await allPages(account.id, ZPaymentFilter.parse({ status: "SUCCEEDED", from: "2025-03-03" }), 5);
    expect(both).toEqual(
      payments
        .filter((p) => p.status === "SUCCEEDED" && calendarDateAt(p.createdAt, TZ) >= "2025-03-03")
        .map((p) => p.id),
    );
    expect(ZPaymentFilter.safeParse({ from: "2025-03-05", to: "2025-03-03" }).success).toBe(false);
  });
});
