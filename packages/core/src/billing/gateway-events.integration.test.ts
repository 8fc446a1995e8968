import { randomBytes, randomUUID } from "node:crypto";
import { createHousehold } from "@homeport/db/factories";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type FakeStripe, startFakeStripe, stripeEvent } from "../testing/fake-stripe.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { toDbDate } from "./calendar.ts";
import { type GatewayEvent, type PaymentGateway, WebhookSignatureError } from "./gateway.ts";
import { applyGatewayEvent } from "./gateway-events.ts";
import { createStripeGateway } from "./gateways/stripe.ts";
import { payBill } from "./pay.ts";
import { generateStatement } from "./statements.ts";
import { getBillingSummary } from "./summary.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `ge-${name}-${tag}-${(sequence += 1)}`;
const BILL_CENTS = 5000;

// The billing jobs look at every open account; ours are closed once their test is done.
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());
beforeEach(() => ctx.setNow(new Date("2025-04-05T19:00:00Z")));

/** A household with March's $50.00 statement issued. */
async function household(
  name: string,
  context: Pick<typeof ctx, "db" | "now" | "profile" | "transports" | "publicUrl"> = ctx,
) {
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
    context,
    account.id,
    { start: "2025-03-01", end: "2025-03-31" },
    { issuedAt: new Date("2025-04-01T13:00:00Z"), notify: false },
  );
  const actor = householdActor(owner, account.id, "OWNER", { stepUpAt: ctx.now() });
  return { account, owner, actor, statementId };
}

/** A payment sent to the gateway whose outcome only its webhook will tell. */
function pendingPayment(accountId: string, createdById: string) {
  const key = unique("pending");
  return db.payment.create({
    data: {
      accountId,
      amountCents: BILL_CENTS,
      source: "ONE_TIME",
      gateway: "DEMO",
      methodKind: "CARD",
      methodBrand: "visa",
      methodLast4: "4242",
      idempotencyKey: key,
      receiptNumber: key,
      createdById,
    },
  });
}

const eventId = () => `evt_${randomBytes(12).toString("hex")}`;
const audits = (paymentId: string, outcome: "SUCCESS" | "FAILURE") =>
  db.auditEvent.count({ where: { action: "billing.payment", target: paymentId, outcome } });

