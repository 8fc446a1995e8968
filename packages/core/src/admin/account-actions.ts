import type { DbTx } from "@homeport/db";
import { z } from "zod";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, firstName, requireStepUp } from "../identity/actor.ts";
import { sendVerificationEmail } from "../identity/email-address.ts";
import { IdentityError } from "../identity/errors.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { formatMessageTime, type MessageLocale, messageLocale, type TemplateName } from "../notifications/templates.ts";
import { displayPhone } from "../provider/display-phone.ts";
import { ZId } from "../ids.ts";
import { requirePermission } from "./permissions.ts";

/**
 * What support does to secure an account: lock and unlock its online access, sign a user out
 * everywhere, reset a user's two-step sign-in after checking who they are, and send the email
 * verification again. Each needs its permission and a recent step-up, is audited with the staff
 * member and their note, and tells the subscriber.
 */

export type ActionActor = Pick<Actor, "id" | "staffRole" | "sessionId" | "stepUpAt">;

export const LOCK_REASONS = ["security_review", "fraud_suspected", "customer_request", "non_payment"] as const;
export type LockReason = (typeof LOCK_REASONS)[number];

/** The lock reasons in the subscriber's words, for the emails (the sign-in page has its own catalog). */
export const LOCK_REASON_TEXT: Record<MessageLocale, Record<LockReason, string>> = {
  en: {
    security_review: "we are reviewing the account's security",
    fraud_suspected: "we suspect fraudulent use of the account",
    customer_request: "you asked us to lock it",
    non_payment: "the account has an unpaid balance",
  },
  es: {
    security_review: "estamos revisando la seguridad de la cuenta",
    fraud_suspected: "sospechamos un uso fraudulento de la cuenta",
    customer_request: "usted nos pidió bloquearla",
    non_payment: "la cuenta tiene un saldo sin pagar",
  },
};

export type AccountActionErrorCode =
  "ACCOUNT_NOT_FOUND" | "USER_NOT_FOUND" | "ALREADY_LOCKED" | "NOT_LOCKED" | "TWO_FACTOR_OFF" | "ALREADY_VERIFIED";

export class AccountActionError extends Error {
  override name = "AccountActionError";
  constructor(readonly code: AccountActionErrorCode) {
    super(code);
  }
}

const ZNote = z.string().trim().min(10, "NOTE_TOO_SHORT").max(500, "NOTE_TOO_LONG");

export const ZLockAccount = z.object({
  accountId: ZId,
  reason: z.enum(LOCK_REASONS, { message: "REASON_INVALID" }),
  note: ZNote,
});
export const ZUnlockAccount = z.object({ accountId: ZId, note: ZNote });
export const ZForceSignOut = z.object({ userId: ZId, note: ZNote });
export const ZResetTwoFactor = z.object({
  userId: ZId,
  /** How the subscriber's identity was verified before the reset (who called, what was checked). */
  verification: z.string().trim().min(20, "VERIFICATION_TOO_SHORT").max(500, "VERIFICATION_TOO_LONG"),
});
export const ZResendVerification = z.object({ userId: ZId });

export type TLockAccount = z.input<typeof ZLockAccount>;
export type TUnlockAccount = z.input<typeof ZUnlockAccount>;
export type TForceSignOut = z.input<typeof ZForceSignOut>;
export type TResetTwoFactor = z.input<typeof ZResetTwoFactor>;
export type TResendVerification = z.input<typeof ZResendVerification>;

function auditContext(actor: ActionActor, request: RequestContext): RequestContext {
  return { ...request, actorUserId: actor.id, sessionId: actor.sessionId };
}

/** Permission first (a refusal is audited), then the step-up: an agent without the right is never asked for a password. */
async function authorise(
  ctx: CoreContext,
  actor: ActionActor,
  request: RequestContext,
  permission: Parameters<typeof requirePermission>[3],
) {
  await requirePermission(ctx.db, actor, auditContext(actor, request), permission);
  requireStepUp(actor, ctx.now());
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  locale: string;
}

async function tell(
  ctx: CoreContext,
  tx: DbTx,
  user: Recipient,
  accountId: string | null,
  timeZone: string,
  notice: {
    template: Extract<
      TemplateName,
      "account_locked" | "account_unlocked" | "two_factor_reset_by_support" | "signed_out_by_support"
    >;
    messageKey: string;
    href: string | null;
    values?: Record<string, string>;
  },
) {
  const now = ctx.now();
  await notifyUser(tx, { userId: user.id, accountId, messageKey: notice.messageKey, href: notice.href });
  await sendTemplatedEmail(ctx, tx, user, notice.template, {
    name: firstName(user.name),
    time: formatMessageTime(now, user.locale, timeZone),
    phone: displayPhone(ctx.profile.supportPhone),
    url: `${ctx.publicUrl}${notice.href ?? "/login"}`,
    ...notice.values,
  });
}

