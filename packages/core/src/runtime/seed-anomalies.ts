import type { Db } from "@homeport/db";
import { scanForAnomalies } from "../admin/anomalies.ts";
import { bucketStart, FAILED_SIGN_IN_WINDOW_MS } from "../admin/anomaly-rules.ts";

const NEIGHBOUR_EMAIL = "tuan.nguyen@example.com";
/** A documentation address (RFC 5737), standing in for a scripted attacker. */
const ATTACKER_IP = "203.0.113.77";
const ATTACKER_AGENT = "python-requests/2.31.0";

/**
 * Gives the anomaly queue something to show on a fresh demo: someone guessing the neighbour's
 * password from one address in the last hour (twelve wrong passwords, then the throttle refusing
 * three more), written as sign-in.ts writes them, then the scan that turns it into a flag.
 */
export async function seedDemoAnomalies(ctx: { db: Db; now: () => Date }) {
  const user = await ctx.db.user.findUnique({
    where: { email: NEIGHBOUR_EMAIL },
    select: { id: true, memberships: { select: { accountId: true }, take: 1 } },
  });
  if (!user) return { created: 0 };
  if (await ctx.db.anomalyFlag.count({ where: { subjectKey: `user:${user.id}` } })) return { created: 0 };
  const accountId = user.memberships[0]?.accountId ?? null;
  const now = ctx.now();
  // The whole burst inside one fixed window, ending before now, so the scan sees all of it.
  const start = bucketStart(new Date(now.getTime() - 45 * 60_000), FAILED_SIGN_IN_WINDOW_MS).getTime() + 2 * 60_000;
  const attempts = [
    ...Array.from({ length: 12 }, () => ({ reason: "wrong_password", known: true })),
    ...Array.from({ length: 3 }, () => ({ reason: "throttled", known: false })),
  ];
  await ctx.db.auditEvent.createMany({
    data: attempts.map((attempt, i) => ({
      action: "identity.sign_in",
      outcome: "FAILURE" as const,
      // A throttled attempt is refused before the user is looked up, so it names only the email.
      actorUserId: attempt.known ? user.id : null,
      accountId: attempt.known ? accountId : null,
      target: NEIGHBOUR_EMAIL,
      ip: ATTACKER_IP,
      userAgent: ATTACKER_AGENT,
      occurredAt: new Date(start + i * 23_000 + (i % 3) * 4_000),
      details: { reason: attempt.reason },
    })),
  });
  const report = await scanForAnomalies(ctx, { since: new Date(now.getTime() - 2 * 3_600_000) });
  return { created: report.created };
}
