import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeStripe, stripeEvent, type FakeStripe } from "../../testing/fake-stripe.ts";
import { WebhookSignatureError, type ChargeRequest, type PaymentGateway } from "../gateway.ts";
import { createStripeGateway, declineCodeFromStripe, GatewayUnavailableError } from "./stripe.ts";

const WEBHOOK_SECRET = "whsec_test_secret";

let fake: FakeStripe;
let gateway: PaymentGateway;
let sequence = 0;

beforeAll(async () => {
  fake = await startFakeStripe();
  gateway = createStripeGateway({ secretKey: "sk_test_fake", webhookSecret: WEBHOOK_SECRET, apiBase: fake.apiBase });
});

afterAll(async () => {
  await fake.close();
});

function chargeRequest(overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  sequence += 1;
  return {
    paymentId: `payment-${sequence}`,
    accountId: "account-1",
    customerRef: "cus_test",
    methodRef: "pm_card_visa",
    amountCents: 8999,
    currency: "USD",
    idempotencyKey: `charge-${sequence}`,
    offSession: false,
    description: "Homeport bill",
    returnUrl: "https://portal.example/billing/return",
    ...overrides,
  };
}

function intentsFor(paymentId: string) {
  return [...fake.state.paymentIntents.values()].filter((intent) => {
    const metadata = intent.metadata as Record<string, string>;
    return metadata.paymentId === paymentId;
  });
}

function lastRequest(path: string) {
  const request = fake.requests.findLast((entry) => entry.path === path);
  if (!request) throw new Error(`no request to ${path}`);
  return request;
}

function signed(event: object, options: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
  return { body, header };
}

function parse(event: object) {
  const { body, header } = signed(event);
  return gateway.parseWebhook!(body, header);
}

const card = (id: string) => ({
  id,
  object: "payment_method",
  type: "card",
  customer: "cus_test",
  card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2031 },
});

describe("declineCodeFromStripe", () => {
  it("prefers the issuer's reason and falls back to Stripe's code", () => {
    expect(declineCodeFromStripe("card_declined", "generic_decline")).toBe("card_declined");
    expect(declineCodeFromStripe("card_declined", "insufficient_funds")).toBe("insufficient_funds");
    expect(declineCodeFromStripe("card_declined", "do_not_honor")).toBe("card_declined");
    expect(declineCodeFromStripe("expired_card", undefined)).toBe("expired_card");
    expect(declineCodeFromStripe("incorrect_cvc", null)).toBe("incorrect_cvc");
    expect(declineCodeFromStripe("processing_error", null)).toBe("processing_error");
    expect(declineCodeFromStripe("authentication_required", "authentication_required")).toBe("authentication_required");
    expect(declineCodeFromStripe("resource_missing", undefined)).toBe("unknown");
    expect(declineCodeFromStripe(undefined, undefined)).toBe("unknown");
  });
});