describe("applying gateway events", () => {
  it("applies a success delivered twenty times at once exactly once", async () => {
    const { account, owner } = await household("succeeded");
    const payment = await pendingPayment(account.id, owner.id);
    const ref = `demo_pi_${randomBytes(8).toString("hex")}`;
    const event: GatewayEvent = { id: eventId(), type: "payment.succeeded", paymentId: payment.id, ref, method: null };

    const results = await Promise.all(Array.from({ length: 20 }, () => applyGatewayEvent(ctx, event)));
    expect(results.filter((r) => r === "applied")).toHaveLength(1);
    expect(results.filter((r) => r === "duplicate")).toHaveLength(19);

    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      gatewayRef: ref,
      settledAt: ctx.now(),
    });
    expect(await audits(payment.id, "SUCCESS")).toBe(1);
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "billing.payment_received" } })).toBe(
      1,
    );
    expect(await db.outboxMessage.count({ where: { recipient: owner.email } })).toBe(1);
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(0);
  });

  it("never lets a late failure undo a success", async () => {
    const { account, owner } = await household("late-failure");
    const payment = await pendingPayment(account.id, owner.id);
    const ref = `demo_pi_${randomBytes(8).toString("hex")}`;
    await applyGatewayEvent(ctx, {
      id: eventId(),
      type: "payment.succeeded",
      paymentId: payment.id,
      ref,
      method: null,
    });
    await applyGatewayEvent(ctx, {
      id: eventId(),
      type: "payment.failed",
      paymentId: payment.id,
      ref,
      code: "card_declined",
    });
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      failureCode: null,
    });
    expect(await audits(payment.id, "SUCCESS")).toBe(1);
    expect(await audits(payment.id, "FAILURE")).toBe(0);
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(0);
  });

  it("upgrades a failure when the success arrives after it, matching by the gateway's reference", async () => {
    const { account, owner } = await household("retry");
    const payment = await pendingPayment(account.id, owner.id);
    const ref = `demo_pi_${randomBytes(8).toString("hex")}`;
    expect(
      await applyGatewayEvent(ctx, {
        id: eventId(),
        type: "payment.failed",
        paymentId: payment.id,
        ref,
        code: "insufficient_funds",
      }),
    ).toBe("applied");
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "FAILED",
      failureCode: "insufficient_funds",
    });
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(BILL_CENTS);

    // The event names the payment only by the gateway's reference.
    expect(
      await applyGatewayEvent(ctx, { id: eventId(), type: "payment.succeeded", paymentId: null, ref, method: null }),
    ).toBe("applied");
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "SUCCEEDED",
      failureCode: null,
    });
    expect(await audits(payment.id, "FAILURE")).toBe(1);
    expect(await audits(payment.id, "SUCCESS")).toBe(1);
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(0);
  });

  it("ignores an event for a payment it does not know", async () => {
    expect(
      await applyGatewayEvent(ctx, {
        id: eventId(),
        type: "payment.succeeded",
        paymentId: null,
        ref: `demo_pi_unknown_${tag}`,
        method: null,
      }),
    ).toBe("ignored");
    expect(await applyGatewayEvent(ctx, { id: eventId(), type: "ignored", gatewayType: "customer.created" })).toBe(
      "ignored",
    );
  });

  it("charges a refund back once, however often it is delivered", async () => {
    const { account, owner } = await household("refund");
    const payment = await pendingPayment(account.id, owner.id);
    const ref = `demo_pi_${randomBytes(8).toString("hex")}`;
    await applyGatewayEvent(ctx, {
      id: eventId(),
      type: "payment.succeeded",
      paymentId: payment.id,
      ref,
      method: null,
    });

    const refund: GatewayEvent = {
      id: eventId(),
      type: "payment.refunded",
      paymentId: payment.id,
      ref,
      amountCents: BILL_CENTS,
    };
    expect(await applyGatewayEvent(ctx, refund)).toBe("applied");
    expect(await applyGatewayEvent(ctx, refund)).toBe("duplicate");
    // Another event reporting the same running total adds nothing either.
    expect(await applyGatewayEvent(ctx, { ...refund, id: eventId(), paymentId: null })).toBe("applied");

    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REFUNDED");
    const charges = await db.accountCharge.findMany({ where: { accountId: account.id, code: "payment-refunded" } });
    expect(charges).toMatchObject([
      { kind: "ONE_TIME", amountCents: BILL_CENTS, statementId: null, values: { receipt: payment.receiptNumber } },
    ]);
    // The refunded money is owed again: on the next statement, shown as pending until then.
    const summary = await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing);
    expect(summary.pendingChargesCents).toBe(BILL_CENTS);
  });

  it("stores a method attached to the account's gateway customer, keeping only what identifies it", async () => {
    const { account } = await household("attached");
    const customerRef = `cus_${tag}_${randomBytes(4).toString("hex")}`;
    await db.serviceAccount.update({ where: { id: account.id }, data: { gatewayCustomerId: customerRef } });
    const methodRef = `pm_${randomBytes(10).toString("hex")}`;
    const event: GatewayEvent = {
      id: eventId(),
      type: "method.attached",
      accountId: null,
      customerRef,
      method: { ref: methodRef, kind: "CARD", brand: "mastercard", last4: "4444", expMonth: 3, expYear: 2029 },
    };
    expect(await applyGatewayEvent(ctx, event)).toBe("applied");
    expect(await applyGatewayEvent(ctx, event)).toBe("duplicate");

    const methods = await db.paymentMethod.findMany({ where: { accountId: account.id } });
    expect(methods).toHaveLength(1);
    const { id: _id, createdAt: _createdAt, ...stored } = methods[0]!;
    expect(stored).toEqual({
      accountId: account.id,
      kind: "CARD",
      brand: "mastercard",
      last4: "4444",
      expMonth: 3,
      expYear: 2029,
      gateway: "DEMO",
      gatewayRef: methodRef,
      isDefault: true,
      removedAt: null,
    });
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "billing.method_add", outcome: "SUCCESS" } }),
    ).toBe(1);

    // A customer that is not one of ours changes nothing.
    expect(await applyGatewayEvent(ctx, { ...event, id: eventId(), customerRef: `cus_nobody_${tag}` })).toBe("ignored");
  });
});

