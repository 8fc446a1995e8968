import type { DbTx } from "@homeport/db";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "./actor.ts";
import { IdentityError } from "./errors.ts";
import { generateRecoveryCodes, normaliseRecoveryCode, recoveryCodeDigest } from "./recovery-codes.ts";
import { openSecret, sealSecret } from "./secret-box.ts";
import { endOtherSessions, sendSecurityNotice } from "./security-notice.ts";
import { createTotpSecret, formatSecretForManualEntry, totpUri, verifyTotp } from "./totp.ts";

/** Two-step sign-in (TOTP): enrol, confirm, recovery codes, turn off. All need a recent step-up. */

const auditContext = (actor: Actor, request: RequestContext): RequestContext => ({
  ...request,
  actorUserId: actor.id,
  sessionId: actor.sessionId,
});

export interface TotpEnrolment {
  uri: string;
  manualKey: string;
}

/** Creates a pending secret (not yet in force) and returns what the authenticator app needs. */
export async function startTotpEnrolment(ctx: CoreContext, actor: Actor): Promise<TotpEnrolment> {
  requireStepUp(actor, ctx.now());
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new IdentityError("TWO_FACTOR_ALREADY_ON");
  const secret = createTotpSecret();
  await ctx.db.user.update({
    where: { id: actor.id },
    data: { totpSecret: sealSecret(secret, ctx.totpKey, actor.id), totpLastUsedStep: null },
  });
  return {
    uri: totpUri({ secret, accountLabel: actor.email, issuer: ctx.profile.brandName }),
    manualKey: formatSecretForManualEntry(secret),
  };
}

/** The pending secret's enrolment details again (e.g. after a reload), without replacing it. */
export async function pendingTotpEnrolment(ctx: CoreContext, actor: Actor): Promise<TotpEnrolment | null> {
  requireStepUp(actor, ctx.now());
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt || !user.totpSecret) return null;
  const secret = openSecret(user.totpSecret, ctx.totpKey, actor.id);
  return {
    uri: totpUri({ secret, accountLabel: actor.email, issuer: ctx.profile.brandName }),
    manualKey: formatSecretForManualEntry(secret),
  };
}

/** Fresh codes and their digests, hashed before any transaction opens (argon2 takes ~20 ms each). */
async function newRecoveryCodes(userId: string) {
  const codes = generateRecoveryCodes();
  const digests = await Promise.all(codes.map((code) => recoveryCodeDigest(normaliseRecoveryCode(code)!, userId)));
  return { codes, digests };
}

async function replaceRecoveryCodes(tx: DbTx, userId: string, digests: string[]) {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: digests.map((digest) => ({ userId, digest })) });
}

/**
 * Turns two-step sign-in on once the user proves their app produces codes. Returns the 10 recovery
 * codes: the only time they are ever shown. Other sessions end (a factor changed).
 */
export async function confirmTotpEnrolment(
  ctx: CoreContext,
  actor: Actor,
  code: string,
  request: RequestContext,
): Promise<{ recoveryCodes: string[] }> {
  const now = ctx.now();
  requireStepUp(actor, now);
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { totpSecret: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt) throw new IdentityError("TWO_FACTOR_ALREADY_ON");
  if (!user.totpSecret) throw new IdentityError("TWO_FACTOR_NOT_PENDING");
  const result = await verifyTotp({ secret: openSecret(user.totpSecret, ctx.totpKey, actor.id), code, now });
  if (!result.ok) {
    await recordAuditEvent(ctx.db, auditContext(actor, request), {
      action: "identity.two_factor_enable",
      outcome: "FAILURE",
      accountId: actor.accountId,
      details: { reason: result.reason },
    });
    throw new IdentityError("INVALID_CODE");
  }
  const { codes: recoveryCodes, digests } = await newRecoveryCodes(actor.id);
  return ctx.db.$transaction(async (tx) => {
    // Conditional: of two concurrent confirmations only one turns it on (and issues codes).
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: now, totpLastUsedStep: result.step },
    });
    if (count === 0) throw new IdentityError("TWO_FACTOR_ALREADY_ON");
    await replaceRecoveryCodes(tx, actor.id, digests);
    const ended = await endOtherSessions(tx, actor, now);
    await tx.deviceSession.update({ where: { id: actor.sessionId }, data: { mfa: true } });
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "identity.two_factor_enable",
      outcome: "SUCCESS",
      accountId: actor.accountId,
      details: { otherSessionsEnded: ended },
    });
    await sendSecurityNotice(ctx, tx, actor, "two_factor_enabled");
    return { recoveryCodes };
  });
}

/** New recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(
  ctx: CoreContext,
  actor: Actor,
  request: RequestContext,
): Promise<{ recoveryCodes: string[] }> {
  requireStepUp(actor, ctx.now());
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (!user.totpEnabledAt) throw new IdentityError("TWO_FACTOR_OFF");
  const { codes: recoveryCodes, digests } = await newRecoveryCodes(actor.id);
  return ctx.db.$transaction(async (tx) => {
    await replaceRecoveryCodes(tx, actor.id, digests);
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "identity.recovery_codes_regenerate",
      outcome: "SUCCESS",
      accountId: actor.accountId,
    });
    await sendSecurityNotice(ctx, tx, actor, "recovery_codes_regenerated");
    return { recoveryCodes };
  });
}

/** How many unused recovery codes are left. */
export function countRecoveryCodes(ctx: CoreContext, userId: string) {
  return ctx.db.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** Turns two-step sign-in off. Staff cannot: their role requires it. */
export async function disableTotp(ctx: CoreContext, actor: Actor, request: RequestContext): Promise<void> {
  const now = ctx.now();
  requireStepUp(actor, now);
  if (actor.staffRole) {
    await recordAuditEvent(ctx.db, auditContext(actor, request), {
      action: "identity.two_factor_disable",
      outcome: "DENIED",
      details: { reason: "staff_requires_2fa" },
    });
    throw new IdentityError("TWO_FACTOR_ALREADY_ON", { reason: "staff_requires_2fa" });
  }
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: { not: null } },
      data: { totpEnabledAt: null, totpSecret: null, totpLastUsedStep: null },
    });
    if (count === 0) throw new IdentityError("TWO_FACTOR_OFF");
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    const ended = await endOtherSessions(tx, actor, now);
    await tx.deviceSession.update({ where: { id: actor.sessionId }, data: { mfa: false } });
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "identity.two_factor_disable",
      outcome: "SUCCESS",
      accountId: actor.accountId,
      details: { otherSessionsEnded: ended },
    });
    await sendSecurityNotice(ctx, tx, actor, "two_factor_disabled");
  });
}