/** Ends every session of the given users at once; a revoked session stops resolving on its next request. */
async function endSessions(tx: DbTx, userIds: string[], now: Date): Promise<number> {
  if (userIds.length === 0) return 0;
  const { count } = await tx.deviceSession.updateMany({
    where: { userId: { in: userIds }, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}

async function household(tx: DbTx, accountId: string) {
  const memberships = await tx.membership.findMany({
    where: { accountId, user: { staffRole: null } },
    select: { user: { select: { id: true, email: true, name: true, locale: true } } },
  });
  return memberships.map((m) => m.user);
}

/**
 * Locks the account's online access: nobody in the household can sign in (sign-in answers
 * ACCOUNT_LOCKED with the reason) and every session of the household's users ends now.
 */
export async function lockAccount(ctx: CoreContext, actor: ActionActor, request: RequestContext, input: TLockAccount) {
  await authorise(ctx, actor, request, "LOCK_ACCOUNTS");
  const { accountId, reason, note } = ZLockAccount.parse(input);
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const account = await tx.serviceAccount.findUnique({
      where: { id: accountId },
      select: { id: true, accountNumber: true, timeZone: true },
    });
    if (!account) throw new AccountActionError("ACCOUNT_NOT_FOUND");
    // Conditional on "not locked": two agents locking at once leave one lock and one audit entry.
    const { count } = await tx.serviceAccount.updateMany({
      where: { id: accountId, lockedAt: null },
      data: { lockedAt: now, lockReason: reason },
    });
    if (count === 0) throw new AccountActionError("ALREADY_LOCKED");
    const users = await household(tx, accountId);
    const sessionsEnded = await endSessions(
      tx,
      users.map((u) => u.id),
      now,
    );
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "admin.account.lock",
      outcome: "SUCCESS",
      accountId,
      target: accountId,
      details: { reason, note, sessionsEnded },
    });
    for (const user of users) {
      await tell(ctx, tx, user, accountId, account.timeZone, {
        template: "account_locked",
        messageKey: "account.locked_by_support",
        href: null,
        values: { reason: LOCK_REASON_TEXT[messageLocale(user.locale)][reason], account: account.accountNumber },
      });
    }
    return { sessionsEnded, notified: users.length };
  });
}

export async function unlockAccount(
  ctx: CoreContext,
  actor: ActionActor,
  request: RequestContext,
  input: TUnlockAccount,
) {
  await authorise(ctx, actor, request, "LOCK_ACCOUNTS");
  const { accountId, note } = ZUnlockAccount.parse(input);
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<
      { id: string; accountNumber: string; timeZone: string; lockedAt: Date | null; lockReason: string | null }[]
    >`SELECT "id", "accountNumber", "timeZone", "lockedAt", "lockReason" FROM "ServiceAccount"
      WHERE "id" = ${accountId}::uuid FOR UPDATE`;
    if (!account) throw new AccountActionError("ACCOUNT_NOT_FOUND");
    if (!account.lockedAt) throw new AccountActionError("NOT_LOCKED");
    await tx.serviceAccount.update({ where: { id: accountId }, data: { lockedAt: null, lockReason: null } });
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "admin.account.unlock",
      outcome: "SUCCESS",
      accountId,
      target: accountId,
      details: {
        note,
        previousReason: account.lockReason,
        lockedForMinutes: Math.round((now.getTime() - account.lockedAt.getTime()) / 60_000),
      },
    });
    const users = await household(tx, accountId);
    for (const user of users) {
      await tell(ctx, tx, user, accountId, account.timeZone, {
        template: "account_unlocked",
        messageKey: "account.unlocked_by_support",
        href: "/login",
        values: { account: account.accountNumber },
      });
    }
    return { notified: users.length };
  });
}

