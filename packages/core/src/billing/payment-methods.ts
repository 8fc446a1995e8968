import { randomUUID } from "node:crypto";
import type { DbTx } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner, requireStepUp } from "../identity/actor.ts";
import { calendarDateAt } from "./calendar.ts";
import { BillingError } from "./errors.ts";
import type { SavedMethodDetails } from "./gateway.ts";
import type { CardFormInput } from "./schemas.ts";
import { cardValidOn } from "./summary.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "payments" | "profile" | "publicUrl">;

export function requireAccount(actor: Pick<Actor, "accountId">): string {
  if (!actor.accountId) throw new BillingError("NO_ACCOUNT");
  return actor.accountId;
}

export function listPaymentMethods(db: DbTx, accountId: string) {
  return db.paymentMethod.findMany({
    where: { accountId, removedAt: null },
    orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }],
    select: { id: true, kind: true, brand: true, last4: true, expMonth: true, expYear: true, isDefault: true },
  });
}

/** The gateway's customer for an account, created once and remembered. */
export async function gatewayCustomer(ctx: Ctx, accountId: string): Promise<string> {
  const account = await ctx.db.serviceAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { accountNumber: true, holderName: true, emailOnFile: true, gatewayCustomerId: true },
  });
  if (account.gatewayCustomerId) return account.gatewayCustomerId;
  const ref = await ctx.payments.ensureCustomer(
    { accountId, accountNumber: account.accountNumber, name: account.holderName, email: account.emailOnFile },
    null,
  );
  await ctx.db.serviceAccount.updateMany({
    where: { id: accountId, gatewayCustomerId: null },
    data: { gatewayCustomerId: ref },
  });
  return ref;
}

/** Checks a typed card with the gateway; a refusal comes back as a DECLINED error with the reason. */
export async function tokenizeCard(ctx: Ctx, accountId: string, card: CardFormInput): Promise<SavedMethodDetails> {
  const today = calendarDateAt(ctx.now(), ctx.profile.timeZone);
  if (!cardValidOn(card.expiry.month, card.expiry.year, today)) throw new BillingError("CARD_EXPIRY_INVALID");
  if (!ctx.payments.tokenizeCard) throw new BillingError("GATEWAY_UNAVAILABLE");
  const customerRef = await gatewayCustomer(ctx, accountId);
  const result = await ctx.payments.tokenizeCard(
    {
      number: card.number,
      expMonth: card.expiry.month,
      expYear: card.expiry.year,
      cvc: card.cvc,
      name: card.name,
      ...(card.postalCode ? { postalCode: card.postalCode } : {}),
    },
    customerRef,
  );
  if (!result.ok) throw new BillingError("DECLINED", { reason: result.code });
  return result.method;
}

/** Stores what identifies a method (never the number); the first one becomes the default. */
export async function storeMethod(db: DbTx, accountId: string, method: SavedMethodDetails, gateway: "DEMO" | "STRIPE") {
  const hasDefault = await db.paymentMethod.count({ where: { accountId, removedAt: null, isDefault: true } });
  return db.paymentMethod.upsert({
    where: { gatewayRef: method.ref },
    update: {},
    create: {
      accountId,
      kind: method.kind,
      brand: method.brand,
      last4: method.last4,
      expMonth: method.expMonth,
      expYear: method.expYear,
      gateway,
      gatewayRef: method.ref,
      isDefault: hasDefault === 0,
    },
  });
}

export async function addCardMethod(ctx: Ctx, actor: Actor, card: CardFormInput, request: RequestContext) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  let method: SavedMethodDetails;
  try {
    method = await tokenizeCard(ctx, accountId, card);
  } catch (error) {
    if (error instanceof BillingError) {
      await recordAuditEvent(ctx.db, request, {
        action: "billing.method_add",
        outcome: "FAILURE",
        accountId,
        details: { reason: (error.detail?.reason as string | undefined) ?? error.code },
      });
    }
    throw error;
  }
  return ctx.db.$transaction(async (tx) => {
    const stored = await storeMethod(tx, accountId, method, ctx.payments.kind);
    await recordAuditEvent(tx, request, {
      action: "billing.method_add",
      outcome: "SUCCESS",
      accountId,
      target: stored.id,
      details: { brand: stored.brand, last4: stored.last4 },
    });
    return stored;
  });
}

/** With a hosted gateway the card is entered on its page; the method arrives by webhook. */
export async function startHostedMethodSetup(ctx: Ctx, actor: Actor) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  if (!ctx.payments.startHostedSetup) throw new BillingError("GATEWAY_UNAVAILABLE");
  const customerRef = await gatewayCustomer(ctx, accountId);
  return ctx.payments.startHostedSetup({
    accountId,
    customerRef,
    idempotencyKey: `setup-${accountId}-${randomUUID()}`,
    successUrl: `${ctx.publicUrl}/billing/methods?added=1`,
    cancelUrl: `${ctx.publicUrl}/billing/methods`,
  });
}

async function ownedMethod(db: DbTx, accountId: string, methodId: string) {
  const method = await db.paymentMethod.findFirst({ where: { id: methodId, accountId, removedAt: null } });
  if (!method) throw new BillingError("METHOD_NOT_FOUND");
  return method;
}

export async function setDefaultMethod(ctx: Ctx, actor: Actor, methodId: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  await ctx.db.$transaction(async (tx) => {
    await ownedMethod(tx, accountId, methodId);
    await tx.paymentMethod.updateMany({ where: { accountId, isDefault: true }, data: { isDefault: false } });
    await tx.paymentMethod.update({ where: { id: methodId }, data: { isDefault: true } });
    await recordAuditEvent(tx, request, {
      action: "billing.method_default",
      outcome: "SUCCESS",
      accountId,
      target: methodId,
    });
  });
}

export async function removeMethod(ctx: Ctx, actor: Actor, methodId: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  const method = await ctx.db.$transaction(async (tx) => {
    const found = await ownedMethod(tx, accountId, methodId);
    const autopay = await tx.autopayEnrollment.findUnique({ where: { accountId } });
    if (autopay?.paymentMethodId === methodId) throw new BillingError("METHOD_IN_USE");
    await tx.paymentMethod.update({ where: { id: methodId }, data: { removedAt: ctx.now(), isDefault: false } });
    if (found.isDefault) {
      const next = await tx.paymentMethod.findFirst({
        where: { accountId, removedAt: null },
        orderBy: { createdAt: "asc" },
      });
      if (next) await tx.paymentMethod.update({ where: { id: next.id }, data: { isDefault: true } });
    }
    await recordAuditEvent(tx, request, {
      action: "billing.method_remove",
      outcome: "SUCCESS",
      accountId,
      target: methodId,
      details: { brand: found.brand, last4: found.last4 },
    });
    return found;
  });
  await ctx.payments.detachMethod(method.gatewayRef).catch(() => {});
}
