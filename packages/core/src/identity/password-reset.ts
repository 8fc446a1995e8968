import { hashPassword } from "@homeport/db/password-hash";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { formatMessageTime } from "../notifications/templates.ts";
import { displayPhone } from "../provider/display-phone.ts";
import { firstName } from "./actor.ts";
import { IdentityError } from "./errors.ts";
import { consumeToken, findLiveToken, issueToken, newLinkSecret } from "./one-time-token.ts";
import { checkPassword, normalisePassword } from "./password-policy.ts";
import { checkThrottle, clearThrottle, recordFailure, type ThrottleKey } from "./throttle.ts";
import { verifySecondFactor } from "./verify-second-factor.ts";

/**
 * "Forgot password": a single-use link by email, valid 30 minutes. The answer is the same whether
 * or not the email has a login, and requests are throttled per email and per IP.
 */
export async function requestPasswordReset(ctx: CoreContext, email: string, request: RequestContext): Promise<void> {
  const now = ctx.now();
  const normalised = email.trim().toLowerCase();
  const keys: ThrottleKey[] = [
    { rule: "resetAccount", subject: normalised },
    ...(request.ip ? [{ rule: "resetIp" as const, subject: request.ip }] : []),
  ];
  if ((await checkThrottle(ctx.db, keys, now)).blocked) throw new IdentityError("THROTTLED");
  // Every request counts, found or not: the limit is on sending mail, not on failures.
  await recordFailure(ctx.db, keys, now);
  const user = await ctx.db.user.findUnique({ where: { email: normalised } });
  if (!user || user.disabledAt) {
    await recordAuditEvent(ctx.db, request, {
      action: "identity.password_reset_request",
      outcome: "FAILURE",
      target: normalised,
      details: { reason: user ? "disabled" : "unknown_email" },
    });
    return;
  }
  const secret = newLinkSecret();
  await ctx.db.$transaction(async (tx) => {
    // Only the newest link works.
    await tx.verificationToken.updateMany({
      where: { purpose: "PASSWORD_RESET", userId: user.id, consumedAt: null },
      data: { consumedAt: now },
    });
    await issueToken(tx, "PASSWORD_RESET", secret, { userId: user.id }, now);
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: user.id },
      {
        action: "identity.password_reset_request",
        outcome: "SUCCESS",
      },
    );
    await sendTemplatedEmail(ctx, tx, user, "password_reset", {
      name: firstName(user.name),
      url: `${ctx.publicUrl}/reset-password/${secret}`,
    });
  });
}

/** What the reset page needs to know about a link: whether it works, and if a code is needed. */
export async function inspectResetLink(ctx: CoreContext, secret: string) {
  const token = await findLiveToken(ctx.db, "PASSWORD_RESET", secret, ctx.now());
  if (!token?.userId) return null;
  const user = await ctx.db.user.findUnique({
    where: { id: token.userId },
    select: { email: true, staffRole: true, totpEnabledAt: true },
  });
  return user ? { email: user.email, staff: user.staffRole !== null, needsCode: user.totpEnabledAt !== null } : null;
}

/**
 * Sets a new password from a reset link. Two-step sign-in is not bypassed: with it on, a code (or
 * recovery code) is required too (ASVS 6.4.3). Every session ends; the user signs in afresh.
 */
export async function resetPassword(
  ctx: CoreContext,
  input: { secret: string; password: string; code?: string },
  request: RequestContext,
): Promise<void> {
  const now = ctx.now();
  const token = await findLiveToken(ctx.db, "PASSWORD_RESET", input.secret, now);
  if (!token?.userId) throw new IdentityError("LINK_INVALID");
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: token.userId },
    omit: { totpSecret: false },
    include: { memberships: { select: { accountId: true, account: { select: { timeZone: true } } }, take: 1 } },
  });
  const verdict = checkPassword(input.password, {
    kind: user.staffRole ? "staff" : "subscriber",
    email: user.email,
    contextWords: [ctx.profile.brandName, ctx.profile.shortName],
  });
  if (!verdict.ok) throw new IdentityError("WEAK_PASSWORD", { problem: verdict.problem, minLength: verdict.minLength });

  if (user.totpEnabledAt) {
    const codeKeys: ThrottleKey[] = [{ rule: "code", subject: user.id }];
    if ((await checkThrottle(ctx.db, codeKeys, now)).blocked) throw new IdentityError("THROTTLED");
    if (!input.code) throw new IdentityError("SECOND_FACTOR_REQUIRED");
    const second = await verifySecondFactor(ctx.db, user, input.code, ctx.totpKey, now);
    if (!second.ok) {
      await recordFailure(ctx.db, codeKeys, now);
      throw new IdentityError("INVALID_CODE");
    }
    await clearThrottle(ctx.db, codeKeys);
  }

  const passwordHash = await hashPassword(normalisePassword(input.password));
  const accountId = user.memberships[0]?.accountId ?? null;
  await ctx.db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, token.id, now))) throw new IdentityError("LINK_INVALID");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now } });
    const { count } = await tx.deviceSession.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: user.id },
      {
        action: "identity.password_reset",
        outcome: "SUCCESS",
        accountId,
        details: { sessionsEnded: count },
      },
    );
    await notifyUser(tx, { userId: user.id, accountId, messageKey: "password_changed", href: "/security" });
    await sendTemplatedEmail(ctx, tx, user, "password_reset_done", {
      name: firstName(user.name),
      time: formatMessageTime(now, user.locale, user.memberships[0]?.account.timeZone ?? ctx.profile.timeZone),
      phone: displayPhone(ctx.profile.supportPhone),
    });
  });
  await clearThrottle(ctx.db, [{ rule: "signInAccount", subject: user.email }]);
}
