import type { RequestContext } from "../audit/record-audit-event.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { calendarDateAt, toDbDate } from "./calendar.ts";
import type { GatewayEvent } from "./gateway.ts";
import { settlePayment } from "./pay.ts";
import { storeMethod } from "./payment-methods.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "payments" | "profile" | "publicUrl" | "transports">;

const WEBHOOK: RequestContext = { actorUserId: null, userAgent: "payment gateway webhook" };

/**
 * Applies one gateway event exactly once: its id is recorded in the same transaction as its
 * effect, so a redelivery (gateways deliver at least once, in any order) changes nothing.
 */
export async function applyGatewayEvent(ctx: Ctx, event: GatewayEvent): Promise<"applied" | "duplicate" | "ignored"> {
  if (event.type === "ignored") return "ignored";
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.processedGatewayEvent.createMany({
      data: [{ id: event.id, type: event.type }],
      skipDuplicates: true,
    });
    if (count === 0) return "duplicate";

    switch (event.type) {
      case "payment.succeeded":
      case "payment.failed": {
        const payment = await tx.payment.findFirst({
          where: event.paymentId ? { id: event.paymentId } : { gatewayRef: event.ref },
          select: { id: true },
        });
        if (!payment) return "ignored";
        await settlePayment(
          ctx,
          payment.id,
          event.type === "payment.succeeded"
            ? { status: "succeeded", ref: event.ref }
            : { status: "failed", ref: event.ref, code: event.code },
          WEBHOOK,
          tx,
        );
        return "applied";
      }
      case "payment.refunded": {
        const payment = await tx.payment.findFirst({
          where: event.paymentId ? { id: event.paymentId } : { gatewayRef: event.ref },
        });
        if (!payment) return "ignored";
        await tx.payment.updateMany({ where: { id: payment.id, status: "SUCCEEDED" }, data: { status: "REFUNDED" } });
        const account = await tx.serviceAccount.findUniqueOrThrow({
          where: { id: payment.accountId },
          select: { timeZone: true },
        });
        // The money went back, so it is owed again, on the next statement. The gateway reports the
        // running total refunded, so only the part not yet charged back is added.
        const chargedBack = await tx.accountCharge.aggregate({
          where: {
            accountId: payment.accountId,
            code: "payment-refunded",
            sourceKey: { startsWith: `refund:${payment.id}:` },
          },
          _sum: { amountCents: true },
        });
        const newlyRefunded = event.amountCents - (chargedBack._sum.amountCents ?? 0);
        if (newlyRefunded > 0) {
          await tx.accountCharge.create({
            data: {
              accountId: payment.accountId,
              kind: "ONE_TIME",
              code: "payment-refunded",
              amountCents: newlyRefunded,
              chargedOn: toDbDate(calendarDateAt(ctx.now(), account.timeZone)),
              values: { receipt: payment.receiptNumber },
              sourceKey: `refund:${payment.id}:${event.id}`,
            },
          });
        }
        await recordAuditEvent(tx, WEBHOOK, {
          action: "billing.payment_refund",
          outcome: "SUCCESS",
          accountId: payment.accountId,
          target: payment.id,
          details: { amountCents: event.amountCents },
        });
        return "applied";
      }
      case "method.attached": {
        const account = await tx.serviceAccount.findFirst({
          where: event.accountId ? { id: event.accountId } : { gatewayCustomerId: event.customerRef },
          select: { id: true },
        });
        if (!account) return "ignored";
        const stored = await storeMethod(tx, account.id, event.method, ctx.payments.kind);
        await recordAuditEvent(tx, WEBHOOK, {
          action: "billing.method_add",
          outcome: "SUCCESS",
          accountId: account.id,
          target: stored.id,
          details: { brand: stored.brand, last4: stored.last4 },
        });
        return "applied";
      }
      case "method.detached": {
        await tx.paymentMethod.updateMany({
          where: { gatewayRef: event.ref, removedAt: null },
          data: { removedAt: ctx.now(), isDefault: false },
        });
        return "applied";
      }
    }
  });
}
