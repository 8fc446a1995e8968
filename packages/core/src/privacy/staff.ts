import type { DbTx, Prisma, PrivacyRequest, PrivacyRequestStatus, PrivacyRequestType } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { ZId } from "../ids.ts";
import { normalizeUsPhone } from "../services/callback-request.ts";
import { DUE_SOON_MS, extendedDueAt, type SlaState, slaState } from "./deadlines.ts";
import { privacyMetrics } from "./metrics.ts";
import { DATA_POINTS, type DataPoint, verificationNeeded } from "./verification-rules.ts";

/**
 * The privacy officer's side of consumer requests: the queue, the request file, and the actions
 * a person takes on it. Notices to the consumer are sent by the notice job from the state written
 * here, so every action changes state and leaves an event, never a message.
 */

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;
type StaffActor = Pick<Actor, "id" | "staffRole" | "stepUpAt">;

export const PRIVACY_REQUEST_STATUSES = ["RECEIVED", "VERIFIED", "IN_PROGRESS", "COMPLETED", "DENIED"] as const;
export const PRIVACY_REQUEST_TYPES = [
  "KNOW_CATEGORIES",
  "KNOW_SPECIFIC",
  "DELETE",
  "CORRECT",
  "OPT_OUT_SALE_SHARING",
  "LIMIT_SENSITIVE",
] as const satisfies readonly PrivacyRequestType[];
const OPEN_STATUSES = ["RECEIVED", "VERIFIED", "IN_PROGRESS"] as const satisfies readonly PrivacyRequestStatus[];
/** §7026(d), §7027(e): not verifiable requests; they are applied when received. */
const OPT_OUT_TYPES: readonly PrivacyRequestType[] = ["OPT_OUT_SALE_SHARING", "LIMIT_SENSITIVE"];

