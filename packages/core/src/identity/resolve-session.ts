import type { Db } from "@homeport/db";
import { needsTouch, sessionLimits, sessionState } from "./session-policy.ts";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  staffRole: "SUPPORT_AGENT" | "PRIVACY_OFFICER" | "ADMIN" | null;
  sessionId: string;
  /** The service account this user belongs to (owners and members); null for staff. */
  accountId: string | null;
  membershipRole: "OWNER" | "MEMBER" | null;
  /** The service account's time zone, for showing dates; null for staff. */
  timeZone: string | null;
  twoFactorEnabled: boolean;
  emailVerified: boolean;
  /** This session signed in with a second factor. */
  mfa: boolean;
  /** When this session last proved the user's identity (sign-in or step-up). */
  stepUpAt: Date | null;
}

/**
 * The user behind a session id, or null when the session was revoked, expired or idle too long.
 * Called on every request, so a revoked session, or one of a user whose account staff locked,
 * stops working on its next request.
 */
export async function resolveSession(db: Db, sessionId: string, now = new Date()): Promise<SignedInUser | null> {
  const session = await db.deviceSession.findUnique({
    where: { id: sessionId },
    include: {
      user: {
        include: {
          memberships: {
            select: { accountId: true, role: true, account: { select: { timeZone: true } } },
            orderBy: { createdAt: "asc" },
            take: 1,
          },
          _count: { select: { memberships: { where: { account: { lockedAt: { not: null } } } } } },
        },
      },
    },
  });
  if (!session || session.user.disabledAt) return null;
  // A staff lock on any of the user's accounts ends their sessions at once (staff are never locked this way).
  if (session.user.staffRole === null && session.user._count.memberships > 0) return null;
  if (sessionState(session, now, sessionLimits(session.user.staffRole !== null)) !== "active") return null;
  if (needsTouch(session, now)) {
    await db.deviceSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const membership = session.user.memberships[0];
  return {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    locale: session.user.locale,
    staffRole: session.user.staffRole,
    sessionId: session.id,
    accountId: membership?.accountId ?? null,
    membershipRole: membership?.role ?? null,
    timeZone: membership?.account.timeZone ?? null,
    twoFactorEnabled: session.user.totpEnabledAt !== null,
    emailVerified: session.user.emailVerifiedAt !== null,
    mfa: session.mfa,
    stepUpAt: session.stepUpAt,
  };
}
