import type { DbTx } from "@homeport/db";
import { blockDurationMs, THROTTLE_RULES, type ThrottleRuleName } from "./throttle-policy.ts";

export interface ThrottleKey {
  rule: ThrottleRuleName;
  /** What is being counted: an email, a user id, an IP address. */
  subject: string;
}

const keyOf = (key: ThrottleKey) => `${key.rule}:${key.subject.toLowerCase()}`;

export interface ThrottleStatus {
  blocked: boolean;
  retryAfterMs: number;
}

/** Whether any of the keys is currently blocked; checked before any expensive work (hashing). */
export async function checkThrottle(db: DbTx, keys: ThrottleKey[], now = new Date()): Promise<ThrottleStatus> {
  const rows = await db.throttleCounter.findMany({
    where: { key: { in: keys.map(keyOf) }, blockedUntil: { gt: now } },
    select: { blockedUntil: true },
  });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()));
  return { blocked: rows.length > 0, retryAfterMs: Math.max(0, until - now.getTime()) };
}

/**
 * Counts one failure on each key atomically (safe with several app instances) and blocks a key
 * once it passes its free failures.
 */
export async function recordFailure(db: DbTx, keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const key of keys) {
    const rule = THROTTLE_RULES[key.rule];
    const windowStart = new Date(now.getTime() - rule.windowMs);
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "ThrottleCounter" ("key", "failures", "windowStartedAt", "updatedAt")
      VALUES (${keyOf(key)}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "ThrottleCounter"."windowStartedAt" <= ${windowStart} THEN 1
                          ELSE "ThrottleCounter"."failures" + 1 END,
        "windowStartedAt" = CASE WHEN "ThrottleCounter"."windowStartedAt" <= ${windowStart} THEN ${now}
                                 ELSE "ThrottleCounter"."windowStartedAt" END,
        "updatedAt" = ${now}
      RETURNING "failures"`;
    const block = blockDurationMs(rule, row?.failures ?? 1);
    if (block > 0) {
      await db.throttleCounter.update({
        where: { key: keyOf(key) },
        data: { blockedUntil: new Date(now.getTime() + block) },
      });
    }
  }
}

/** A success clears the account-level counters (never the IP ones, which many users share). */
export async function clearThrottle(db: DbTx, keys: ThrottleKey[]): Promise<void> {
  await db.throttleCounter.deleteMany({ where: { key: { in: keys.map(keyOf) } } });
}
