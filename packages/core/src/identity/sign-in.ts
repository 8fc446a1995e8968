import { hashPassword, verifyPassword } from "@homeport/db/password-hash";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { formatMessageTime } from "../notifications/templates.ts";
import { describeDevice } from "./describe-device.ts";
import { IdentityError } from "./errors.ts";
import { normalisePassword } from "./password-policy.ts";
import type { TSignInInput } from "./schemas.ts";
import { sessionLimits } from "./session-policy.ts";
import { checkThrottle, clearThrottle, recordFailure, type ThrottleKey } from "./throttle.ts";
import { verifySecondFactor } from "./verify-second-factor.ts";

let dummyHash: Promise<string> | undefined;

export interface SignInResult {
  userId: string;
  sessionId: string;
}

function deviceKey(userAgent: string | null | undefined): string {
  const device = describeDevice(userAgent);
  return `${device.browser ?? "?"}|${device.os ?? "?"}`;
}

/**
 * Email + password, then the second factor when two-step sign-in is on; opens a device session.
 * - Throttled per account and per IP before any hashing; waits grow, nothing locks for good.
 * - An unknown email costs the same hash and gets the same answer as a wrong password.
 * - The password step alone never opens a session for a user with two-step sign-in
 *   (SECOND_FACTOR_REQUIRED asks for the code).
 * - Every sign-in, and every step-up (replacesSessionId), gets a new session id; the replaced
 *   session ends.
 * - A subscriber whose service account staff locked gets ACCOUNT_LOCKED with the lock's reason key,
 *   but only after both factors passed, so the lock and its reason are told to the user alone.
 */
export async function signIn(ctx: CoreContext, input: TSignInInput, request: RequestContext): Promise<SignInResult> {
  const { db } = ctx;
  const now = ctx.now();
  const keys: ThrottleKey[] = [
    { rule: "signInAccount", subject: input.email },
    ...(request.ip ? [{ rule: "signInIp" as const, subject: request.ip }] : []),
  ];
  const fail = async (
    code: "INVALID_CREDENTIALS" | "THROTTLED" | "INVALID_CODE" | "ACCOUNT_DISABLED" | "ACCOUNT_LOCKED",
    details: Record<string, string>,
    userId: string | null,
    accountId: string | null,
    detail?: Record<string, string>,
  ): Promise<never> => {
    await recordAuditEvent(
      db,
      { ...request, actorUserId: userId },
      {
        action: "identity.sign_in",
        outcome: code === "ACCOUNT_DISABLED" || code === "ACCOUNT_LOCKED" ? "DENIED" : "FAILURE",
        accountId,
        target: input.email,
        details,
      },
    );
    throw new IdentityError(code, detail);
  };

  const throttle = await checkThrottle(db, keys, now);
  if (throttle.blocked) await fail("THROTTLED", { reason: "throttled" }, null, null);

  const user = await db.user.findUnique({
    where: { email: input.email },
    omit: { passwordHash: false, totpSecret: false },
    include: { memberships: { select: { accountId: true, account: { select: { timeZone: true } } }, take: 1 } },
  });
  dummyHash ??= hashPassword("homeport-dummy-password");
  const password = normalisePassword(input.password);
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  const accountId = user?.memberships[0]?.accountId ?? null;

  if (!user || !valid) {
    await recordFailure(db, keys, now);
    return fail(
      "INVALID_CREDENTIALS",
      { reason: user ? "wrong_password" : "unknown_email" },
      user?.id ?? null,
      accountId,
    );
  }
  if (user.disabledAt) return fail("ACCOUNT_DISABLED", { reason: "disabled" }, user.id, accountId);

  let mfa = false;
  if (user.totpEnabledAt) {
    if (!input.code) throw new IdentityError("SECOND_FACTOR_REQUIRED");
    const codeKeys: ThrottleKey[] = [{ rule: "code", subject: user.id }];
    if ((await checkThrottle(db, codeKeys, now)).blocked) {
      return fail("THROTTLED", { reason: "code_throttled" }, user.id, accountId);
    }
    const second = await verifySecondFactor(db, user, input.code, ctx.totpKey, now);
    if (!second.ok) {
      await recordFailure(db, codeKeys, now);
      return fail("INVALID_CODE", { reason: "bad_second_factor" }, user.id, accountId);
    }
    await clearThrottle(db, codeKeys);
    mfa = true;
  }

  // Staff belong to no household, so a lock never keeps them out.
  if (user.staffRole === null) {
    const locked = await db.membership.findFirst({
      where: { userId: user.id, account: { lockedAt: { not: null } } },
      select: { accountId: true, account: { select: { lockReason: true } } },
    });
    if (locked) {
      const reason = locked.account.lockReason ?? "other";
      return fail("ACCOUNT_LOCKED", { reason: "account_locked", lockReason: reason }, user.id, locked.accountId, {
        reason,
      });
    }
  }

  const limits = sessionLimits(user.staffRole !== null);
  const previous = await db.deviceSession.findMany({
    where: { userId: user.id },
    select: { userAgent: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const knownDevice = previous.some((s) => deviceKey(s.userAgent) === deviceKey(request.userAgent));
  const stepUp = input.replacesSessionId !== undefined;

  const result = await db.$transaction(async (tx) => {
    // Lock the user row and make sure what was checked still holds: a password or two-step change
    // committed meanwhile must not be outlived by a session opened with the old credentials.
    const [current] = await tx.$queryRaw<{ passwordHash: string; totpEnabledAt: Date | null }[]>`
      SELECT "passwordHash", "totpEnabledAt" FROM "User" WHERE "id" = ${user.id}::uuid FOR UPDATE`;
    if (
      !current ||
      current.passwordHash !== user.passwordHash ||
      (current.totpEnabledAt === null) !== (user.totpEnabledAt === null)
    ) {
      throw new IdentityError("INVALID_CREDENTIALS");
    }
    if (input.replacesSessionId) {
      await tx.deviceSession.updateMany({
        where: { id: input.replacesSessionId, userId: user.id, revokedAt: null },
        data: { revokedAt: now },
      });
    }
    const session = await tx.deviceSession.create({
      data: {
        userId: user.id,
        userAgent: request.userAgent?.slice(0, 512) ?? "",
        ip: request.ip ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + limits.absoluteMs),
        stepUpAt: now,
        mfa,
      },
    });
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: user.id, sessionId: session.id },
      {
        action: stepUp ? "identity.step_up" : "identity.sign_in",
        outcome: "SUCCESS",
        accountId,
        details: { mfa, newDevice: previous.length > 0 && !knownDevice },
      },
    );
    if (previous.length > 0 && !knownDevice && !stepUp) {
      const device = describeDevice(request.userAgent);
      const deviceName = [device.browser, device.os].filter(Boolean).join(" / ") || "unknown device";
      await notifyUser(tx, {
        userId: user.id,
        accountId,
        messageKey: "new_device_sign_in",
        values: { device: deviceName, ip: request.ip ?? "?" },
        href: "/security",
      });
      await sendTemplatedEmail(ctx, tx, user, "new_device_sign_in", {
        name: user.name.split(" ")[0] ?? user.name,
        device: deviceName,
        ip: request.ip ?? "?",
        time: formatMessageTime(now, user.locale, user.memberships[0]?.account.timeZone ?? ctx.profile.timeZone),
        url: `${ctx.publicUrl}/security`,
      });
    }
    return { userId: user.id, sessionId: session.id };
  });
  await clearThrottle(db, [{ rule: "signInAccount", subject: input.email }]);
  return result;
}