export const DENIAL_REASONS = [
  "cannot_verify",
  "exception_legal_obligation",
  "exception_security",
  "not_a_consumer",
  "manifestly_unfounded",
  "correction_accurate",
  "other",
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

const PRIVACY_STAFF_ROLES = new Set(["PRIVACY_OFFICER", "ADMIN"]);

/** Privacy officers and admins work the privacy queue; support agents do not see consumers' requests. */
export function canWorkPrivacy(actor: Pick<Actor, "staffRole">): boolean {
  return actor.staffRole !== null && actor.staffRole !== undefined && PRIVACY_STAFF_ROLES.has(actor.staffRole);
}

export type PrivacyStaffErrorCode =
  | "REQUEST_NOT_FOUND"
  | "REQUEST_CLOSED"
  | "REQUEST_CHANGED"
  | "ALREADY_EXTENDED"
  | "EXTENSION_TOO_LATE"
  | "NOT_EXTENDABLE"
  | "ALREADY_VERIFIED"
  | "NOT_VERIFIABLE"
  | "ACCOUNT_NOT_FOUND"
  | "NOT_ENOUGH_DATA_POINTS"
  | "CORRECTED_POINT_USED"
  | "DECLARATION_MISSING"
  | "PERMISSION_NOT_CHECKED"
  | "NOT_A_CORRECTION"
  | "NOT_VERIFIED"
  | "NO_SUBJECT"
  | "NOT_ACCOUNT_HOLDER"
  | "ADDRESS_NOT_APPLIED_ONLINE"
  | "CORRECTION_INVALID"
  | "DENIAL_NOT_ALLOWED"
  | "NOTE_REQUIRED"
  | "ASSIGNEE_NOT_ALLOWED"
  | "UPLOAD_NOT_FOUND";

export class PrivacyStaffError extends Error {
  override name = "PrivacyStaffError";
  constructor(readonly code: PrivacyStaffErrorCode) {
    super(code);
  }
}

async function refuse(ctx: Ctx, request: RequestContext, action: string, target: unknown): Promise<never> {
  await recordAuditEvent(ctx.db, request, {
    action,
    outcome: "DENIED",
    target: typeof target === "string" ? target.slice(0, 64) : null,
  });
  throw new IdentityError("NOT_ALLOWED");
}

function requirePrivacyStaff(actor: Pick<Actor, "staffRole">): void {
  if (!canWorkPrivacy(actor)) throw new IdentityError("NOT_ALLOWED");
}

// ---------------------------------------------------------------------------------------------
// The queue

export const ZPrivacyQueueFilter = z.object({
  /** A status, or ACTIVE for everything still open. */
  status: z
    .enum([...PRIVACY_REQUEST_STATUSES, "ACTIVE"])
    .optional()
    .catch(undefined),
  type: z.enum(PRIVACY_REQUEST_TYPES).optional().catch(undefined),
  sla: z.enum(["due_soon", "overdue"]).optional().catch(undefined),
  assigned: z.enum(["me", "none", "any"]).default("any").catch("any"),
  /** A reference (PR-XXXX-XXXX) or an email address, or part of one. */
  q: z
    .string()
    .trim()
    .max(254)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  limit: z.coerce.number().int().min(1).max(200).default(100).catch(100),
});
export type PrivacyQueueFilterInput = z.input<typeof ZPrivacyQueueFilter>;

export interface PrivacyQueueItem {
  id: string;
  reference: string;
  type: PrivacyRequestType;
  channel: PrivacyRequest["channel"];
  status: PrivacyRequestStatus;
  /** Who the request is about, as the consumer named themselves. */
  subject: string;
  receivedAt: Date;
  dueAt: Date;
  extended: boolean;
  assignedTo: { id: string; name: string } | null;
  sla: SlaState;
}

function claimedOf(row: { claimed: Prisma.JsonValue }): Record<string, string> {
  const value = row.claimed;
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** The open requests, soonest due first, so the ones at risk of missing §7021(b) are on top. */
export async function listPrivacyQueue(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "staffRole">,
  filter: PrivacyQueueFilterInput = {},
): Promise<PrivacyQueueItem[]> {
  requirePrivacyStaff(actor);
  const { status, type, sla, assigned, q, limit } = ZPrivacyQueueFilter.parse(filter);
  const now = ctx.now();
  const and: Prisma.PrivacyRequestWhereInput[] = [];
  if (status === "ACTIVE") and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (status) and.push({ status });
  if (type) and.push({ type });
  if (sla === "overdue") and.push({ status: { in: [...OPEN_STATUSES] }, dueAt: { lte: now } });
  if (sla === "due_soon") {
    and.push({ status: { in: [...OPEN_STATUSES] }, dueAt: { gt: now, lte: new Date(now.getTime() + DUE_SOON_MS) } });
  }
  if (assigned === "me") and.push({ assignedToId: actor.id });
  if (assigned === "none") and.push({ assignedToId: null });
  if (q) {
    const lower = q.toLowerCase();
    const users = await ctx.db.user.findMany({
      where: { email: { contains: lower, mode: "insensitive" } },
      select: { id: true },
      take: 50,
    });
    and.push({
      OR: [
        { reference: { contains: q.toUpperCase() } },
        { claimed: { path: ["email"], string_contains: q } },
        { claimed: { path: ["email"], string_contains: lower } },
        { agentEmail: { contains: lower, mode: "insensitive" } },
        ...(users.length ? [{ userId: { in: users.map((u) => u.id) } }] : []),
      ],
    });
  }
  const rows = await ctx.db.privacyRequest.findMany({
    where: { AND: and },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      reference: true,
      type: true,
      channel: true,
      status: true,
      claimed: true,
      receivedAt: true,
      dueAt: true,
      extendedAt: true,
      assignedToId: true,
    },
  });
  const names = await staffNames(
    ctx.db,
    rows.map((row) => row.assignedToId),
  );
  return rows.map((row) => {
    const claimed = claimedOf(row);
    return {
      id: row.id,
      reference: row.reference,
      type: row.type,
      channel: row.channel,
      status: row.status,
      subject: claimed.name || claimed.email || claimed.accountNumber || claimed.phone || "",
      receivedAt: row.receivedAt,
      dueAt: row.dueAt,
      extended: row.extendedAt !== null,
      assignedTo: row.assignedToId ? { id: row.assignedToId, name: names.get(row.assignedToId) ?? "" } : null,
      sla: slaState(row, now),
    };
  });
}

async function staffNames(db: DbTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

// ---------------------------------------------------------------------------------------------
// One request

export interface PrivacyVerification {
  matched: string[];
  count: number;
  needed: number;
  declaration: boolean;
  method: "signed_in" | "data_points" | "staff";
  permissionChecked?: boolean;
  candidateAccountId?: string | null;
}

export interface PrivacyCorrection {
  field: "name" | "email" | "phone" | "address";
  value: string;
  details?: string;
}

export interface PrivacyRequestActions {
  assign: boolean;
  verify: boolean;
  extend: boolean;
  deny: boolean;
  applyCorrection: boolean;
  completeCorrection: boolean;
}

export interface StaffPrivacyRequest {
  request: PrivacyRequest;
  claimed: Record<string, string>;
  verification: PrivacyVerification | null;
  correction: PrivacyCorrection | null;
  sla: SlaState;
  assignedTo: { id: string; name: string } | null;
  subject: { id: string; name: string; email: string } | null;
  account: {
    id: string;
    accountNumber: string;
    holderName: string;
    addressLine1: string;
    city: string;
    state: string;
    zip: string;
    phoneOnFile: string | null;
    emailOnFile: string | null;
    status: string;
  } | null;
  /** The account automatic matching came closest to, for the officer to check (§7062). */
  candidateAccountNumber: string | null;
  uploads: { id: string; storedName: string; mediaType: string; bytes: number; sha256: string; createdAt: Date }[];
  events: { id: string; kind: string; note: string | null; createdAt: Date; actorName: string | null }[];
  actions: PrivacyRequestActions;
}

function verificationOf(value: Prisma.JsonValue | null): PrivacyVerification | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  return value as unknown as PrivacyVerification;
}

function correctionOf(value: Prisma.JsonValue | null): PrivacyCorrection | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (!["name", "email", "phone", "address"].includes(record.field as string) || typeof record.value !== "string") {
    return null;
  }
  return value as unknown as PrivacyCorrection;
}

