import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner, requireStepUp } from "../identity/actor.ts";
import { calendarDateAt } from "./calendar.ts";
import { BillingError } from "./errors.ts";
import { gatewayCustomer } from "./payment-methods.ts";
import { chargeSafely, settlePayment } from "./pay.ts";
import { cardValidOn, getBillingSummary } from "./summary.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "payments" | "profile" | "publicUrl" | "transports">;

/** Enrols in autopay or switches its method; needs a fresh step-up like any change to how money leaves. */
export async function enrollAutopay(ctx: Ctx, actor: Actor, methodId: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  const method = await ctx.db.paymentMethod.findFirst({ where: { id: methodId, accountId, removedAt: null } });
  if (!method) throw new BillingError("METHOD_NOT_FOUND");
  if (!cardValidOn(method.expMonth, method.expYear, calendarDateAt(ctx.now(), ctx.profile.timeZone))) {
    throw new BillingError("METHOD_EXPIRED");
  }
  await ctx.db.$transaction(async (tx) => {
    const existing = await tx.autopayEnrollment.findUnique({ where: { accountId } });
    await tx.autopayEnrollment.upsert({
      where: { accountId },
      create: { accountId, paymentMethodId: methodId, enrolledById: actor.id, enrolledAt: ctx.now() },
      update: { paymentMethodId: methodId },
    });
    await recordAuditEvent(tx, request, {
      action: existing ? "billing.autopay_change" : "billing.autopay_enroll",
      outcome: "SUCCESS",
      accountId,
      target: methodId,
      details: { brand: method.brand, last4: method.last4 },
    });
  });
}

export async function cancelAutopay(ctx: Ctx, actor: Actor, request: RequestContext) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  const { count } = await ctx.db.autopayEnrollment.deleteMany({ where: { accountId } });
  if (count === 0) throw new BillingError("AUTOPAY_NOT_ENROLLED");
  await recordAuditEvent(ctx.db, request, { action: "billing.autopay_cancel", outcome: "SUCCESS", accountId });
}

/**
 * The daily draft: every enrolled account whose bill is due today is charged off-session once.
 * The payment's key is the statement's, so a second run (or a second worker) finds it and only
 * retries the gateway call with the same idempotency key if it never got an answer.
 */
export async function runAutopay(ctx: Ctx) {
  const enrollments = await ctx.db.autopayEnrollment.findMany({
    where: { account: { status: { not: "CLOSED" } } },
    include: { method: true },
  });
  const report = { drafted: 0, failed: 0, skipped: 0 };
  for (const enrollment of enrollments) {
    const { accountId, method } = enrollment;
    const summary = await getBillingSummary(ctx.db, accountId, ctx.now(), ctx.profile.billing);
    const draft = summary.autopay?.nextDraft;
    const statementId = summary.latestStatement?.id;
    if (!draft || !statementId || draft.on !== summary.today || method.removedAt) {
      report.skipped += 1;
      continue;
    }
    const amountCents = draft.amountCents - summary.inFlightCents;
    const key = `autopay-${statementId}`;
    let payment = await ctx.db.payment.findUnique({ where: { idempotencyKey: key } });
    if (!payment && amountCents > 0) {
      payment = await ctx.db.payment
        .create({
          data: {
            accountId,
            amountCents,
            source: "AUTOPAY",
            gateway: ctx.payments.kind,
            methodId: method.id,
            methodKind: method.kind,
            methodBrand: method.brand,
            methodLast4: method.last4,
            idempotencyKey: key,
            receiptNumber: `AP-${statementId.slice(-12).toUpperCase()}`,
            createdAt: ctx.now(),
          },
        })
        .catch(() => ctx.db.payment.findUnique({ where: { idempotencyKey: key } }));
    }
    if (!payment || payment.status !== "PENDING") {
      report.skipped += 1;
      continue;
    }
    const outcome = await chargeSafely(ctx, {
      paymentId: payment.id,
      accountId,
      customerRef: await gatewayCustomer(ctx, accountId),
      methodRef: method.gatewayRef,
      amountCents: payment.amountCents,
      currency: ctx.profile.currency,
      idempotencyKey: key,
      offSession: true,
      description: `${ctx.profile.brandName} autopay`,
      returnUrl: `${ctx.publicUrl}/billing`,
    });
    const result = await settlePayment(ctx, payment.id, outcome, { actorUserId: null });
    if (result.status === "SUCCEEDED") report.drafted += 1;
    else if (result.status === "FAILED") report.failed += 1;
  }
  return report;
}
