import { randomBytes, randomUUID } from "node:crypto";
import { createHousehold } from "@homeport/db/factories";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { toDbDate } from "./calendar.ts";
import type { ChargeRequest, PaymentGateway } from "./gateway.ts";
import { createDemoGateway } from "./gateways/demo.ts";
import { payBill } from "./pay.ts";
import { addCardMethod } from "./payment-methods.ts";
import { reconcilePendingPayments } from "./reconcile.ts";
import { ZCardInput } from "./schemas.ts";
import { generateStatement } from "./statements.ts";
import { getBillingSummary } from "./summary.ts";

/** The demo gateway behind a switch: while "down", every charge fails to get an answer. */
const demo = createDemoGateway();
let down = false;
const charges: ChargeRequest[] = [];
const flaky: PaymentGateway = {
  ...demo,
  async charge(request) {
    charges.push(request);
    if (down) throw new Error("connect ECONNREFUSED");
    return demo.charge(request);
  },
};

const ctx = createTestContext(inject("databaseUrl"), { payments: flaky });
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());

async function householdOwing() {
  ctx.setNow(new Date("2025-04-05T19:00:00Z"));
  const { account, owner } = await createHousehold(db, {
    owner: { email: `reconcile-${tag}-${randomUUID()}@example.com` },
  });
  accounts.push(account.id);
  const planId = `reconcile-${randomUUID()}`;
  await db.servicePlan.create({ data: { id: planId, kind: "INTERNET", name: "Internet Test", monthlyCents: 5000 } });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: 5000, startedOn: toDbDate("2025-01-01") },
  });
  await generateStatement(
    ctx,
    account.id,
    { start: "2025-03-01", end: "2025-03-31" },
    { issuedAt: ctx.now(), notify: false },
  );
  const actor = householdActor(owner, account.id, "OWNER", { stepUpAt: ctx.now() });
  return { account, actor, request: { actorUserId: owner.id } };
}

describe("payments the gateway never answered", () => {
  it("stay pending (never declined), hold the balance, and are retried with the same key until they settle", async () => {
    const { account, actor, request } = await householdOwing();
    const method = await addCardMethod(
      ctx,
      actor,
      ZCardInput.parse({ number: "4242424242424242", expiry: "12/30", cvc: "123", name: "A" }),
      request,
    );
    down = true;
    const result = await payBill(
      ctx,
      actor,
      { amountChoice: "BALANCE", method: method.id, saveCard: false, requestKey: randomUUID() },
      request,
    );
    expect(result.status).toBe("PENDING");
    const summary = await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing);
    expect(summary.inFlightCents).toBe(5000);
    // Paying again would take the same money twice, so it is refused while the first is unsettled.
    await expect(
      payBill(
        ctx,
        actor,
        { amountChoice: "BALANCE", method: method.id, saveCard: false, requestKey: randomUUID() },
        request,
      ),
    ).rejects.toMatchObject({ code: "PAYMENT_IN_PROGRESS" });

    // Too early to retry: nothing happens.
    ctx.advance(5 * 60_000);
    expect(await reconcilePendingPayments(ctx)).toMatchObject({ retried: 0 });

    down = false;
    ctx.advance(6 * 60_000);
    const report = await reconcilePendingPayments(ctx);
    expect(report.retried).toBeGreaterThanOrEqual(1);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment.status).toBe("SUCCEEDED");
    const keys = charges.filter((c) => c.paymentId === payment.id).map((c) => c.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([payment.idempotencyKey]));
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).balanceCents).toBe(0);
  });

  it("are closed as failed when they cannot be retried, and the household is told", async () => {
    const { account, actor, request } = await householdOwing();
    down = true;
    const result = await payBill(
      ctx,
      actor,
      {
        amountChoice: "BALANCE",
        method: "new",
        saveCard: false,
        requestKey: randomUUID(),
        card: ZCardInput.parse({ number: "4242424242424242", expiry: "12/30", cvc: "123", name: "A" }),
      },
      request,
    );
    expect(result.status).toBe("PENDING");
    down = false;
    ctx.advance(11 * 60_000);
    await reconcilePendingPayments(ctx);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.paymentId } });
    expect(payment).toMatchObject({ status: "FAILED", failureCode: "processing_error" });
    const notice = await db.notification.findFirst({
      where: { accountId: account.id, messageKey: "billing.payment_failed" },
    });
    expect(notice).not.toBeNull();
    expect((await getBillingSummary(db, account.id, ctx.now(), ctx.profile.billing)).inFlightCents).toBe(0);
  });
});