const isOpen = (status: PrivacyRequestStatus) => (OPEN_STATUSES as readonly string[]).includes(status);

/** What the page may offer: the same checks the actions make, so no button leads to a refusal. */
export function privacyRequestActions(
  row: Pick<PrivacyRequest, "type" | "status" | "channel" | "extendedAt" | "dueAt">,
  now: Date,
): PrivacyRequestActions {
  const open = isOpen(row.status);
  const verifiable = !OPT_OUT_TYPES.includes(row.type);
  const correction = row.type === "CORRECT" && (row.status === "VERIFIED" || row.status === "IN_PROGRESS");
  return {
    assign: open,
    verify: verifiable && row.status === "RECEIVED",
    extend: verifiable && open && row.extendedAt === null && now.getTime() < row.dueAt.getTime(),
    deny:
      row.status === "RECEIVED" ||
      row.status === "VERIFIED" ||
      (row.type === "CORRECT" && row.status === "IN_PROGRESS"),
    applyCorrection: correction,
    completeCorrection: correction,
  };
}

/** The whole file of one request, as the officer works it. */
export async function getPrivacyRequestForStaff(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "staffRole">,
  id: string,
): Promise<StaffPrivacyRequest | null> {
  requirePrivacyStaff(actor);
  if (!ZId.safeParse(id).success) return null;
  const request = await ctx.db.privacyRequest.findUnique({ where: { id } });
  if (!request) return null;
  const [events, uploads, subject, account] = await Promise.all([
    ctx.db.privacyRequestEvent.findMany({ where: { requestId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    ctx.db.privacyUpload.findMany({
      where: { requestId: id },
      orderBy: { createdAt: "asc" },
      select: { id: true, storedName: true, mediaType: true, bytes: true, sha256: true, createdAt: true },
    }),
    request.userId
      ? ctx.db.user.findUnique({ where: { id: request.userId }, select: { id: true, name: true, email: true } })
      : null,
    request.accountId
      ? ctx.db.serviceAccount.findUnique({
          where: { id: request.accountId },
          select: {
            id: true,
            accountNumber: true,
            holderName: true,
            addressLine1: true,
            city: true,
            state: true,
            zip: true,
            phoneOnFile: true,
            emailOnFile: true,
            status: true,
          },
        })
      : null,
  ]);
  const verification = verificationOf(request.verification);
  const candidate =
    !account && verification?.candidateAccountId && ZId.safeParse(verification.candidateAccountId).success
      ? await ctx.db.serviceAccount.findUnique({
          where: { id: verification.candidateAccountId },
          select: { accountNumber: true },
        })
      : null;
  const names = await staffNames(ctx.db, [request.assignedToId, ...events.map((event) => event.actorUserId)]);
  return {
    request,
    claimed: claimedOf(request),
    verification,
    correction: correctionOf(request.correction),
    sla: slaState(request, ctx.now()),
    assignedTo: request.assignedToId ? { id: request.assignedToId, name: names.get(request.assignedToId) ?? "" } : null,
    subject,
    account,
    candidateAccountNumber: candidate?.accountNumber ?? null,
    uploads,
    events: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      note: event.note,
      createdAt: event.createdAt,
      actorName: event.actorUserId ? (names.get(event.actorUserId) ?? null) : null,
    })),
    actions: privacyRequestActions(request, ctx.now()),
  };
}

