import { randomInt } from "node:crypto";
import { transactionWithRetry } from "../transaction-retry.ts";
import type { DbTx, PaymentStatus } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { BillingError } from "./errors.ts";
import type { ChargeOutcome, DeclineCode } from "./gateway.ts";
import { householdRecipients, lockAccount } from "./household-recipients.ts";
import { formatMoney } from "./money-format.ts";
import { parseDollarsToCents } from "./money.ts";
import { gatewayCustomer, requireAccount, storeMethod, tokenizeCard } from "./payment-methods.ts";
import type { CardFormInput, PayRequest } from "./schemas.ts";
import { cardValidOn, getBillingSummary } from "./summary.ts";
import { resolveArrangement } from "./arrangements.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "payments" | "profile" | "publicUrl" | "transports">;

export interface PaymentResult {
  paymentId: string;
  status: PaymentStatus;
  actionUrl: string | null;
  failureCode: string | null;
}

function newReceiptNumber(): string {
  return `${Date.now().toString(36).toUpperCase()}-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
}

/** How much a choice on the pay form comes to, checked against what is owed right now. */
export function resolveAmount(
  choice: PayRequest["amountChoice"],
  otherAmount: string | undefined,
  owed: { availableCents: number; pastDueCents: number; inFlightCents: number },
  allowPrepay: boolean,
): number {
  if (choice === "BALANCE" || choice === "PAST_DUE") {
    if (owed.availableCents <= 0) {
      throw new BillingError(owed.inFlightCents > 0 ? "PAYMENT_IN_PROGRESS" : "NOTHING_DUE");
    }
    if (choice === "BALANCE") return owed.availableCents;
    const pastDue = Math.min(owed.pastDueCents, owed.availableCents);
    if (pastDue <= 0) throw new BillingError("NO_PAST_DUE");
    return pastDue;
  }
  const cents = parseDollarsToCents(otherAmount ?? "");
  if (cents === null || cents <= 0) throw new BillingError("AMOUNT_INVALID");
  if (!allowPrepay && cents > owed.availableCents) {
    if (owed.availableCents <= 0) {
      throw new BillingError(owed.inFlightCents > 0 ? "PAYMENT_IN_PROGRESS" : "NOTHING_DUE");
    }
    throw new BillingError("AMOUNT_TOO_HIGH", { maxCents: owed.availableCents });
  }
  return cents;
}

/**
 * Pays toward the account's balance. The payment is written (under a lock on the account) before
 * the gateway is called, with an idempotency key derived from the bill and the attempt: a double
 * click, a retry or twenty tabs submitting at once make one payment, and the balance check under
 * the lock refuses to take the same money twice.
 */
export async function payBill(
  ctx: Ctx,
  actor: Actor,
  input: PayRequest & { card?: CardFormInput },
  request: RequestContext,
): Promise<PaymentResult> {
  const accountId = requireAccount(actor);
  const rules = ctx.profile.billing;

  const replay = await ctx.db.payment.findFirst({ where: { accountId, requestKey: input.requestKey } });
  if (replay) {
    // The first attempt died between recording the payment and recording its charge (the database
    // went away): ask the gateway again, under the payment's own idempotency key, so the charge is
    // the same one and the payment settles instead of staying pending with no one to settle it.
    const saved = replay.methodId ? await ctx.db.paymentMethod.findUnique({ where: { id: replay.methodId } }) : null;
    if (!chargeUnrecorded(replay) || !saved) return resultOf(replay);
    return chargeAndSettle(ctx, replay, await gatewayCustomer(ctx, accountId), saved.gatewayRef, request);
  }

  // Cheap checks first, so a bad amount never reaches the gateway.
  const before = await getBillingSummary(ctx.db, accountId, ctx.now(), rules);
  resolveAmount(
    input.amountChoice,
    input.otherAmount,
    {
      availableCents: before.payableCents,
      pastDueCents: before.pastDueCents,
      inFlightCents: before.inFlightCents,
    },
    rules.allowPrepay,
  );

  let method: { id: string | null; ref: string; kind: "CARD" | "BANK_ACCOUNT"; brand: string; last4: string };
  if (input.method === "new") {
    if (!input.card) throw new BillingError("CARD_NUMBER_INVALID");
    const tokenized = await tokenizeCard(ctx, accountId, input.card);
    const saved = input.saveCard ? await storeMethod(ctx.db, accountId, tokenized, ctx.payments.kind) : null;
    method = {
      id: saved?.id ?? null,
      ref: tokenized.ref,
      kind: tokenized.kind,
      brand: tokenized.brand,
      last4: tokenized.last4,
    };
  } else {
    const saved = await ctx.db.paymentMethod.findFirst({ where: { id: input.method, accountId, removedAt: null } });
    if (!saved) throw new BillingError("METHOD_NOT_FOUND");
    if (!cardValidOn(saved.expMonth, saved.expYear, before.today)) throw new BillingError("METHOD_EXPIRED");
    method = { id: saved.id, ref: saved.gatewayRef, kind: saved.kind, brand: saved.brand, last4: saved.last4 };
  }
  const customerRef = await gatewayCustomer(ctx, accountId);

  const created = await transactionWithRetry(ctx.db, async (tx) => {
    await lockAccount(tx, accountId);
    const again = await tx.payment.findFirst({ where: { accountId, requestKey: input.requestKey } });
    if (again) return { payment: again, fresh: false };
    const summary = await getBillingSummary(tx, accountId, ctx.now(), rules);
    const amountCents = resolveAmount(
      input.amountChoice,
      input.otherAmount,
      {
        availableCents: summary.payableCents,
        pastDueCents: summary.pastDueCents,
        inFlightCents: summary.inFlightCents,
      },
      rules.allowPrepay,
    );
    const bill = summary.latestStatement?.id ?? accountId;
    const attempt =
      (await tx.payment.count({ where: { accountId, idempotencyKey: { startsWith: `bill-${bill}-` } } })) + 1;
    const payment = await tx.payment.create({
      data: {
        accountId,
        amountCents,
        source: "ONE_TIME",
        gateway: ctx.payments.kind,
        methodId: method.id,
        methodKind: method.kind,
        methodBrand: method.brand,
        methodLast4: method.last4,
        idempotencyKey: `bill-${bill}-attempt-${attempt}`,
        requestKey: input.requestKey,
        receiptNumber: newReceiptNumber(),
        createdById: actor.id,
        createdAt: ctx.now(),
      },
    });
    await recordAuditEvent(tx, request, {
      action: "billing.payment_start",
      outcome: "SUCCESS",
      accountId,
      target: payment.id,
      details: { amountCents, brand: method.brand, last4: method.last4 },
    });
    return { payment, fresh: true };
  });
  if (!created.fresh) return resultOf(created.payment);
  return chargeAndSettle(ctx, created.payment, customerRef, method.ref, request);
}

async function chargeAndSettle(
  ctx: Ctx,
  payment: { id: string; accountId: string; amountCents: number; idempotencyKey: string },
  customerRef: Awaited<ReturnType<typeof gatewayCustomer>>,
  methodRef: string,
  request: RequestContext,
): Promise<PaymentResult> {
  const accountId = payment.accountId;
  const outcome = await chargeSafely(ctx, {
    paymentId: payment.id,
    accountId,
    customerRef,
    methodRef,
    amountCents: payment.amountCents,
    currency: ctx.profile.currency,
    idempotencyKey: payment.idempotencyKey,
    offSession: false,
    description: `${ctx.profile.brandName} bill payment`,
    returnUrl: `${ctx.publicUrl}/billing/payments/${payment.id}`,
  });
  return settlePayment(ctx, payment.id, outcome, request);
}

/** A payment recorded but whose charge never was: pending with no gateway reference. */
function chargeUnrecorded(payment: { status: PaymentStatus; gatewayRef: string | null }): boolean {
  return payment.status === "PENDING" && payment.gatewayRef === null;
}

/** A gateway that cannot be reached leaves the payment pending (its webhook settles it), never failed. */
export async function chargeSafely(
  ctx: Ctx,
  request: Parameters<Ctx["payments"]["charge"]>[0],
): Promise<ChargeOutcome | null> {
  try {
    return await ctx.payments.charge(request);
  } catch {
    return null;
  }
}

function resultOf(
  payment: { id: string; status: PaymentStatus; failureCode: string | null; gatewayRef: string | null },
  actionUrl: string | null = null,
): PaymentResult {
  return { paymentId: payment.id, status: payment.status, failureCode: payment.failureCode, actionUrl };
}

/**
 * Records what the gateway said. A success is final: a late failure event can never turn a paid
 * payment back into an unpaid one. A success may follow a failure (the cardholder retried).
 */
export async function settlePayment(
  ctx: Ctx,
  paymentId: string,
  outcome: ChargeOutcome | null,
  request: RequestContext,
  tx?: DbTx,
): Promise<PaymentResult> {
  const run = async (db: DbTx) => {
    const payment = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    if (!outcome) return resultOf(payment);
    if (outcome.status === "succeeded") {
      const { count } = await db.payment.updateMany({
        where: { id: paymentId, status: { in: ["PENDING", "REQUIRES_ACTION", "FAILED"] } },
        data: { status: "SUCCEEDED", gatewayRef: outcome.ref, failureCode: null, settledAt: ctx.now() },
      });
      if (count === 1) await afterSuccess(ctx, db, payment, request);
    } else if (outcome.status === "failed") {
      const { count } = await db.payment.updateMany({
        where: { id: paymentId, status: { in: ["PENDING", "REQUIRES_ACTION"] } },
        data: {
          status: "FAILED",
          gatewayRef: outcome.ref ?? payment.gatewayRef,
          failureCode: outcome.code,
          settledAt: ctx.now(),
        },
      });
      if (count === 1) await afterFailure(ctx, db, payment, outcome.code, request);
    } else if (outcome.status === "requires_action") {
      await db.payment.updateMany({
        where: { id: paymentId, status: "PENDING" },
        data: { status: "REQUIRES_ACTION", gatewayRef: outcome.ref },
      });
    } else {
      await db.payment.updateMany({ where: { id: paymentId, status: "PENDING" }, data: { gatewayRef: outcome.ref } });
    }
    const after = await db.payment.findUniqueOrThrow({ where: { id: paymentId } });
    return resultOf(after, outcome.status === "requires_action" ? outcome.actionUrl : null);
  };
  return tx ? run(tx) : transactionWithRetry(ctx.db, run);
}

async function afterSuccess(
  ctx: Ctx,
  db: DbTx,
  payment: {
    id: string;
    accountId: string;
    amountCents: number;
    receiptNumber: string;
    createdById: string | null;
    methodBrand: string;
    methodLast4: string;
    source: string;
  },
  request: RequestContext,
) {
  await recordAuditEvent(db, request, {
    action: "billing.payment",
    outcome: "SUCCESS",
    accountId: payment.accountId,
    target: payment.id,
    details: { amountCents: payment.amountCents, source: payment.source, last4: payment.methodLast4 },
  });
  const recipients = await householdRecipients(db, payment.accountId);
  const payer =
    recipients.find((u) => u.id === payment.createdById) ?? recipients.find((u) => u.memberships[0]?.role === "OWNER");
  if (payer) {
    await notifyUser(db, {
      userId: payer.id,
      accountId: payment.accountId,
      messageKey: "billing.payment_received",
      values: { amountCents: payment.amountCents, receipt: payment.receiptNumber },
      href: `/billing/payments/${payment.id}`,
    });
    await sendTemplatedEmail(ctx, db, payer, "payment_receipt", {
      name: payer.name,
      amount: formatMoney(payment.amountCents, payer.locale, ctx.profile.currency),
      method: `${payment.methodBrand} •••• ${payment.methodLast4}`,
      receipt: payment.receiptNumber,
      url: `${ctx.publicUrl}/billing/payments/${payment.id}`,
    });
  }
  await resolveArrangement(ctx, db, payment.accountId);
}

async function afterFailure(
  ctx: Ctx,
  db: DbTx,
  payment: {
    id: string;
    accountId: string;
    amountCents: number;
    createdById: string | null;
    source: string;
    methodLast4: string;
  },
  code: DeclineCode,
  request: RequestContext,
) {
  await recordAuditEvent(db, request, {
    action: "billing.payment",
    outcome: "FAILURE",
    accountId: payment.accountId,
    target: payment.id,
    details: { amountCents: payment.amountCents, reason: code, source: payment.source, last4: payment.methodLast4 },
  });
  // Someone paying on the page sees the failure there. A failure nobody is watching (an autopay
  // draft, a result that arrives later by webhook or from the retry job) is told to the household.
  if (payment.source !== "AUTOPAY") {
    if (!request.actorUserId) {
      for (const user of await householdRecipients(db, payment.accountId)) {
        await notifyUser(db, {
          userId: user.id,
          accountId: payment.accountId,
          messageKey: "billing.payment_failed",
          values: { amountCents: payment.amountCents },
          href: `/billing/payments/${payment.id}`,
        });
      }
    }
    return;
  }
  for (const user of await householdRecipients(db, payment.accountId)) {
    await notifyUser(db, {
      userId: user.id,
      accountId: payment.accountId,
      messageKey: "billing.autopay_failed",
      values: { amountCents: payment.amountCents, reason: code },
      href: "/billing/pay",
    });
    if (user.memberships[0]?.role === "OWNER") {
      await sendTemplatedEmail(ctx, db, user, "payment_failed", {
        name: user.name,
        amount: formatMoney(payment.amountCents, user.locale, ctx.profile.currency),
        url: `${ctx.publicUrl}/billing/pay`,
      });
    }
  }
}

export async function getPayment(db: DbTx, accountId: string, paymentId: string) {
  const payment = await db.payment.findFirst({
    where: { id: paymentId, accountId },
    select: {
      id: true,
      amountCents: true,
      status: true,
      source: true,
      gateway: true,
      methodKind: true,
      methodBrand: true,
      methodLast4: true,
      failureCode: true,
      receiptNumber: true,
      createdAt: true,
      settledAt: true,
    },
  });
  if (!payment) throw new BillingError("PAYMENT_NOT_FOUND");
  return payment;
}

/** The demo gateway's stand-in for a bank's 3-D Secure page: the cardholder approves or cancels. */
export async function completeDemoAuthentication(
  ctx: Ctx,
  actor: Actor,
  paymentId: string,
  approved: boolean,
  request: RequestContext,
): Promise<PaymentResult> {
  const accountId = requireAccount(actor);
  if (ctx.payments.kind !== "DEMO") throw new BillingError("GATEWAY_UNAVAILABLE");
  const payment = await ctx.db.payment.findFirst({ where: { id: paymentId, accountId } });
  if (!payment) throw new BillingError("PAYMENT_NOT_FOUND");
  if (payment.status !== "REQUIRES_ACTION") return resultOf(payment);
  const ref = payment.gatewayRef ?? `demo_pi_${payment.id.replaceAll("-", "")}`;
  return settlePayment(
    ctx,
    paymentId,
    approved ? { status: "succeeded", ref } : { status: "failed", ref, code: "authentication_required" },
    request,
  );
}
