import { randomBytes, randomUUID } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import type { Actor } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { enrollAutopay } from "./autopay.ts";
import { toDbDate } from "./calendar.ts";
import { BillingError } from "./errors.ts";
import { completeDemoAuthentication, getPayment, payBill, type PaymentResult } from "./pay.ts";
import { addCardMethod, listPaymentMethods, removeMethod, setDefaultMethod } from "./payment-methods.ts";
import { type PayRequest, ZCardInput } from "./schemas.ts";
import { generateStatement } from "./statements.ts";
import { getBillingSummary } from "./summary.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `pay-${name}-${tag}-${(sequence += 1)}`;

/** Internet only at $50.00 a month: no fees or taxes, so March's statement comes to exactly this. */
const BILL_CENTS = 5000;

// The billing jobs look at every open account; ours are closed once their test is done.
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());
// April 5, 2025, noon in Sacramento: March's bill was issued on April 1 and is due April 22.
beforeEach(() => ctx.setNow(new Date("2025-04-05T19:00:00Z")));

/** The household member signed in, with a step-up made just now. */
const actorFor = (user: { id: string; email: string; name: string }, accountId: string, role: "OWNER" | "MEMBER") =>
  householdActor(user, accountId, role, { stepUpAt: ctx.now() });

const requestOf = (actor: Actor) => ({
  actorUserId: actor.id,
  sessionId: actor.sessionId,
  ip: "192.0.2.62",
  userAgent: "pay-test",
});

const card = (number: string) => ZCardInput.parse({ number, expiry: "12/30", cvc: "123", name: "Ada Lovelace" });

/** A household with March's statement of BILL_CENTS issued, and its owner signed in with a fresh step-up. */
async function household(name: string) {
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
  const actor = actorFor(owner, account.id, "OWNER");
  return { account, owner, actor, statementId };
}

async function member(accountId: string) {
  const user = await createUser(db, { email: `${unique("member")}@example.com`, name: "Mary Somerville" });
  await addMember(db, accountId, user.id, "MEMBER");
  return actorFor(user, accountId, "MEMBER");
}

async function savedCard(actor: Actor, number = "4242424242424242") {
  return addCardMethod(ctx, actor, card(number), requestOf(actor));
}

function pay(actor: Actor, input: Partial<PayRequest> & { card?: ReturnType<typeof card> }): Promise<PaymentResult> {
  return payBill(
    ctx,
    actor,
    { amountChoice: "BALANCE", method: "new", saveCard: false, requestKey: randomUUID(), ...input },
    requestOf(actor),
  );
}

const balanceOf = async (accountId: string) =>
  (await getBillingSummary(db, accountId, ctx.now(), ctx.profile.billing)).balanceCents;

async function rejectionOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!error) throw new Error("expected a rejection");
  return error;
}