// ---------------------------------------------------------------------------------------------
// Actions

/**
 * Runs one staff action on a request: role and step-up first, then the row locked for the length
 * of the transaction, so two officers clicking at once apply it once and the second sees the
 * result of the first.
 */
async function workOn<T>(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  action: string,
  requestId: unknown,
  run: (tx: DbTx, row: PrivacyRequest, now: Date) => Promise<{ result: T; details?: Prisma.InputJsonValue }>,
): Promise<T> {
  if (!canWorkPrivacy(actor)) await refuse(ctx, request, action, requestId);
  // DESIGN.md: admin actions need a recent authentication.
  requireStepUp(actor, ctx.now());
  const id = ZId.safeParse(requestId);
  if (!id.success) throw new PrivacyStaffError("REQUEST_NOT_FOUND");
  return ctx.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "PrivacyRequest" WHERE "id" = ${id.data}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new PrivacyStaffError("REQUEST_NOT_FOUND");
    const row = await tx.privacyRequest.findUniqueOrThrow({ where: { id: id.data } });
    const now = ctx.now();
    const { result, details } = await run(tx, row, now);
    await recordAuditEvent(tx, request, {
      action,
      outcome: "SUCCESS",
      accountId: row.accountId,
      target: row.reference,
      details: { type: row.type, ...(details && typeof details === "object" ? details : {}) },
    });
    return result;
  });
}

async function addEvent(tx: DbTx, requestId: string, actorUserId: string, kind: string, note: string | null = null) {
  await tx.privacyRequestEvent.create({ data: { requestId, actorUserId, kind, note } });
}

function requireOpen(row: PrivacyRequest) {
  if (!isOpen(row.status)) throw new PrivacyStaffError("REQUEST_CLOSED");
}

const ZNote = (min: number, max: number) =>
  z
    .string({ error: "NOTE_REQUIRED" })
    .trim()
    .min(min, { error: min > 1 ? "NOTE_TOO_SHORT" : "NOTE_REQUIRED" })
    .max(max, { error: "NOTE_TOO_LONG" });

export const ZAssignPrivacyRequest = z.object({
  requestId: ZId,
  /** The staff member to assign; omitted means the actor, null leaves it unassigned. */
  assigneeId: ZId.nullish(),
});
export type AssignPrivacyRequestInput = z.input<typeof ZAssignPrivacyRequest>;

export async function assignPrivacyRequest(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: AssignPrivacyRequestInput,
) {
  return workOn(ctx, actor, request, "privacy.request.assigned", input.requestId, async (tx, row) => {
    const { assigneeId } = ZAssignPrivacyRequest.parse(input);
    requireOpen(row);
    const to = assigneeId === undefined ? actor.id : assigneeId;
    let name: string | null = null;
    if (to) {
      const assignee = await tx.user.findUnique({ where: { id: to }, select: { name: true, staffRole: true } });
      if (!assignee || !canWorkPrivacy(assignee)) throw new PrivacyStaffError("ASSIGNEE_NOT_ALLOWED");
      name = assignee.name;
    }
    const updated = await tx.privacyRequest.update({ where: { id: row.id }, data: { assignedToId: to } });
    await addEvent(tx, row.id, actor.id, "assigned", name);
    return { result: updated, details: { assignedToId: to } };
  });
}

