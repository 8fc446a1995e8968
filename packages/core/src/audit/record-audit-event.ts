import type { AuditOutcome, DbTx, Prisma } from "@homeport/db";

/** Who did something, from where: taken from the request by the web layer. */
export interface RequestContext {
  actorUserId?: string | null;
  sessionId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  accountId?: string | null;
  target?: string | null;
  details?: Prisma.InputJsonValue;
}

/** Appends one event to the audit log. There is deliberately no update or delete counterpart. */
export function recordAuditEvent(db: DbTx, context: RequestContext, entry: AuditEntry) {
  return db.auditEvent.create({
    data: {
      action: entry.action,
      outcome: entry.outcome,
      accountId: entry.accountId ?? null,
      target: entry.target ?? null,
      ...(entry.details === undefined ? {} : { details: entry.details }),
      actorUserId: context.actorUserId ?? null,
      sessionId: context.sessionId ?? null,
      ip: context.ip ?? null,
      userAgent: context.userAgent?.slice(0, 512) ?? null,
    },
  });
}