describe("Stripe gateway against the fake Stripe API", () => {
  it("is hosted", () => {
    expect(gateway.kind).toBe("STRIPE");
    expect(gateway.cardEntry).toBe("hosted");
  });

  it("creates one customer per account, however often it is asked", async () => {
    const customer = { accountId: "acct-42", accountNumber: "8260 1000 4242", name: "Grace Okafor", email: null };
    const first = await gateway.ensureCustomer(customer, null);
    const second = await gateway.ensureCustomer(customer, null);
    expect(first).toMatch(/^cus_/);
    expect(second).toBe(first);
    const created = [...fake.state.customers.values()].filter(
      (entry) => (entry.metadata as Record<string, string>).accountId === "acct-42",
    );
    expect(created).toHaveLength(1);
    expect(lastRequest("/v1/customers")).toMatchObject({
      idempotencyKey: "customer-acct-42",
      body: { name: "Grace Okafor", metadata: { accountId: "acct-42", accountNumber: "8260 1000 4242" } },
    });

    const before = fake.requests.length;
    expect(await gateway.ensureCustomer(customer, "cus_existing")).toBe("cus_existing");
    expect(fake.requests.length).toBe(before);
  });

  it("charges a card that succeeds", async () => {
    const request = chargeRequest();
    const outcome = await gateway.charge(request);
    expect(outcome).toEqual({ status: "succeeded", ref: expect.stringMatching(/^pi_/) });
    expect(lastRequest("/v1/payment_intents")).toMatchObject({
      idempotencyKey: request.idempotencyKey,
      body: {
        amount: "8999",
        currency: "usd",
        customer: "cus_test",
        payment_method: "pm_card_visa",
        confirm: "true",
        off_session: "false",
        return_url: request.returnUrl,
        metadata: { paymentId: request.paymentId, accountId: "account-1" },
      },
    });
  });

  it.each([
    ["pm_card_chargeDeclined", "card_declined"],
    ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
    ["pm_card_chargeDeclinedExpiredCard", "expired_card"],
    ["pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc"],
    ["pm_card_chargeDeclinedProcessingError", "processing_error"],
  ])("maps the decline of %s to %s", async (methodRef, code) => {
    const request = chargeRequest({ methodRef });
    const outcome = await gateway.charge(request);
    const [intent] = intentsFor(request.paymentId);
    expect(outcome).toEqual({ status: "failed", ref: intent?.id, code });
  });

  it("sends a subscriber at the keyboard to authenticate", async () => {
    const outcome = await gateway.charge(chargeRequest({ methodRef: "pm_card_authenticationRequired" }));
    expect(outcome).toEqual({
      status: "requires_action",
      ref: expect.stringMatching(/^pi_/),
      actionUrl: expect.stringMatching(new RegExp(`^${fake.apiBase}/authenticate/pi_`)),
    });
  });

  it("fails autopay that needs authentication, without a return url", async () => {
    const request = chargeRequest({ methodRef: "pm_card_authenticationRequired", offSession: true });
    const outcome = await gateway.charge(request);
    expect(outcome).toEqual({
      status: "failed",
      ref: intentsFor(request.paymentId)[0]?.id,
      code: "authentication_required",
    });
    const { body } = lastRequest("/v1/payment_intents");
    expect(body.off_session).toBe("true");
    expect(body).not.toHaveProperty("return_url");
  });

  it("replays a repeated charge instead of charging twice", async () => {
    const request = chargeRequest();
    const first = await gateway.charge(request);
    const second = await gateway.charge(request);
    expect(second).toEqual(first);
    expect(intentsFor(request.paymentId)).toHaveLength(1);

    const declined = chargeRequest({ methodRef: "pm_card_chargeDeclined" });
    const firstDecline = await gateway.charge(declined);
    expect(await gateway.charge(declined)).toEqual(firstDecline);
    expect(intentsFor(declined.paymentId)).toHaveLength(1);
  });

  it("has a fake that replays a repeated request byte for byte", async () => {
    const post = (body: string) =>
      fetch(`${fake.apiBase}/v1/customers`, {
        method: "POST",
        headers: {
          authorization: "Bearer sk_test_fake",
          "idempotency-key": "raw-replay",
          "content-type": "application/x-www-form-urlencoded",
        },
        body,
      });
    const first = await post("name=Raw&metadata[accountId]=raw");
    const second = await post("metadata[accountId]=raw&name=Raw");
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    const different = await post("name=Other");
    expect(different.status).toBe(400);
    expect(await different.json()).toMatchObject({ error: { type: "idempotency_error" } });
  });

  it("does not call a reused key with other parameters a decline", async () => {
    const request = chargeRequest();
    await gateway.charge(request);
    await expect(gateway.charge({ ...request, amountCents: request.amountCents + 1 })).rejects.toBeInstanceOf(
      GatewayUnavailableError,
    );
    expect(intentsFor(request.paymentId)).toHaveLength(1);
  });

  it("starts a hosted setup", async () => {
    const result = await gateway.startHostedSetup!({
      accountId: "account-1",
      customerRef: "cus_test",
      idempotencyKey: "setup-1",
      successUrl: "https://portal.example/billing/methods",
      cancelUrl: "https://portal.example/billing/methods",
    });
    expect(result.url).toMatch(new RegExp(`^${fake.apiBase}/c/pay/cs_test_`));
    expect(lastRequest("/v1/checkout/sessions")).toMatchObject({
      idempotencyKey: "setup-1",
      body: { mode: "setup", currency: "usd", setup_intent_data: { metadata: { accountId: "account-1" } } },
    });
  });

  it("detaches a method, and a method already gone is fine", async () => {
    await gateway.detachMethod("pm_card_mastercard");
    await gateway.detachMethod("pm_card_mastercard");
    expect(
      fake.requests.filter((entry) => entry.path === "/v1/payment_methods/pm_card_mastercard/detach"),
    ).toHaveLength(2);
  });
});