export const ZPrivacyNote = z.object({ requestId: ZId, note: ZNote(1, 2000) });
export type PrivacyNoteInput = z.input<typeof ZPrivacyNote>;

/** A note for the file; allowed after closing too, since the record is kept 24 months (§7101). */
export async function addPrivacyNote(ctx: Ctx, actor: StaffActor, request: RequestContext, input: PrivacyNoteInput) {
  return workOn(ctx, actor, request, "privacy.request.noted", input.requestId, async (tx, row) => {
    const { note } = ZPrivacyNote.parse(input);
    await addEvent(tx, row.id, actor.id, "note", note);
    return { result: row };
  });
}

export const ZVerifyPrivacyRequest = z.object({
  requestId: ZId,
  accountNumber: z
    .string({ error: "ACCOUNT_NUMBER_INVALID" })
    .trim()
    .regex(/^[\d\s-]{6,24}$/, { error: "ACCOUNT_NUMBER_INVALID" })
    .transform((value) => value.replace(/\D/g, "")),
  matched: z
    .array(z.enum(DATA_POINTS), { error: "DATA_POINTS_REQUIRED" })
    .min(1, { error: "DATA_POINTS_REQUIRED" })
    .transform((points) => [...new Set(points)]),
  /** For an agent: the signed permission was read and names this consumer and this agent (§7063(a)). */
  permissionChecked: z.boolean().default(false),
  note: z
    .string()
    .trim()
    .max(1000, { error: "NOTE_TOO_LONG" })
    .nullish()
    .transform((value) => value || null),
});
export type VerifyPrivacyRequestInput = z.input<typeof ZVerifyPrivacyRequest>;

const CORRECTION_POINT: Record<PrivacyCorrection["field"], DataPoint> = {
  name: "name",
  email: "email",
  phone: "phone",
  address: "addressLine1",
};

/**
 * Manual verification of a public or agent request that did not verify automatically (§7062,
 * §7063): the officer records which data points they confirmed against the account they found,
 * with the same bar the automatic check uses.
 */
export async function verifyPrivacyRequest(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: VerifyPrivacyRequestInput,
) {
  return workOn(ctx, actor, request, "privacy.request.verified", input.requestId, async (tx, row, now) => {
    const data = ZVerifyPrivacyRequest.parse(input);
    requireOpen(row);
    if (OPT_OUT_TYPES.includes(row.type)) throw new PrivacyStaffError("NOT_VERIFIABLE");
    if (row.status !== "RECEIVED") throw new PrivacyStaffError("ALREADY_VERIFIED");
    const need = verificationNeeded(row.type);
    const correction = correctionOf(row.correction);
    // §7060(h): a point being corrected cannot also prove who is asking.
    if (correction && data.matched.includes(CORRECTION_POINT[correction.field])) {
      throw new PrivacyStaffError("CORRECTED_POINT_USED");
    }
    if (data.matched.length < need.points) throw new PrivacyStaffError("NOT_ENOUGH_DATA_POINTS");
    // §7062(c): the declaration is the consumer's own; staff cannot stand in for it.
    if (need.declaration && !row.declarationSignedAt) throw new PrivacyStaffError("DECLARATION_MISSING");
    if (row.channel === "AUTHORIZED_AGENT" && !data.permissionChecked) {
      throw new PrivacyStaffError("PERMISSION_NOT_CHECKED");
    }
    const account = await tx.serviceAccount.findUnique({
      where: { accountNumber: data.accountNumber },
      select: { id: true, memberships: { where: { role: "OWNER" }, select: { userId: true }, take: 1 } },
    });
    if (!account) throw new PrivacyStaffError("ACCOUNT_NOT_FOUND");
    const userId = account.memberships[0]?.userId ?? null;
    const previous = verificationOf(row.verification);
    const verification: PrivacyVerification = {
      matched: data.matched,
      count: data.matched.length,
      needed: need.points,
      declaration: row.declarationSignedAt !== null,
      method: "staff",
      ...(row.channel === "AUTHORIZED_AGENT" ? { permissionChecked: true } : {}),
      ...(previous?.candidateAccountId !== undefined ? { candidateAccountId: previous.candidateAccountId } : {}),
    };
    const { count } = await tx.privacyRequest.updateMany({
      where: { id: row.id, status: "RECEIVED" },
      data: {
        status: "VERIFIED",
        verifiedAt: now,
        userId,
        accountId: account.id,
        verification: verification as unknown as Prisma.InputJsonValue,
      },
    });
    if (count === 0) throw new PrivacyStaffError("REQUEST_CHANGED");
    await addEvent(tx, row.id, actor.id, "verified", data.note);
    return {
      result: await tx.privacyRequest.findUniqueOrThrow({ where: { id: row.id } }),
      details: { matched: data.matched, method: "staff", accountId: account.id },
    };
  });
}

