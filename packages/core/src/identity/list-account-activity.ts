import type { Db } from "@homeport/db";

/** The signed-in user's own recent audit events (their "Account activity"). */
export function listRecentActivity(db: Db, userId: string, options: { take?: number } = {}) {
  return db.auditEvent.findMany({
    where: { actorUserId: userId },
    orderBy: { id: "desc" },
    take: options.take ?? 20,
    select: { id: true, occurredAt: true, action: true, outcome: true, ip: true, userAgent: true },
  });
}