describe("paying a bill", () => {
  it("pays the balance with a saved card: paid, audited, notified and receipted", async () => {
    const { account, owner, actor } = await household("full");
    const method = await savedCard(actor);
    expect(method).toMatchObject({ brand: "visa", last4: "4242", expMonth: 12, expYear: 2030, isDefault: true });
    expect(method.gatewayRef).not.toContain("4242424242424242");

    const result = await pay(actor, { method: method.id });
    expect(result).toMatchObject({ status: "SUCCEEDED", failureCode: null, actionUrl: null });
    expect(await balanceOf(account.id)).toBe(0);

    const payment = await getPayment(db, account.id, result.paymentId);
    expect(payment).toMatchObject({
      amountCents: BILL_CENTS,
      status: "SUCCEEDED",
      source: "ONE_TIME",
      gateway: "DEMO",
      methodBrand: "visa",
      methodLast4: "4242",
      settledAt: ctx.now(),
    });
    const audit = await db.auditEvent.findMany({ where: { accountId: account.id, action: "billing.payment" } });
    expect(audit).toMatchObject([
      { outcome: "SUCCESS", target: result.paymentId, actorUserId: owner.id, details: { amountCents: BILL_CENTS } },
    ]);
    expect(
      await db.notification.findMany({ where: { userId: owner.id, messageKey: "billing.payment_received" } }),
    ).toMatchObject([{ href: `/billing/payments/${result.paymentId}`, values: { amountCents: BILL_CENTS } }]);
    const receipts = await db.outboxMessage.findMany({ where: { recipient: owner.email } });
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.subject).toBe("Payment received: $50.00");
    expect(receipts[0]!.body).toContain(payment.receiptNumber);
    expect(receipts[0]!.body).toContain("visa •••• 4242");

    // Nothing is left to pay.
    await expect(pay(actor, { method: method.id })).rejects.toEqual(new BillingError("NOTHING_DUE"));
  });

  it("makes one payment for twenty submits of the same form", async () => {
    const { account, actor } = await household("same-key");
    const method = await savedCard(actor);
    const requestKey = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => pay(actor, { method: method.id, requestKey })));

    const payments = await db.payment.findMany({ where: { accountId: account.id } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: "SUCCEEDED", amountCents: BILL_CENTS, requestKey });
    expect(new Set(results.map((r) => r.paymentId))).toEqual(new Set([payments[0]!.id]));
    expect(await balanceOf(account.id)).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "billing.payment" } })).toBe(1);

    // The same form submitted again later is still that payment.
    expect(await pay(actor, { method: method.id, requestKey })).toMatchObject({
      paymentId: payments[0]!.id,
      status: "SUCCEEDED",
    });
  });

  it("settles a payment whose first attempt died before the charge was recorded, when the form is sent again", async () => {
    const { account, actor } = await household("died");
    const method = await savedCard(actor);
    const requestKey = randomUUID();
    const first = await pay(actor, { method: method.id, requestKey });
    // As if the database went away between recording the payment and recording its charge.
    await db.payment.update({
      where: { id: first.paymentId },
      data: { status: "PENDING", gatewayRef: null, settledAt: null },
    });
    await db.auditEvent.deleteMany({ where: { accountId: account.id, action: "billing.payment" } });

    expect(await pay(actor, { method: method.id, requestKey })).toMatchObject({
      paymentId: first.paymentId,
      status: "SUCCEEDED",
    });
    expect(await db.payment.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "billing.payment" } })).toBe(1);
  });

  it("takes the balance once when twenty different forms pay it at the same moment", async () => {
    const { account, actor } = await household("race");
    const method = await savedCard(actor);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => pay(actor, { method: method.id })));

    const fulfilled = results.filter((r) => r.status === "fulfilled");
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0]!.value.status).toBe("SUCCEEDED");
    const reasons = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(reasons).toHaveLength(19);
    for (const reason of reasons) {
      expect(reason).toBeInstanceOf(BillingError);
      expect(["NOTHING_DUE", "PAYMENT_IN_PROGRESS"]).toContain((reason as BillingError).code);
    }

    const payments = await db.payment.findMany({ where: { accountId: account.id } });
    expect(payments).toHaveLength(1);
    const succeeded = payments.filter((p) => p.status === "SUCCEEDED");
    expect(succeeded.reduce((sum, p) => sum + p.amountCents, 0)).toBe(BILL_CENTS);
    expect(await balanceOf(account.id)).toBe(0);
  });

  it("never takes more than the balance when partial payments race", async () => {
    const { account, actor } = await household("partial-race");
    const method = await savedCard(actor);
    // Twenty forms of $10.00 against a $50.00 balance: five go through.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => pay(actor, { method: method.id, amountChoice: "OTHER", otherAmount: "10" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const payments = await db.payment.findMany({ where: { accountId: account.id, status: "SUCCEEDED" } });
    expect(payments.reduce((sum, p) => sum + p.amountCents, 0)).toBe(BILL_CENTS);
    expect(new Set(payments.map((p) => p.idempotencyKey)).size).toBe(5);
    expect(await balanceOf(account.id)).toBe(0);
  });

  it("records declines without touching the balance", async () => {
    const { account, actor } = await household("declines");

    const declined = await pay(actor, { card: card("4000000000000002") });
    expect(declined).toMatchObject({ status: "FAILED", failureCode: "card_declined" });
    expect(await balanceOf(account.id)).toBe(BILL_CENTS);

    const broke = await pay(actor, { card: card("4000000000009995") });
    expect(broke).toMatchObject({ status: "FAILED", failureCode: "insufficient_funds" });
    expect(await balanceOf(account.id)).toBe(BILL_CENTS);

    // Refused when the card is checked, before any payment is made.
    const expired = await rejectionOf(pay(actor, { card: card("4000000000000069") }));
    expect(expired).toBeInstanceOf(BillingError);
    expect(expired).toMatchObject({ code: "DECLINED", detail: { reason: "expired_card" } });
    expect(await balanceOf(account.id)).toBe(BILL_CENTS);

    const payments = await db.payment.findMany({
      where: { accountId: account.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(payments.map((p) => [p.status, p.failureCode])).toEqual([
      ["FAILED", "card_declined"],
      ["FAILED", "insufficient_funds"],
    ]);
    // Each attempt at the bill has its own idempotency key.
    expect(new Set(payments.map((p) => p.idempotencyKey)).size).toBe(2);
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "billing.payment", outcome: "FAILURE" } }),
    ).toBe(2);
    // A declined card the subscriber is watching is reported on the page, not by email.
    expect(await db.outboxMessage.count({ where: { recipient: actor.email } })).toBe(0);

    // A good card still pays the whole balance afterwards.
    expect(await pay(actor, { card: card("5555555555554444") })).toMatchObject({ status: "SUCCEEDED" });
    expect(await balanceOf(account.id)).toBe(0);
  });

  it("waits for 3-D Secure: approved pays, cancelled fails", async () => {
    const { account, actor } = await household("3ds");

    const cancelled = await pay(actor, { card: card("4000002500003155") });
    expect(cancelled).toMatchObject({
      status: "REQUIRES_ACTION",
      actionUrl: `/billing/payments/${cancelled.paymentId}/authenticate`,
    });
    // While it waits the money is in flight: no second payment of the same balance.
    await expect(pay(actor, { card: card("4242424242424242") })).rejects.toEqual(
      new BillingError("PAYMENT_IN_PROGRESS"),
    );
    expect(await completeDemoAuthentication(ctx, actor, cancelled.paymentId, false, requestOf(actor))).toMatchObject({
      status: "FAILED",
      failureCode: "authentication_required",
    });
    expect(await balanceOf(account.id)).toBe(BILL_CENTS);

    const approved = await pay(actor, { card: card("4000002500003155") });
    expect(approved.status).toBe("REQUIRES_ACTION");
    expect(approved.actionUrl).toBeTruthy();
    expect(await completeDemoAuthentication(ctx, actor, approved.paymentId, true, requestOf(actor))).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await balanceOf(account.id)).toBe(0);

    // Answering again changes nothing.
    expect(await completeDemoAuthentication(ctx, actor, approved.paymentId, false, requestOf(actor))).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "billing.payment", outcome: "SUCCESS" } }),
    ).toBe(1);
  });

  it("checks the amount before anything reaches the gateway", async () => {
    const { account, actor } = await household("amounts");
    const method = await savedCard(actor);
    const other = (otherAmount: string) => pay(actor, { method: method.id, amountChoice: "OTHER", otherAmount });

    await expect(other("0")).rejects.toEqual(new BillingError("AMOUNT_INVALID"));
    await expect(other("abc")).rejects.toEqual(new BillingError("AMOUNT_INVALID"));
    await expect(other("-5")).rejects.toEqual(new BillingError("AMOUNT_INVALID"));
    await expect(other("10.001")).rejects.toEqual(new BillingError("AMOUNT_INVALID"));
    const tooHigh = await rejectionOf(other("50.01"));
    expect(tooHigh).toBeInstanceOf(BillingError);
    expect(tooHigh).toMatchObject({ code: "AMOUNT_TOO_HIGH", detail: { maxCents: BILL_CENTS } });
    await expect(pay(actor, { method: method.id, amountChoice: "PAST_DUE" })).rejects.toEqual(
      new BillingError("NO_PAST_DUE"),
    );
    expect(await db.payment.count({ where: { accountId: account.id } })).toBe(0);

    expect(await pay(actor, { method: method.id, amountChoice: "OTHER", otherAmount: "$12.34" })).toMatchObject({
      status: "SUCCEEDED",
    });
    expect(await balanceOf(account.id)).toBe(BILL_CENTS - 1234);
  });

  it("pays the past-due part once the due date has passed", async () => {
    const { account, actor } = await household("past-due");
    const method = await savedCard(actor);
    ctx.setNow(new Date("2025-04-23T19:00:00Z"));
    const result = await pay(actor, { method: method.id, amountChoice: "PAST_DUE" });
    expect(result.status).toBe("SUCCEEDED");
    expect((await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).amountCents).toBe(BILL_CENTS);
    expect(await balanceOf(account.id)).toBe(0);
  });
});