export const ZExtendPrivacyRequest = z.object({
  requestId: ZId,
  /** Told to the consumer in the extension notice (§7021(b)). */
  reason: z
    .string({ error: "REASON_TOO_SHORT" })
    .trim()
    .min(10, { error: "REASON_TOO_SHORT" })
    .max(500, { error: "REASON_TOO_LONG" }),
});
export type ExtendPrivacyRequestInput = z.input<typeof ZExtendPrivacyRequest>;

/**
 * §7021(b): one extension of 45 more calendar days, with notice and the reason given within the
 * first 45 days; so never twice, never on a closed request, and never once the deadline has passed.
 */
export async function extendPrivacyRequest(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: ExtendPrivacyRequestInput,
) {
  return workOn(ctx, actor, request, "privacy.request.extended", input.requestId, async (tx, row, now) => {
    const { reason } = ZExtendPrivacyRequest.parse(input);
    requireOpen(row);
    if (OPT_OUT_TYPES.includes(row.type)) throw new PrivacyStaffError("NOT_EXTENDABLE");
    if (row.extendedAt) throw new PrivacyStaffError("ALREADY_EXTENDED");
    if (now.getTime() >= row.dueAt.getTime()) throw new PrivacyStaffError("EXTENSION_TOO_LATE");
    const dueAt = extendedDueAt(row.dueAt, ctx.profile.timeZone);
    const { count } = await tx.privacyRequest.updateMany({
      where: { id: row.id, extendedAt: null, status: { in: [...OPEN_STATUSES] } },
      data: { extendedAt: now, extensionReason: reason, dueAt },
    });
    if (count === 0) throw new PrivacyStaffError("ALREADY_EXTENDED");
    await addEvent(tx, row.id, actor.id, "extended", reason);
    return {
      result: await tx.privacyRequest.findUniqueOrThrow({ where: { id: row.id } }),
      details: { from: row.dueAt.toISOString(), to: dueAt.toISOString() },
    };
  });
}

export const ZDenyPrivacyRequest = z
  .object({
    requestId: ZId,
    reason: z.enum(DENIAL_REASONS, { error: "REASON_REQUIRED" }),
    /** The explanation the consumer is given with the denial (§7022(f), §7023(f), §7024(e)). */
    note: z
      .string()
      .trim()
      .max(1000, { error: "NOTE_TOO_LONG" })
      .nullish()
      .transform((value) => value || null),
  })
  .refine((value) => value.reason !== "other" || value.note !== null, { path: ["note"], error: "NOTE_REQUIRED" });
export type DenyPrivacyRequestInput = z.input<typeof ZDenyPrivacyRequest>;

/**
 * Denies a request with its basis. A know or delete request the job has started (IN_PROGRESS) is
 * no longer staff's to stop; a correction in progress is.
 */
export async function denyPrivacyRequest(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: DenyPrivacyRequestInput,
) {
  return workOn(ctx, actor, request, "privacy.request.denied", input.requestId, async (tx, row, now) => {
    const { reason, note } = ZDenyPrivacyRequest.parse(input);
    requireOpen(row);
    if (!privacyRequestActions(row, now).deny) throw new PrivacyStaffError("DENIAL_NOT_ALLOWED");
    if (reason === "correction_accurate" && row.type !== "CORRECT") throw new PrivacyStaffError("DENIAL_NOT_ALLOWED");
    const { count } = await tx.privacyRequest.updateMany({
      where: { id: row.id, status: row.status },
      data: {
        status: "DENIED",
        outcome: "DENIED",
        denialReason: reason,
        completedAt: now,
        response: { denied: true, reason, ...(note ? { explanation: note } : {}) },
      },
    });
    if (count === 0) throw new PrivacyStaffError("REQUEST_CHANGED");
    await addEvent(tx, row.id, actor.id, "denied", note ? `${reason}: ${note}` : reason);
    return {
      result: await tx.privacyRequest.findUniqueOrThrow({ where: { id: row.id } }),
      details: { reason },
    };
  });
}

