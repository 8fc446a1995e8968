import type { Db, Prisma } from "@homeport/db";
import { z } from "zod";

/** Groups of audit actions a subscriber can filter their activity by. */
export const ACTIVITY_GROUPS = {
  sign_ins: ["identity.sign_in", "identity.sign_out", "identity.step_up"],
  devices: ["identity.session_revoke", "identity.sign_out_others"],
  security: [
    "identity.password_change",
    "identity.password_reset",
    "identity.two_factor_enable",
    "identity.two_factor_disable",
    "identity.recovery_codes_regenerate",
    "identity.email_change",
    "identity.email_change_request",
    "identity.email_verify",
    "identity.register",
  ],
} as const;

export const ZActivityFilter = z.object({
  group: z.enum(["all", ...(Object.keys(ACTIVITY_GROUPS) as (keyof typeof ACTIVITY_GROUPS)[])]).catch("all"),
  outcome: z.enum(["all", "SUCCESS", "FAILURE", "DENIED"]).catch("all"),
  /** Keyset cursor: events older than this id. */
  before: z.coerce.bigint().positive().optional().catch(undefined),
});
export type TActivityFilter = z.infer<typeof ZActivityFilter>;

export const ACTIVITY_PAGE_SIZE = 25;

/** The user's own audit events, newest first, one page at a time (keyset paging on the id). */
export async function listAccountActivity(db: Db, userId: string, filter: TActivityFilter) {
  const where: Prisma.AuditEventWhereInput = {
    actorUserId: userId,
    ...(filter.group === "all" ? {} : { action: { in: [...ACTIVITY_GROUPS[filter.group]] } }),
    ...(filter.outcome === "all" ? {} : { outcome: filter.outcome }),
    ...(filter.before ? { id: { lt: filter.before } } : {}),
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: { id: "desc" },
    take: ACTIVITY_PAGE_SIZE + 1,
    select: { id: true, occurredAt: true, action: true, outcome: true, ip: true, userAgent: true },
  });
  const events = rows.slice(0, ACTIVITY_PAGE_SIZE);
  return { events, nextBefore: rows.length > ACTIVITY_PAGE_SIZE ? events.at(-1)!.id : null };
}

/** The latest few events, for the dashboard and the security overview. */
export function listRecentActivity(db: Db, userId: string, options: { take?: number } = {}) {
  return db.auditEvent.findMany({
    where: { actorUserId: userId },
    orderBy: { id: "desc" },
    take: options.take ?? 5,
    select: { id: true, occurredAt: true, action: true, outcome: true, ip: true, userAgent: true },
  });
}