describe("who may pay and change how to pay", () => {
  it("refuses another household's saved method and payment", async () => {
    const mine = await household("mine");
    const theirs = await household("theirs");
    const theirCard = await savedCard(theirs.actor);
    await expect(pay(mine.actor, { method: theirCard.id })).rejects.toEqual(new BillingError("METHOD_NOT_FOUND"));
    await expect(setDefaultMethod(ctx, mine.actor, theirCard.id, requestOf(mine.actor))).rejects.toEqual(
      new BillingError("METHOD_NOT_FOUND"),
    );
    await expect(removeMethod(ctx, mine.actor, theirCard.id, requestOf(mine.actor))).rejects.toEqual(
      new BillingError("METHOD_NOT_FOUND"),
    );
    await expect(enrollAutopay(ctx, mine.actor, theirCard.id, requestOf(mine.actor))).rejects.toEqual(
      new BillingError("METHOD_NOT_FOUND"),
    );
    expect(await db.payment.count({ where: { accountId: { in: [mine.account.id, theirs.account.id] } } })).toBe(0);
    expect(await balanceOf(theirs.account.id)).toBe(BILL_CENTS);

    const paid = await pay(theirs.actor, { method: theirCard.id, amountChoice: "OTHER", otherAmount: "5" });
    await expect(getPayment(db, mine.account.id, paid.paymentId)).rejects.toEqual(
      new BillingError("PAYMENT_NOT_FOUND"),
    );
    await expect(
      completeDemoAuthentication(ctx, mine.actor, paid.paymentId, true, requestOf(mine.actor)),
    ).rejects.toEqual(new BillingError("PAYMENT_NOT_FOUND"));
  });

  it("lets a member pay but not change the household's methods or autopay", async () => {
    const { account, actor: owner } = await household("member");
    const method = await savedCard(owner);
    const memberActor = await member(account.id);
    const request = requestOf(memberActor);

    await expect(addCardMethod(ctx, memberActor, card("4242424242424242"), request)).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    await expect(setDefaultMethod(ctx, memberActor, method.id, request)).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    await expect(removeMethod(ctx, memberActor, method.id, request)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    await expect(enrollAutopay(ctx, memberActor, method.id, request)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    expect(await listPaymentMethods(db, account.id)).toHaveLength(1);
    expect(await db.autopayEnrollment.count({ where: { accountId: account.id } })).toBe(0);

    const result = await pay(memberActor, { method: method.id });
    expect(result.status).toBe("SUCCEEDED");
    expect((await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } })).createdById).toBe(memberActor.id);
    // The receipt goes to whoever paid.
    expect(await db.outboxMessage.count({ where: { recipient: memberActor.email } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { recipient: owner.email } })).toBe(0);
  });

  it("needs a recent step-up to change methods or autopay", async () => {
    const { account, actor } = await household("step-up");
    const method = await savedCard(actor);
    ctx.advance(11 * 60_000);
    const request = requestOf(actor);

    await expect(addCardMethod(ctx, actor, card("5555555555554444"), request)).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    await expect(setDefaultMethod(ctx, actor, method.id, request)).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    await expect(removeMethod(ctx, actor, method.id, request)).rejects.toEqual(new IdentityError("STEP_UP_REQUIRED"));
    await expect(enrollAutopay(ctx, actor, method.id, request)).rejects.toEqual(new IdentityError("STEP_UP_REQUIRED"));
    expect(await listPaymentMethods(db, account.id)).toHaveLength(1);

    // Paying needs no step-up.
    expect((await pay(actor, { method: method.id })).status).toBe("SUCCEEDED");
  });

  it("keeps the method autopay uses, and moves the default when the default is removed", async () => {
    const { account, actor } = await household("in-use");
    const first = await savedCard(actor);
    const second = await savedCard(actor, "5555555555554444");
    expect(second.isDefault).toBe(false);
    await enrollAutopay(ctx, actor, first.id, requestOf(actor));

    await expect(removeMethod(ctx, actor, first.id, requestOf(actor))).rejects.toEqual(
      new BillingError("METHOD_IN_USE"),
    );
    expect((await listPaymentMethods(db, account.id)).map((m) => m.id)).toEqual([first.id, second.id]);

    await enrollAutopay(ctx, actor, second.id, requestOf(actor));
    await removeMethod(ctx, actor, first.id, requestOf(actor));
    expect(await listPaymentMethods(db, account.id)).toMatchObject([{ id: second.id, isDefault: true }]);
    // A removed method can no longer pay.
    await expect(pay(actor, { method: first.id })).rejects.toEqual(new BillingError("METHOD_NOT_FOUND"));
    expect(
      (await db.auditEvent.findMany({ where: { accountId: account.id, action: { startsWith: "billing." } } }))
        .map((e) => e.action)
        .sort(),
    ).toEqual(
      [
        "billing.method_add",
        "billing.method_add",
        "billing.autopay_enroll",
        "billing.autopay_change",
        "billing.method_remove",
      ].sort(),
    );
  });
});