function requireCorrectable(row: PrivacyRequest): PrivacyCorrection {
  if (row.type !== "CORRECT") throw new PrivacyStaffError("NOT_A_CORRECTION");
  requireOpen(row);
  // §7060: a correction is made for a verified consumer only.
  if (row.status !== "VERIFIED" && row.status !== "IN_PROGRESS") throw new PrivacyStaffError("NOT_VERIFIED");
  const correction = correctionOf(row.correction);
  if (!correction) throw new PrivacyStaffError("CORRECTION_INVALID");
  return correction;
}

/** Whether the consumer is the account holder, whose name and contact details the account carries. */
async function isAccountHolder(tx: DbTx, row: PrivacyRequest): Promise<boolean> {
  if (!row.accountId) return false;
  if (!row.userId) return true;
  const membership = await tx.membership.findUnique({
    where: { userId_accountId: { userId: row.userId, accountId: row.accountId } },
    select: { role: true },
  });
  return membership?.role === "OWNER";
}

export const ZApplyPrivacyCorrection = z.object({
  requestId: ZId,
  note: z
    .string()
    .trim()
    .max(1000, { error: "NOTE_TOO_LONG" })
    .nullish()
    .transform((value) => value || null),
});
export type ApplyPrivacyCorrectionInput = z.input<typeof ZApplyPrivacyCorrection>;

/**
 * §7023: makes the correction the consumer asked for in our records and completes the request.
 * The contact email on file changes, never the sign-in address (that is the consumer's own
 * change, with its own confirmation). An address is not changed online: it moves service and
 * billing, so staff complete it by hand or deny it.
 */
export async function applyPrivacyCorrection(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: ApplyPrivacyCorrectionInput,
) {
  return workOn(ctx, actor, request, "privacy.request.correction_applied", input.requestId, async (tx, row, now) => {
    const { note } = ZApplyPrivacyCorrection.parse(input);
    const correction = requireCorrectable(row);
    if (correction.field === "address") throw new PrivacyStaffError("ADDRESS_NOT_APPLIED_ONLINE");
    const holder = await isAccountHolder(tx, row);
    const applied: string[] = [];
    if (correction.field === "name") {
      const name = correction.value.trim();
      if (name.length < 1 || name.length > 120) throw new PrivacyStaffError("CORRECTION_INVALID");
      if (!row.userId && !holder) throw new PrivacyStaffError("NO_SUBJECT");
      if (row.userId) {
        await tx.user.update({ where: { id: row.userId }, data: { name } });
        applied.push("User.name");
      }
      if (holder && row.accountId) {
        await tx.serviceAccount.update({ where: { id: row.accountId }, data: { holderName: name } });
        applied.push("ServiceAccount.holderName");
      }
    } else {
      if (!holder || !row.accountId) throw new PrivacyStaffError("NOT_ACCOUNT_HOLDER");
      if (correction.field === "email") {
        const email = z.email().max(254).safeParse(correction.value.trim().toLowerCase());
        if (!email.success) throw new PrivacyStaffError("CORRECTION_INVALID");
        await tx.serviceAccount.update({ where: { id: row.accountId }, data: { emailOnFile: email.data } });
        applied.push("ServiceAccount.emailOnFile");
      } else {
        const phone = normalizeUsPhone(correction.value.trim());
        if (!phone) throw new PrivacyStaffError("CORRECTION_INVALID");
        await tx.serviceAccount.update({ where: { id: row.accountId }, data: { phoneOnFile: phone } });
        applied.push("ServiceAccount.phoneOnFile");
      }
    }
    const { count } = await tx.privacyRequest.updateMany({
      where: { id: row.id, status: row.status },
      data: {
        status: "COMPLETED",
        outcome: "COMPLIED",
        completedAt: now,
        response: { corrected: correction.field, ...(note ? { explanation: note } : {}) },
      },
    });
    if (count === 0) throw new PrivacyStaffError("REQUEST_CHANGED");
    await addEvent(tx, row.id, actor.id, "correction_applied", correction.field);
    await addEvent(tx, row.id, actor.id, "completed", note);
    return {
      result: await tx.privacyRequest.findUniqueOrThrow({ where: { id: row.id } }),
      details: { field: correction.field, applied },
    };
  });
}