/** The target user with what the checks and the notice need; staff targets are for admins only. */
async function targetUser(
  ctx: CoreContext,
  actor: ActionActor,
  request: RequestContext,
  userId: string,
  action: string,
) {
  const user = await ctx.db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      staffRole: true,
      emailVerifiedAt: true,
      totpEnabledAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        take: 1,
        select: { accountId: true, account: { select: { timeZone: true } } },
      },
    },
  });
  if (!user) throw new AccountActionError("USER_NOT_FOUND");
  // A support agent acts on subscribers; changing how another staff member signs in is an admin's call.
  if (user.staffRole !== null && actor.staffRole !== "ADMIN") {
    await recordAuditEvent(ctx.db, auditContext(actor, request), {
      action,
      outcome: "DENIED",
      target: user.id,
      details: { reason: "staff_target", role: actor.staffRole },
    });
    throw new IdentityError("NOT_ALLOWED");
  }
  const membership = user.memberships[0];
  return {
    user,
    accountId: membership?.accountId ?? null,
    timeZone: membership?.account.timeZone ?? ctx.profile.timeZone,
  };
}

/** Signs the user out of every device at once (their next request goes to the sign-in page). */
export async function forceSignOut(
  ctx: CoreContext,
  actor: ActionActor,
  request: RequestContext,
  input: TForceSignOut,
) {
  await authorise(ctx, actor, request, "FORCE_SIGN_OUT");
  const { userId, note } = ZForceSignOut.parse(input);
  const action = "admin.user.force_sign_out";
  const { user, accountId, timeZone } = await targetUser(ctx, actor, request, userId, action);
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const sessionsEnded = await endSessions(tx, [user.id], now);
    await recordAuditEvent(tx, auditContext(actor, request), {
      action,
      outcome: "SUCCESS",
      accountId,
      target: user.id,
      details: { note, sessionsEnded },
    });
    if (user.staffRole === null) {
      await tell(ctx, tx, user, accountId, timeZone, {
        template: "signed_out_by_support",
        messageKey: "account.signed_out_by_support",
        href: "/security",
      });
    }
    return { sessionsEnded };
  });
}

/**
 * Turns two-step sign-in off for a user who lost their authenticator, once support has verified who
 * they are (the verification is recorded); the secret and recovery codes go, and every session
 * ends because a factor changed, as after the user's own change (ASVS 7.4.3).
 * A staff member's 2FA is reset only by an admin, and never by themselves.
 */
export async function resetTwoFactor(
  ctx: CoreContext,
  actor: ActionActor,
  request: RequestContext,
  input: TResetTwoFactor,
) {
  await authorise(ctx, actor, request, "RESET_TWO_FACTOR");
  const { userId, verification } = ZResetTwoFactor.parse(input);
  const action = "admin.user.two_factor_reset";
  if (userId === actor.id) {
    await recordAuditEvent(ctx.db, auditContext(actor, request), {
      action,
      outcome: "DENIED",
      target: userId,
      details: { reason: "own_account" },
    });
    throw new IdentityError("NOT_ALLOWED");
  }
  const { user, accountId, timeZone } = await targetUser(ctx, actor, request, userId, action);
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null },
    });
    if (count === 0) throw new AccountActionError("TWO_FACTOR_OFF");
    const codes = await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const sessionsEnded = await endSessions(tx, [user.id], now);
    await recordAuditEvent(tx, auditContext(actor, request), {
      action,
      outcome: "SUCCESS",
      accountId,
      target: user.id,
      details: { verification, recoveryCodesRemoved: codes.count, sessionsEnded, staffTarget: user.staffRole !== null },
    });
    await tell(ctx, tx, user, accountId, timeZone, {
      template: "two_factor_reset_by_support",
      messageKey: "account.two_factor_reset_by_support",
      href: "/security",
    });
    return { sessionsEnded, recoveryCodesRemoved: codes.count };
  });
}

/** Sends the email verification link again (the same message the user's own "send it again" sends). */
export async function resendVerification(
  ctx: CoreContext,
  actor: ActionActor,
  request: RequestContext,
  input: TResendVerification,
) {
  await authorise(ctx, actor, request, "RESEND_VERIFICATION");
  const { userId } = ZResendVerification.parse(input);
  const action = "admin.user.verification_resend";
  const { user, accountId } = await targetUser(ctx, actor, request, userId, action);
  if (user.emailVerifiedAt) throw new AccountActionError("ALREADY_VERIFIED");
  const now = ctx.now();
  await ctx.db.$transaction(async (tx) => {
    await sendVerificationEmail(ctx, tx, user, now);
    await recordAuditEvent(tx, auditContext(actor, request), {
      action,
      outcome: "SUCCESS",
      accountId,
      target: user.id,
      details: { email: user.email },
    });
  });
  return { sent: true };
}
