import type { CoreContext } from "../context.ts";
import { chargeSafely, settlePayment } from "./pay.ts";
import { gatewayCustomer } from "./payment-methods.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "payments" | "profile" | "publicUrl" | "transports">;

const RETRY_AFTER_MS = 10 * 60_000;
/** Gateways keep idempotency keys for about a day; past that a retry could charge twice. */
const GIVE_UP_AFTER_MS = 20 * 60 * 60_000;

const SYSTEM = { actorUserId: null, userAgent: "billing job" };

/**
 * Payments left pending because the gateway could not be reached. A payment with a saved method is
 * retried with its own idempotency key (the gateway then either replays what it did or does it
 * once); one that cannot be retried is closed as failed after a while, and a success reported
 * later by webhook still turns it into a paid payment.
 */
export async function reconcilePendingPayments(ctx: Ctx) {
  const now = ctx.now().getTime();
  const stale = await ctx.db.payment.findMany({
    where: { status: "PENDING", createdAt: { lt: new Date(now - RETRY_AFTER_MS) } },
    include: { method: true },
    take: 500,
  });
  const report = { retried: 0, settled: 0, closed: 0 };
  for (const payment of stale) {
    const age = now - payment.createdAt.getTime();
    if (payment.method && !payment.method.removedAt && age < GIVE_UP_AFTER_MS) {
      report.retried += 1;
      const outcome = await chargeSafely(ctx, {
        paymentId: payment.id,
        accountId: payment.accountId,
        customerRef: await gatewayCustomer(ctx, payment.accountId),
        methodRef: payment.method.gatewayRef,
        amountCents: payment.amountCents,
        currency: ctx.profile.currency,
        idempotencyKey: payment.idempotencyKey,
        offSession: true,
        description: `${ctx.profile.brandName} ${payment.source === "AUTOPAY" ? "autopay" : "bill payment"}`,
        returnUrl: `${ctx.publicUrl}/billing/payments/${payment.id}`,
      });
      const result = await settlePayment(ctx, payment.id, outcome, SYSTEM);
      if (result.status !== "PENDING") report.settled += 1;
    } else if (age >= GIVE_UP_AFTER_MS || !payment.method) {
      const result = await settlePayment(
        ctx,
        payment.id,
        { status: "failed", ref: payment.gatewayRef, code: "processing_error" },
        SYSTEM,
      );
      if (result.status === "FAILED") report.closed += 1;
    }
  }
  return report;
}
