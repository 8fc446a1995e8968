/**
 * Throttling against guessing (ASVS 6.1.1/6.3.1): a few free failures per window, then an
 * exponentially growing wait, capped so an attacker can delay a victim but never lock them out for
 * good (no permanent lockout).
 */
export interface ThrottleRule {
  /** Failures allowed in a window before waits start. */
  freeFailures: number;
  /** A window with no new failure resets the count. */
  windowMs: number;
  /** First wait after the free failures; doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const THROTTLE_RULES = {
  signInAccount: { freeFailures: 5, windowMs: 15 * 60_000, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  signInIp: { freeFailures: 30, windowMs: 15 * 60_000, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  code: { freeFailures: 5, windowMs: 15 * 60_000, baseDelayMs: 60_000, maxDelayMs: 15 * 60_000 },
  registrationIp: { freeFailures: 10, windowMs: 60 * 60_000, baseDelayMs: 60_000, maxDelayMs: 30 * 60_000 },
  resetAccount: { freeFailures: 3, windowMs: 60 * 60_000, baseDelayMs: 5 * 60_000, maxDelayMs: 60 * 60_000 },
  resetIp: { freeFailures: 20, windowMs: 60 * 60_000, baseDelayMs: 60_000, maxDelayMs: 30 * 60_000 },
  // Public privacy forms (§7026, §7027, §7063): each submission counts, so one address cannot flood the queue.
  privacyFormIp: { freeFailures: 10, windowMs: 60 * 60_000, baseDelayMs: 60_000, maxDelayMs: 30 * 60_000 },
} as const satisfies Record<string, ThrottleRule>;

export type ThrottleRuleName = keyof typeof THROTTLE_RULES;

/** How long to block after the given number of failures in the current window (0 = not blocked). */
export function blockDurationMs(rule: ThrottleRule, failures: number): number {
  const over = failures - rule.freeFailures;
  if (over < 0) return 0;
  return Math.min(rule.baseDelayMs * 2 ** over, rule.maxDelayMs);
}

export function windowExpired(rule: ThrottleRule, windowStartedAt: Date, now: Date): boolean {
  return now.getTime() - windowStartedAt.getTime() >= rule.windowMs;
}
