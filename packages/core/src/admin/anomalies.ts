import type { AnomalyFlag, AnomalyStatus, DbTx, Prisma } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "../identity/actor.ts";
import { ZId } from "../ids.ts";
import {
  ANOMALY_RULES,
  type AnomalyRule,
  type AuditEventInput,
  evaluateAnomalyRules,
  HOUR,
  PASSWORD_RESET_REQUEST_ACTION,
  RULE_WINDOW_MS,
  SECURITY_CHANGE_ACTIONS,
  SIGN_IN_ACTION,
  scanReadStart,
} from "./anomaly-rules.ts";
import { requirePermission } from "./permissions.ts";

/**
 * The anomaly queue: a job turns the audit log into flags (one per rule, subject and window), and
 * support staff work them: acknowledge, then escalate or resolve, each with a note. The rules
 * themselves are pure and live in anomaly-rules.ts.
 */

type Ctx = Pick<CoreContext, "db" | "now">;
type StaffActor = Pick<Actor, "id" | "staffRole" | "stepUpAt">;

export const ANOMALY_STATUSES = [
  "OPEN",
  "ACKNOWLEDGED",
  "ESCALATED",
  "RESOLVED",
] as const satisfies readonly AnomalyStatus[];
/** The scan looks this far back by default; it runs every few minutes, so two hours leaves slack. */
export const DEFAULT_SCAN_LOOKBACK_MS = 2 * HOUR;

export type AnomalyErrorCode = "ANOMALY_NOT_FOUND" | "INVALID_TRANSITION" | "NOTE_TOO_SHORT" | "NOTE_TOO_LONG";

export class AnomalyError extends Error {
  override name = "AnomalyError";
  constructor(readonly code: AnomalyErrorCode) {
    super(code);
  }
}

// ---------------------------------------------------------------------------------------------
// The scan

export interface ScanReport {
  events: number;
  candidates: number;
  created: number;
  updated: number;
}

/**
 * Reads the audit events the rules need for the last two hours (or since `since`, reaching back to
 * the start of every window that touches it) and stores a flag per candidate. Safe to run twice
 * or on two workers at once: the unique (rule, subjectKey, windowStart) makes creation idempotent,
 * and an existing open flag only ever grows its count.
 */
export async function scanForAnomalies(ctx: Ctx, options: { since?: Date } = {}): Promise<ScanReport> {
  const now = ctx.now();
  const since = options.since ?? new Date(now.getTime() - DEFAULT_SCAN_LOOKBACK_MS);
  const start = scanReadStart(since);
  const upTo = { lte: now };
  const rows = await ctx.db.auditEvent.findMany({
    where: {
      OR: [
        { action: SIGN_IN_ACTION, outcome: "FAILURE", occurredAt: { gte: start.failedSignIns, ...upTo } },
        { action: SIGN_IN_ACTION, outcome: "SUCCESS", occurredAt: { gte: start.successfulSignIns, ...upTo } },
        {
          action: SIGN_IN_ACTION,
          outcome: "SUCCESS",
          occurredAt: { gte: start.newDeviceSignIns, ...upTo },
          details: { path: ["newDevice"], equals: true },
        },
        { action: PASSWORD_RESET_REQUEST_ACTION, occurredAt: { gte: start.resets, ...upTo } },
        {
          action: { in: [...SECURITY_CHANGE_ACTIONS] },
          outcome: "SUCCESS",
          occurredAt: { gte: start.changes, ...upTo },
        },
      ],
    },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      action: true,
      outcome: true,
      accountId: true,
      actorUserId: true,
      target: true,
      ip: true,
      userAgent: true,
      occurredAt: true,
      details: true,
    },
  });
  const events: AuditEventInput[] = rows;
  const candidates = evaluateAnomalyRules(events);
  if (candidates.length === 0) return { events: events.length, candidates: 0, created: 0, updated: 0 };

  const data = candidates.map((candidate) => ({
    rule: candidate.rule,
    subjectKey: candidate.subjectKey,
    accountId: candidate.accountId ?? null,
    userId: candidate.userId ?? null,
    ip: candidate.ip ?? null,
    windowStart: candidate.windowStart,
    firstSeenAt: candidate.firstSeenAt,
    lastSeenAt: candidate.lastSeenAt,
    eventCount: candidate.eventCount,
    details: candidate.details as Prisma.InputJsonValue,
    severity: candidate.severity,
  }));
  const { count: created } = await ctx.db.anomalyFlag.createMany({ data, skipDuplicates: true });
  let updated = 0;
  for (const row of data) {
    // A resolved flag stays as it was judged; a new window makes a new flag if the pattern goes on.
    const { count } = await ctx.db.anomalyFlag.updateMany({
      where: {
        rule: row.rule,
        subjectKey: row.subjectKey,
        windowStart: row.windowStart,
        status: { not: "RESOLVED" },
        eventCount: { lt: row.eventCount },
      },
      data: {
        eventCount: row.eventCount,
        lastSeenAt: row.lastSeenAt,
        details: row.details,
        severity: row.severity,
        ...(row.accountId ? { accountId: row.accountId } : {}),
      },
    });
    updated += count;
  }
  return { events: events.length, candidates: candidates.length, created, updated };
}