export const ZCompletePrivacyCorrection = z.object({
  requestId: ZId,
  outcome: z.enum(["COMPLIED", "COMPLIED_IN_PART"], { error: "OUTCOME_REQUIRED" }),
  /** What was done, told to the consumer (§7023(f): what was corrected and what was not, and why). */
  note: ZNote(10, 1000),
});
export type CompletePrivacyCorrectionInput = z.input<typeof ZCompletePrivacyCorrection>;

/** Completes a correction handled outside the portal (an address change), saying what was done. */
export async function completePrivacyCorrection(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  input: CompletePrivacyCorrectionInput,
) {
  return workOn(ctx, actor, request, "privacy.request.completed", input.requestId, async (tx, row, now) => {
    const { outcome, note } = ZCompletePrivacyCorrection.parse(input);
    requireCorrectable(row);
    const { count } = await tx.privacyRequest.updateMany({
      where: { id: row.id, status: row.status },
      data: { status: "COMPLETED", outcome, completedAt: now, response: { explanation: note } },
    });
    if (count === 0) throw new PrivacyStaffError("REQUEST_CHANGED");
    await addEvent(tx, row.id, actor.id, "completed", note);
    return { result: await tx.privacyRequest.findUniqueOrThrow({ where: { id: row.id } }), details: { outcome } };
  });
}

// ---------------------------------------------------------------------------------------------
// §7102 metrics and the agent's permission

export const ZMetricsYear = z.coerce.number().int().min(2020).max(2100);

/** §7102(a): the calendar year's figures per request type, counted in the provider's time zone. */
export async function getPrivacyMetrics(ctx: Ctx, actor: Pick<Actor, "staffRole">, year: number) {
  requirePrivacyStaff(actor);
  const parsedYear = ZMetricsYear.parse(year);
  // A day either side, so a request received on New Year's Eve or Day anywhere is seen; the
  // metrics keep only those whose local date falls in the year.
  const rows = await ctx.db.privacyRequest.findMany({
    where: {
      receivedAt: {
        gte: new Date(Date.UTC(parsedYear - 1, 11, 31)),
        lt: new Date(Date.UTC(parsedYear + 1, 0, 2)),
      },
    },
    select: { type: true, receivedAt: true, completedAt: true, outcome: true, denialReason: true },
  });
  return {
    year: parsedYear,
    timeZone: ctx.profile.timeZone,
    metrics: privacyMetrics(rows, parsedYear, ctx.profile.timeZone),
  };
}

/** The agent's signed permission, for the officer to read (§7063(a)); each download is audited. */
export async function privacyUploadForStaff(
  ctx: Ctx,
  actor: StaffActor,
  request: RequestContext,
  uploadId: string,
): Promise<{ fileName: string; mediaType: string; content: Uint8Array }> {
  if (!canWorkPrivacy(actor)) await refuse(ctx, request, "privacy.upload.downloaded", uploadId);
  requireStepUp(actor, ctx.now());
  if (!ZId.safeParse(uploadId).success) throw new PrivacyStaffError("UPLOAD_NOT_FOUND");
  const upload = await ctx.db.privacyUpload.findUnique({
    where: { id: uploadId },
    include: { request: { select: { reference: true, accountId: true } } },
  });
  if (!upload) throw new PrivacyStaffError("UPLOAD_NOT_FOUND");
  await recordAuditEvent(ctx.db, request, {
    action: "privacy.upload.downloaded",
    outcome: "SUCCESS",
    accountId: upload.request.accountId,
    target: upload.request.reference,
    details: { uploadId: upload.id, sha256: upload.sha256 },
  });
  return { fileName: upload.storedName, mediaType: upload.mediaType, content: new Uint8Array(upload.content) };
}