describe("the Stripe gateway end to end", () => {
  const WEBHOOK_SECRET = "whsec_test";
  let fake: FakeStripe;
  let gateway: PaymentGateway;
  let stripeCtx: ReturnType<typeof createTestContext>;

  beforeAll(async () => {
    fake = await startFakeStripe();
    gateway = createStripeGateway({ secretKey: "sk_test_x", webhookSecret: WEBHOOK_SECRET, apiBase: fake.apiBase });
    stripeCtx = createTestContext(inject("databaseUrl"), { payments: gateway });
  });
  afterAll(async () => {
    await stripeCtx.db.$disconnect();
    await fake.close();
  });
  beforeEach(() => stripeCtx.setNow(ctx.now()));

  async function stripeHousehold(name: string, methodRef: string) {
    const home = await household(name, stripeCtx);
    const method = await db.paymentMethod.create({
      data: {
        accountId: home.account.id,
        kind: "CARD",
        brand: "visa",
        last4: "4242",
        expMonth: 12,
        expYear: 2030,
        gateway: "STRIPE",
        gatewayRef: methodRef,
        isDefault: true,
      },
    });
    return { ...home, method };
  }

  function signed(event: object, secret = WEBHOOK_SECRET) {
    const payload = JSON.stringify(event);
    return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  }

  it("pays through the Stripe SDK once, and its webhook is applied safely", async () => {
    const { account, actor, method, statementId } = await stripeHousehold("stripe", "pm_card_visa");
    const request = { actorUserId: actor.id, sessionId: actor.sessionId, userAgent: "gateway-events-test" };
    const result = await payBill(
      stripeCtx,
      actor,
      { amountChoice: "BALANCE", method: method.id, saveCard: false, requestKey: randomUUID() },
      request,
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", failureCode: null });
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({
      gateway: "STRIPE",
      amountCents: BILL_CENTS,
      gatewayRef: expect.stringMatching(/^pi_/),
    });

    const intents = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/payment_intents");
    expect(intents).toHaveLength(1);
    expect(intents[0]!.idempotencyKey).toBe(`bill-${statementId}-attempt-1`);
    expect(intents[0]!.idempotencyKey!.startsWith("bill-")).toBe(true);
    expect(intents[0]!.body).toMatchObject({
      amount: String(BILL_CENTS),
      currency: "usd",
      payment_method: "pm_card_visa",
      metadata: { paymentId: payment.id, accountId: account.id },
    });
    // The Stripe customer is made once and remembered on the account.
    const customer = (await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).gatewayCustomerId;
    expect(customer).toMatch(/^cus_/);
    expect(intents[0]!.body.customer).toBe(customer);

    // Stripe's own word on the payment arrives afterwards, perhaps more than once.
    const event = stripeEvent("payment_intent.succeeded", {
      id: payment.gatewayRef,
      object: "payment_intent",
      amount: BILL_CENTS,
      currency: "usd",
      status: "succeeded",
      payment_method: "pm_card_visa",
      metadata: { paymentId: payment.id, accountId: account.id },
    });
    const { payload, header } = signed(event);
    const parsed = gateway.parseWebhook!(payload, header);
    expect(parsed).toMatchObject({ type: "payment.succeeded", paymentId: payment.id, ref: payment.gatewayRef });
    expect(await applyGatewayEvent(stripeCtx, parsed)).toBe("applied");
    expect(await applyGatewayEvent(stripeCtx, gateway.parseWebhook!(payload, header))).toBe("duplicate");
    expect(await audits(payment.id, "SUCCESS")).toBe(1);
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED" });

    // A body signed with another secret, or altered after signing, is refused before anything is read.
    const forged = signed(event, "whsec_someone_else");
    expect(() => gateway.parseWebhook!(forged.payload, forged.header)).toThrow(WebhookSignatureError);
    expect(() => gateway.parseWebhook!(payload.replace(String(BILL_CENTS), "1"), header)).toThrow(
      WebhookSignatureError,
    );
    expect(() => gateway.parseWebhook!(payload, null)).toThrow(WebhookSignatureError);
  });

  it("records a card Stripe declines as failed", async () => {
    const { account, actor, method } = await stripeHousehold("stripe-declined", "pm_card_chargeDeclined");
    const result = await payBill(
      stripeCtx,
      actor,
      { amountChoice: "BALANCE", method: method.id, saveCard: false, requestKey: randomUUID() },
      { actorUserId: actor.id },
    );
    expect(result).toMatchObject({ status: "FAILED", failureCode: "card_declined" });
    expect((await getBillingSummary(db, account.id, stripeCtx.now(), ctx.profile.billing)).balanceCents).toBe(
      BILL_CENTS,
    );
    expect(await audits(result.paymentId, "FAILURE")).toBe(1);
  });
});