/** The periodic job: scan the recent audit log (the worker runs it every five minutes). */
export function runAnomalyScan(ctx: Ctx): Promise<ScanReport> {
  return scanForAnomalies(ctx);
}

// ---------------------------------------------------------------------------------------------
// The queue

export const ZAnomalyQueueFilter = z.object({
  /** A status, or ACTIVE for everything not yet resolved. */
  status: z
    .enum([...ANOMALY_STATUSES, "ACTIVE"])
    .optional()
    .catch(undefined),
  rule: z.enum(ANOMALY_RULES).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).default(100).catch(100),
});
export type AnomalyQueueFilterInput = z.input<typeof ZAnomalyQueueFilter>;

export interface AnomalySubject {
  kind: "user" | "email" | "ip" | "account";
  /** What to call it: a person's name and email, an address, an email typed at sign-in. */
  label: string;
  accountId: string | null;
  accountNumber: string | null;
}

export interface AnomalyQueueItem {
  id: string;
  rule: AnomalyRule;
  status: AnomalyStatus;
  severity: number;
  subject: AnomalySubject;
  windowStart: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
}

export interface AnomalyQueue {
  flags: AnomalyQueueItem[];
  /** How many flags are in each status (whatever the filter), for the queue's summary. */
  totals: Record<AnomalyStatus, number>;
}

const defaultRequest = (actor: StaffActor): RequestContext => ({ actorUserId: actor.id });

async function describeSubjects(
  db: DbTx,
  flags: readonly Pick<AnomalyFlag, "id" | "subjectKey" | "userId" | "accountId" | "ip">[],
): Promise<Map<string, AnomalySubject>> {
  const userIds = [...new Set(flags.map((flag) => flag.userId).filter((id): id is string => !!id))];
  const accountIds = [...new Set(flags.map((flag) => flag.accountId).filter((id): id is string => !!id))];
  const [users, accounts] = await Promise.all([
    userIds.length
      ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
      : [],
    accountIds.length
      ? db.serviceAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, accountNumber: true } })
      : [],
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const accountById = new Map(accounts.map((account) => [account.id, account]));
  const out = new Map<string, AnomalySubject>();
  for (const flag of flags) {
    const [kind, ...rest] = flag.subjectKey.split(":");
    const value = rest.join(":");
    const user = flag.userId ? userById.get(flag.userId) : undefined;
    const account = flag.accountId ? accountById.get(flag.accountId) : undefined;
    const label = user ? `${user.name} · ${user.email}` : value;
    out.set(flag.id, {
      kind: kind === "user" || kind === "email" || kind === "ip" || kind === "account" ? kind : "account",
      label,
      accountId: account?.id ?? null,
      accountNumber: account?.accountNumber ?? null,
    });
  }
  return out;
}

