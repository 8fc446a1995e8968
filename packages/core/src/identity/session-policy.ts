/**
 * Session lifetime at AAL2 (NIST SP 800-63B rev 4): re-authenticate after 12 hours, or after
 * 30 minutes without activity. Staff sessions are shorter: 8 hours, 15 idle minutes.
 */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const STAFF_SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
export const STAFF_SESSION_IDLE_MS = 15 * 60 * 1000;
/** Sensitive actions need the user to have proved who they are this recently (step-up). */
export const STEP_UP_MAX_AGE_MS = 10 * 60 * 1000;

export interface SessionLimits {
  absoluteMs: number;
  idleMs: number;
}

export function sessionLimits(staff: boolean): SessionLimits {
  return staff
    ? { absoluteMs: STAFF_SESSION_ABSOLUTE_MS, idleMs: STAFF_SESSION_IDLE_MS }
    : { absoluteMs: SESSION_ABSOLUTE_MS, idleMs: SESSION_IDLE_MS };
}

export function stepUpIsRecent(stepUpAt: Date | null, now: Date): boolean {
  return stepUpAt !== null && now.getTime() - stepUpAt.getTime() < STEP_UP_MAX_AGE_MS;
}
/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type SessionState = "active" | "revoked" | "expired" | "idle";

export function sessionState(
  session: SessionTimes,
  now: Date,
  limits: SessionLimits = sessionLimits(false),
): SessionState {
  if (session.revokedAt) return "revoked";
  if (now >= session.expiresAt) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= limits.idleMs) return "idle";
  return "active";
}

export function needsTouch(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}