describe("Stripe webhooks", () => {
  const succeeded = stripeEvent("payment_intent.succeeded", {
    id: "pi_1",
    object: "payment_intent",
    status: "succeeded",
    payment_method: "pm_1",
    metadata: { paymentId: "payment-7", accountId: "account-1" },
  });

  it("accepts a correctly signed delivery", () => {
    expect(parse(succeeded)).toEqual({
      id: succeeded.id,
      type: "payment.succeeded",
      paymentId: "payment-7",
      ref: "pi_1",
      method: null,
    });
  });

  it("rejects a wrong secret, a tampered body, a stale timestamp and a missing signature", () => {
    const wrongSecret = signed(succeeded, { secret: "whsec_someone_else" });
    expect(() => gateway.parseWebhook!(wrongSecret.body, wrongSecret.header)).toThrow(WebhookSignatureError);

    const tampered = signed(succeeded);
    const body = tampered.body.replace("payment-7", "payment-8");
    expect(() => gateway.parseWebhook!(body, tampered.header)).toThrow(WebhookSignatureError);

    const stale = signed(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(() => gateway.parseWebhook!(stale.body, stale.header)).toThrow(WebhookSignatureError);

    const recent = signed(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 240 });
    expect(gateway.parseWebhook!(recent.body, recent.header).type).toBe("payment.succeeded");

    expect(() => gateway.parseWebhook!(tampered.body, null)).toThrow(WebhookSignatureError);
    const unconfigured = createStripeGateway({ secretKey: "sk_test_fake", webhookSecret: null, apiBase: fake.apiBase });
    expect(() => unconfigured.parseWebhook!(tampered.body, tampered.header)).toThrow(WebhookSignatureError);
  });

  it("keeps the card of a payment when Stripe sent the whole method", () => {
    const event = stripeEvent("payment_intent.succeeded", {
      id: "pi_2",
      object: "payment_intent",
      payment_method: card("pm_2"),
      metadata: { paymentId: "payment-9" },
    });
    expect(parse(event)).toMatchObject({
      type: "payment.succeeded",
      method: { ref: "pm_2", kind: "CARD", brand: "visa", last4: "4242", expMonth: 12, expYear: 2031 },
    });
  });

  it("normalises a failed payment", () => {
    const event = stripeEvent("payment_intent.payment_failed", {
      id: "pi_3",
      object: "payment_intent",
      metadata: { paymentId: "payment-10" },
      last_payment_error: { type: "card_error", code: "card_declined", decline_code: "insufficient_funds" },
    });
    expect(parse(event)).toEqual({
      id: event.id,
      type: "payment.failed",
      paymentId: "payment-10",
      ref: "pi_3",
      code: "insufficient_funds",
    });
  });

  it("normalises a refund", () => {
    const event = stripeEvent("charge.refunded", {
      id: "ch_1",
      object: "charge",
      payment_intent: "pi_4",
      amount: 8999,
      amount_refunded: 1500,
      metadata: {},
    });
    expect(parse(event)).toEqual({
      id: event.id,
      type: "payment.refunded",
      paymentId: null,
      ref: "pi_4",
      amountCents: 1500,
    });
  });

  it("normalises an attached card and bank account", () => {
    const attachedCard = stripeEvent("payment_method.attached", card("pm_5"));
    expect(parse(attachedCard)).toEqual({
      id: attachedCard.id,
      type: "method.attached",
      accountId: null,
      customerRef: "cus_test",
      method: { ref: "pm_5", kind: "CARD", brand: "visa", last4: "4242", expMonth: 12, expYear: 2031 },
    });

    const attachedBank = stripeEvent("payment_method.attached", {
      id: "pm_6",
      object: "payment_method",
      type: "us_bank_account",
      customer: "cus_test",
      us_bank_account: { bank_name: "STRIPE TEST BANK", last4: "6789", account_type: "checking" },
    });
    expect(parse(attachedBank)).toMatchObject({
      type: "method.attached",
      method: { ref: "pm_6", kind: "BANK_ACCOUNT", brand: "STRIPE TEST BANK", last4: "6789", expMonth: null },
    });
  });

  it("normalises a detached method", () => {
    const event = stripeEvent("payment_method.detached", { ...card("pm_7"), customer: null });
    expect(parse(event)).toEqual({ id: event.id, type: "method.detached", ref: "pm_7" });
  });

  it("ignores everything else, including setup_intent.succeeded", () => {
    const setup = stripeEvent("setup_intent.succeeded", {
      id: "seti_1",
      object: "setup_intent",
      payment_method: "pm_8",
    });
    expect(parse(setup)).toEqual({ id: setup.id, type: "ignored", gatewayType: "setup_intent.succeeded" });
    const other = stripeEvent("customer.created", { id: "cus_9", object: "customer" });
    expect(parse(other)).toEqual({ id: other.id, type: "ignored", gatewayType: "customer.created" });
  });

  it("verifies what the fake's sendWebhook delivers", async () => {
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        try {
          const event = gateway.parseWebhook!(body, (request.headers["stripe-signature"] as string) ?? null);
          response.writeHead(200).end(event.type);
        } catch (error) {
          response.writeHead(error instanceof WebhookSignatureError ? 400 : 500).end();
        }
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/stripe`;
    try {
      const ok = await fake.sendWebhook(url, succeeded, WEBHOOK_SECRET);
      expect([ok.status, await ok.text()]).toEqual([200, "payment.succeeded"]);
      const forged = await fake.sendWebhook(url, succeeded, WEBHOOK_SECRET, { signatureSecret: "whsec_forged" });
      expect(forged.status).toBe(400);
      const stale = await fake.sendWebhook(url, succeeded, WEBHOOK_SECRET, {
        timestamp: Math.floor(Date.now() / 1000) - 600,
      });
      expect(stale.status).toBe(400);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe("Stripe gateway when Stripe cannot be reached", () => {
  it("throws GatewayUnavailableError, never a decline", async () => {
    const gone = await startFakeStripe();
    await gone.close();
    const unreachable = createStripeGateway({ secretKey: "sk_test_fake", webhookSecret: null, apiBase: gone.apiBase });
    await expect(unreachable.charge(chargeRequest())).rejects.toBeInstanceOf(GatewayUnavailableError);
    await expect(
      unreachable.ensureCustomer({ accountId: "a", accountNumber: "1", name: "A", email: null }, null),
    ).rejects.toBeInstanceOf(GatewayUnavailableError);
  });

  it("treats a rejected API key as unavailable, not as a decline", async () => {
    const misconfigured = createStripeGateway({ secretKey: "rk_wrong", webhookSecret: null, apiBase: fake.apiBase });
    await expect(misconfigured.charge(chargeRequest())).rejects.toBeInstanceOf(GatewayUnavailableError);
  });
});