/** Flags for review, most severe and most recent first. Needs REVIEW_ANOMALIES. */
export async function listAnomalies(
  ctx: Ctx,
  actor: StaffActor,
  filter: AnomalyQueueFilterInput = {},
  request: RequestContext = defaultRequest(actor),
): Promise<AnomalyQueue> {
  await requirePermission(ctx.db, actor, request, "REVIEW_ANOMALIES");
  const { status, rule, limit } = ZAnomalyQueueFilter.parse(filter);
  const where: Prisma.AnomalyFlagWhereInput = {
    ...(status === "ACTIVE" ? { status: { not: "RESOLVED" } } : status ? { status } : {}),
    ...(rule ? { rule } : {}),
  };
  const [rows, grouped] = await Promise.all([
    ctx.db.anomalyFlag.findMany({
      where,
      orderBy: [{ severity: "desc" }, { lastSeenAt: "desc" }, { id: "asc" }],
      take: limit,
    }),
    ctx.db.anomalyFlag.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const totals = Object.fromEntries(ANOMALY_STATUSES.map((s) => [s, 0])) as Record<AnomalyStatus, number>;
  for (const group of grouped) totals[group.status] = group._count._all;
  const subjects = await describeSubjects(ctx.db, rows);
  return {
    totals,
    flags: rows.map((row) => ({
      id: row.id,
      rule: row.rule as AnomalyRule,
      status: row.status,
      severity: row.severity,
      subject: subjects.get(row.id)!,
      windowStart: row.windowStart,
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
      eventCount: row.eventCount,
    })),
  };
}

export interface RelatedAuditEvent {
  id: string;
  occurredAt: Date;
  action: string;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
}

export interface AnomalyFile {
  flag: Omit<AnomalyFlag, "rule" | "details"> & { rule: AnomalyRule; details: Record<string, unknown> };
  subject: AnomalySubject;
  /** The subject's audit events over the flag's window, newest first. */
  related: RelatedAuditEvent[];
  notes: { id: string; action: string; note: string; createdAt: Date; actorName: string | null }[];
  actions: { acknowledge: boolean; escalate: boolean; resolve: boolean };
}

const RELATED_LIMIT = 200;

function relatedWhere(flag: AnomalyFlag, details: Record<string, unknown>): Prisma.AuditEventWhereInput | null {
  const [kind, ...rest] = flag.subjectKey.split(":");
  const value = rest.join(":");
  if (kind === "ip") return { ip: value };
  if (kind === "email") return { target: { equals: value, mode: "insensitive" } };
  if (kind === "user") {
    const emails = Array.isArray(details.emails) ? details.emails.filter((e) => typeof e === "string") : [];
    return {
      OR: [
        { actorUserId: value },
        // Throttled sign-in attempts name only the email typed.
        ...(emails.length
          ? [{ actorUserId: null, target: { in: emails as string[], mode: "insensitive" as const } }]
          : []),
      ],
    };
  }
  return flag.accountId ? { accountId: flag.accountId } : null;
}

/** One flag with its subject's events, its notes and what may be done next; null if there is none. */
export async function getAnomaly(
  ctx: Ctx,
  actor: StaffActor,
  flagId: string,
  request: RequestContext = defaultRequest(actor),
): Promise<AnomalyFile | null> {
  await requirePermission(ctx.db, actor, request, "REVIEW_ANOMALIES");
  const id = ZId.safeParse(flagId);
  if (!id.success) return null;
  const flag = await ctx.db.anomalyFlag.findUnique({
    where: { id: id.data },
    include: { notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  if (!flag) return null;
  const details =
    flag.details && typeof flag.details === "object" && !Array.isArray(flag.details)
      ? (flag.details as Record<string, unknown>)
      : {};
  const rule = flag.rule as AnomalyRule;
  const windowEnd = new Date(
    Math.max(flag.windowStart.getTime() + (RULE_WINDOW_MS[rule] ?? HOUR), flag.lastSeenAt.getTime() + 1),
  );
  const subjectWhere = relatedWhere(flag, details);
  const [subjects, events, staff] = await Promise.all([
    describeSubjects(ctx.db, [flag]),
    subjectWhere
      ? ctx.db.auditEvent.findMany({
          where: { AND: [subjectWhere, { occurredAt: { gte: flag.windowStart, lt: windowEnd } }] },
          orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
          take: RELATED_LIMIT,
          select: {
            id: true,
            occurredAt: true,
            action: true,
            outcome: true,
            target: true,
            ip: true,
            userAgent: true,
            details: true,
          },
        })
      : [],
    ctx.db.user.findMany({
      where: { id: { in: flag.notes.map((note) => note.actorUserId).filter((v): v is string => !!v) } },
      select: { id: true, name: true },
    }),
  ]);
  const names = new Map(staff.map((user) => [user.id, user.name]));
  const { notes, details: _details, ...rest } = flag;
  return {
    flag: { ...rest, rule, details },
    subject: subjects.get(flag.id)!,
    related: events.map((event) => ({
      id: String(event.id),
      occurredAt: event.occurredAt,
      action: event.action,
      outcome: event.outcome,
      target: event.target,
      ip: event.ip,
      userAgent: event.userAgent,
      reason:
        event.details && typeof event.details === "object" && !Array.isArray(event.details)
          ? typeof (event.details as Record<string, unknown>).reason === "string"
            ? ((event.details as Record<string, unknown>).reason as string)
            : null
          : null,
    })),
    notes: notes.map((note) => ({
      id: note.id,
      action: note.action,
      note: note.note,
      createdAt: note.createdAt,
      actorName: note.actorUserId ? (names.get(note.actorUserId) ?? null) : null,
    })),
    actions: {
      acknowledge: NEXT.acknowledge.from.includes(flag.status),
      escalate: NEXT.escalate.from.includes(flag.status),
      resolve: NEXT.resolve.from.includes(flag.status),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Working a flag

/** Each action's note: why it was judged so, readable by the next person (5–1000 characters). */
export const ZAnomalyAction = z.object({
  flagId: ZId,
  note: z.string().trim().min(5, "NOTE_TOO_SHORT").max(1000, "NOTE_TOO_LONG"),
});
export type TAnomalyAction = z.input<typeof ZAnomalyAction>;

type Transition = "acknowledge" | "escalate" | "resolve";
/** OPEN → ACKNOWLEDGED → ESCALATED or RESOLVED; an escalated flag is resolved later; RESOLVED is final. */
const NEXT: Record<Transition, { from: readonly AnomalyStatus[]; to: AnomalyStatus }> = {
  acknowledge: { from: ["OPEN"], to: "ACKNOWLEDGED" },
  escalate: { from: ["ACKNOWLEDGED"], to: "ESCALATED" },
  resolve: { from: ["ACKNOWLEDGED", "ESCALATED"], to: "RESOLVED" },
};

async function transition(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: TAnomalyAction,
  step: Transition,
): Promise<{ id: string; status: AnomalyStatus }> {
  await requirePermission(ctx.db, actor, request, "REVIEW_ANOMALIES");
  requireStepUp(actor, ctx.now());
  const parsed = ZAnomalyAction.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    if (parsed.error.issues[0]?.path[0] === "flagId") throw new AnomalyError("ANOMALY_NOT_FOUND");
    throw new AnomalyError(message === "NOTE_TOO_LONG" ? "NOTE_TOO_LONG" : "NOTE_TOO_SHORT");
  }
  const { flagId, note } = parsed.data;
  const { from, to } = NEXT[step];
  return ctx.db.$transaction(async (tx) => {
    // The row lock makes two people acting at once take turns; the second sees the first's status.
    const locked = await tx.$queryRaw<{ status: AnomalyStatus }[]>`
      SELECT "status"::text AS "status" FROM "AnomalyFlag" WHERE "id" = ${flagId}::uuid FOR UPDATE`;
    const current = locked[0];
    if (!current) throw new AnomalyError("ANOMALY_NOT_FOUND");
    if (!from.includes(current.status)) throw new AnomalyError("INVALID_TRANSITION");
    const flag = await tx.anomalyFlag.update({ where: { id: flagId }, data: { status: to } });
    await tx.anomalyNote.create({ data: { flagId, actorUserId: actor.id, action: step, note } });
    await recordAuditEvent(tx, request, {
      action: `admin.anomaly_${step}`,
      outcome: "SUCCESS",
      accountId: flag.accountId,
      target: flag.id,
      details: { rule: flag.rule, subject: flag.subjectKey, from: current.status, to, note },
    });
    return { id: flag.id, status: to };
  });
}

/** Someone is looking at it: OPEN → ACKNOWLEDGED. */
export function acknowledgeAnomaly(ctx: Ctx, actor: StaffActor, request: RequestContext, input: TAnomalyAction) {
  return transition(ctx, actor, request, input, "acknowledge");
}

/** Handed on (security team, fraud): ACKNOWLEDGED → ESCALATED. */
export function escalateAnomaly(ctx: Ctx, actor: StaffActor, request: RequestContext, input: TAnomalyAction) {
  return transition(ctx, actor, request, input, "escalate");
}

/** Judged and closed for good: ACKNOWLEDGED or ESCALATED → RESOLVED. */
export function resolveAnomaly(ctx: Ctx, actor: StaffActor, request: RequestContext, input: TAnomalyAction) {
  return transition(ctx, actor, request, input, "resolve");
}
