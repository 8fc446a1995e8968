/**
 * Session lifetime at AAL2 (NIST SP 800-63B rev 4): re-authenticate after 12 hours, or after
 * 30 minutes without activity.
 */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type SessionState = "active" | "revoked" | "expired" | "idle";

export function sessionState(session: SessionTimes, now: Date): SessionState {
  if (session.revokedAt) return "revoked";
  if (now >= session.expiresAt) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return "idle";
  return "active";
}

export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}
