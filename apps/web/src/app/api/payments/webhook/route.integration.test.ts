import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeStripe, startFakeStripe, stripeEvent } from "@homeport/core/testing/fake-stripe";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const WEBHOOK_SECRET = "whsec_route_test";
let fake: FakeStripe;
let server: Server;
let webhookUrl: string;

/** The route handler behind a real HTTP listener, so deliveries arrive as Stripe sends them. */
beforeAll(async () => {
  fake = await startFakeStripe();
  Object.assign(process.env, {
    DATABASE_URL: inject("databaseUrl" as never) as string,
    NEXTAUTH_SECRET: "webhook-route-test-secret-long-enough",
    STRIPE_SECRET_KEY: "sk_test_route",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.apiBase,
  });
  const { POST } = await import("./route.ts");
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const response = await POST(
      new Request(`http://localhost${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" });
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payments/webhook`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
  const { coreContext } = await import("@homeport/core/context");
  await coreContext().db.$disconnect();
});

async function pendingPayment() {
  const { coreContext } = await import("@homeport/core/context");
  const db = coreContext().db;
  const tag = crypto.randomUUID().slice(0, 8);
  const account = await db.serviceAccount.create({
    data: {
      accountNumber: `8352${String(Date.now()).slice(-8)}${tag.replace(/\D/g, "0").slice(0, 4)}`,
      holderName: "Webhook Household",
      addressLine1: "1 Test Way",
      city: "Sacramento",
      state: "CA",
      zip: "95816",
      timeZone: "America/Los_Angeles",
    },
  });
  const payment = await db.payment.create({
    data: {
      accountId: account.id,
      amountCents: 4200,
      source: "ONE_TIME",
      gateway: "STRIPE",
      methodKind: "CARD",
      methodBrand: "visa",
      methodLast4: "4242",
      idempotencyKey: `bill-${account.id}-attempt-1`,
      gatewayRef: `pi_${tag}`,
      receiptNumber: `W-${tag}`,
    },
  });
  return { db, payment };
}

describe("POST /api/payments/webhook", () => {
  it("applies a signed delivery once, however many times it arrives", async () => {
    const { db, payment } = await pendingPayment();
    const event = stripeEvent("payment_intent.succeeded", {
      id: payment.gatewayRef,
      object: "payment_intent",
      status: "succeeded",
      metadata: { paymentId: payment.id },
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => fake.sendWebhook(webhookUrl, event, WEBHOOK_SECRET)),
    );
    const results = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.json() })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.result === "applied")).toHaveLength(1);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("SUCCEEDED");

    // A failure delivered later (a different event) never un-pays it.
    const failed = stripeEvent("payment_intent.payment_failed", {
      id: payment.gatewayRef,
      object: "payment_intent",
      status: "requires_payment_method",
      metadata: { paymentId: payment.id },
      last_payment_error: { code: "card_declined", decline_code: "generic_decline" },
    });
    expect((await fake.sendWebhook(webhookUrl, failed, WEBHOOK_SECRET)).status).toBe(200);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("SUCCEEDED");
  });

  it("refuses a delivery signed with another secret, or too old, with a 400 and no change", async () => {
    const { db, payment } = await pendingPayment();
    const event = stripeEvent("payment_intent.succeeded", {
      id: payment.gatewayRef,
      object: "payment_intent",
      status: "succeeded",
      metadata: { paymentId: payment.id },
    });
    const forged = await fake.sendWebhook(webhookUrl, event, WEBHOOK_SECRET, { signatureSecret: "whsec_someone_else" });
    expect(forged.status).toBe(400);
    const stale = await fake.sendWebhook(webhookUrl, event, WEBHOOK_SECRET, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(400);
    const unsigned = await fetch(webhookUrl, { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");
  });
});
