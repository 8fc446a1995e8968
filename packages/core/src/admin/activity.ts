import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { type AuditOutcome, Prisma } from "@homeport/db";
import { z } from "zod";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { isStorableInstant } from "../storable.ts";
import { requirePermission } from "./permissions.ts";

/**
 * The activity review: the whole audit log, filtered, newest first. Pages are keyset pages (the
 * cursor is the last row's (occurredAt, id)), so the thousandth page costs what the first does.
 */

export const ACTIVITY_OUTCOMES = ["SUCCESS", "FAILURE", "DENIED"] as const satisfies readonly AuditOutcome[];
export const ACTIVITY_PAGE_DEFAULT = 50;
export const ACTIVITY_PAGE_MAX = 200;
export const ACTIVITY_EXPORT_MAX_ROWS = 50_000;

type Ctx = Pick<CoreContext, "db" | "now">;
export type ActivityActor = Pick<Actor, "id" | "staffRole"> & Partial<Pick<Actor, "sessionId">>;

export interface ActivityCursor {
  occurredAt: Date;
  id: bigint;
}

/**
 * The cursor is opaque to the browser but not a secret: it names a position, and the filters are
 * applied again on every page. The check digest only catches edited or truncated cursors early.
 */
function cursorDigest(payload: string): string {
  return createHash("sha256").update(`homeport-activity-cursor:${payload}`).digest("base64url").slice(0, 12);
}

export function encodeActivityCursor(cursor: ActivityCursor): string {
  const payload = `${cursor.occurredAt.getTime()}.${cursor.id}`;
  return `${Buffer.from(payload, "utf8").toString("base64url")}.${cursorDigest(payload)}`;
}

const ZCursor = z
  .string()
  .max(120)
  .transform((value, context): ActivityCursor => {
    const invalid = () => {
      context.addIssue({ code: "custom", message: "CURSOR_INVALID" });
      return z.NEVER;
    };
    const match = /^([A-Za-z0-9_-]{1,80})\.([A-Za-z0-9_-]{12})$/.exec(value);
    if (!match) return invalid();
    const payload = Buffer.from(match[1]!, "base64url").toString("utf8");
    // Re-encoding must give the same text: base64 has more than one spelling of some payloads.
    if (Buffer.from(payload, "utf8").toString("base64url") !== match[1] || cursorDigest(payload) !== match[2]) {
      return invalid();
    }
    const parts = /^(\d{1,15})\.([1-9]\d{0,18})$/.exec(payload);
    if (!parts) return invalid();
    const occurredAt = new Date(Number(parts[1]));
    const id = BigInt(parts[2]!);
    if (Number.isNaN(occurredAt.getTime()) || id > 9_223_372_036_854_775_807n) return invalid();
    return { occurredAt, id };
  });

/** A GET form sends every field; an empty one means "any". */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const ZAccountRef = z
  .string()
  .trim()
  .max(64)
  .transform((value, context) => {
    if (z.uuid().safeParse(value).success) return { id: value.toLowerCase() };
    // Account numbers are printed in groups ("8352 1000 1234 5678") and read out over the phone.
    const digits = value.replace(/[\s-]/g, "");
    if (/^\d{6,20}$/.test(digits)) return { accountNumber: digits };
    context.addIssue({ code: "custom", message: "ACCOUNT_INVALID" });
    return z.NEVER;
  });

const ZActorRef = z
  .string()
  .trim()
  .max(254)
  .transform((value, context) => {
    if (z.uuid().safeParse(value).success) return { id: value.toLowerCase() };
    if (z.email().safeParse(value).success) return { email: value.toLowerCase() };
    context.addIssue({ code: "custom", message: "ACTOR_INVALID" });
    return z.NEVER;
  });

/** "privacy." or "privacy.*" is every privacy action; anything else is one exact action. */
const ZActionRef = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+\*?$/, "ACTION_INVALID")
  .transform((value): { exact: string; prefix?: undefined } | { prefix: string; exact?: undefined } =>
    value.endsWith("*") || value.endsWith(".") ? { prefix: value.replace(/\*$/, "") } : { exact: value },
  );

const ZInstant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine(isStorableInstant, "INSTANT_INVALID");

export const ZActivityFilter = z
  .object({
    accountId: optional(ZAccountRef),
    actor: optional(ZActorRef),
    action: optional(ZActionRef),
    outcome: optional(z.enum(ACTIVITY_OUTCOMES)),
    ip: optional(
      z
        .string()
        .trim()
        .max(64)
        .regex(/^[0-9A-Fa-f.:]+$/, "IP_INVALID"),
    ),
    from: optional(ZInstant),
    to: optional(ZInstant),
    /** The `nextCursor` of the previous page. */
    cursor: optional(ZCursor),
    limit: z.preprocess(blank, z.coerce.number().int().min(1).max(ACTIVITY_PAGE_MAX).default(ACTIVITY_PAGE_DEFAULT)),
  })
  // Runs even when a date above failed its own check (zod goes on to collect every issue), so it
  // looks at the two dates only when both were read.
  .refine((filter) => !(filter.from instanceof Date) || !(filter.to instanceof Date) || filter.from <= filter.to, {
    message: "RANGE_INVALID",
    path: ["to"],
  });

/** What callers pass: text as it comes from a form or URL, checked by ZActivityFilter. */
export interface ActivityFilterInput {
  /** A service account's id, or its account number (spaces and dashes allowed). */
  accountId?: string;
  /** A user's id or email address. */
  actor?: string;
  /** One action ("identity.sign_in"), or a prefix ending in "." or "*" ("privacy."). */
  action?: string;
  outcome?: string;
  ip?: string;
  /** ISO 8601 instants with an offset, inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number | string;
}
export type ActivityFilter = z.output<typeof ZActivityFilter>;

export interface ActivityEvent {
  /** The audit row's id as text (a 64-bit sequence). */
  id: string;
  occurredAt: Date;
  action: string;
  outcome: AuditOutcome;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
  details: Prisma.JsonValue | null;
  actor: { id: string; name: string; email: string } | null;
  account: { id: string; accountNumber: string; holderName: string } | null;
}

export interface ActivityPage {
  events: ActivityEvent[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface AuditRow {
  id: bigint;
  occurredAt: Date;
  actorUserId: string | null;
  accountId: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
  details: Prisma.JsonValue | null;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function requestOf(actor: ActivityActor): RequestContext {
  return { actorUserId: actor.id, sessionId: actor.sessionId ?? null };
}

/**
 * The WHERE clause for the filters, or null when a named account or actor does not exist (then
 * nothing can match and no scan is needed).
 */
async function whereFor(ctx: Ctx, filter: ActivityFilter): Promise<Prisma.Sql[] | null> {
  const conditions: Prisma.Sql[] = [];
  if (filter.accountId) {
    let accountId = "id" in filter.accountId ? filter.accountId.id : null;
    if ("accountNumber" in filter.accountId) {
      const account = await ctx.db.serviceAccount.findUnique({
        where: { accountNumber: filter.accountId.accountNumber },
        select: { id: true },
      });
      if (!account) return null;
      accountId = account.id;
    }
    conditions.push(Prisma.sql`"accountId" = ${accountId}::uuid`);
  }
  if (filter.actor) {
    let userId = "id" in filter.actor ? filter.actor.id : null;
    if ("email" in filter.actor) {
      // Addresses are stored lower-cased (identity/schemas), so the unique index answers this.
      const user = await ctx.db.user.findUnique({ where: { email: filter.actor.email }, select: { id: true } });
      if (!user) return null;
      userId = user.id;
    }
    conditions.push(Prisma.sql`"actorUserId" = ${userId}::uuid`);
  }
  if (filter.action) {
    conditions.push(
      filter.action.exact !== undefined
        ? Prisma.sql`"action" = ${filter.action.exact}`
        : Prisma.sql`"action" LIKE ${`${escapeLike(filter.action.prefix)}%`}`,
    );
  }
  if (filter.outcome) conditions.push(Prisma.sql`"outcome" = ${filter.outcome}::"AuditOutcome"`);
  if (filter.ip) conditions.push(Prisma.sql`"ip" = ${filter.ip}`);
  if (filter.from) conditions.push(Prisma.sql`"occurredAt" >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`"occurredAt" <= ${filter.to}`);
  return conditions;
}

/** One keyset page: rows strictly older than the cursor, in (occurredAt, id) order, newest first. */
async function fetchRows(ctx: Ctx, where: Prisma.Sql[], cursor: ActivityCursor | undefined, limit: number) {
  const conditions = [...where];
  if (cursor) {
    // The row comparison is the keyset condition; the plain bound on occurredAt lets the planner
    // start the (…, occurredAt DESC) index scan at the cursor instead of filtering from the top.
    conditions.push(
      Prisma.sql`("occurredAt", "id") < (${cursor.occurredAt}, ${cursor.id})`,
      Prisma.sql`"occurredAt" <= ${cursor.occurredAt}`,
    );
  }
  const whereSql = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  return ctx.db.$queryRaw<AuditRow[]>`
    SELECT "id", "occurredAt", "actorUserId", "accountId", "action", "target", "outcome", "ip", "userAgent",
           "sessionId", "details"
    FROM "AuditEvent"
    ${whereSql}
    ORDER BY "occurredAt" DESC, "id" DESC
    LIMIT ${limit}`;
}

/** Names for the page's actors and account numbers: one query each, whatever the page size. */
async function withNames(ctx: Ctx, rows: AuditRow[]): Promise<ActivityEvent[]> {
  const userIds = [...new Set(rows.map((row) => row.actorUserId).filter((id): id is string => id !== null))];
  const accountIds = [...new Set(rows.map((row) => row.accountId).filter((id): id is string => id !== null))];
  const [users, accounts] = await Promise.all([
    userIds.length > 0
      ? ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })
      : [],
    accountIds.length > 0
      ? ctx.db.serviceAccount.findMany({
          where: { id: { in: accountIds } },
          select: { id: true, accountNumber: true, holderName: true },
        })
      : [],
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const accountById = new Map(accounts.map((account) => [account.id, account]));
  return rows.map((row) => ({
    id: String(row.id),
    occurredAt: row.occurredAt,
    action: row.action,
    outcome: row.outcome,
    target: row.target,
    ip: row.ip,
    userAgent: row.userAgent,
    sessionId: row.sessionId,
    details: row.details,
    actor: row.actorUserId ? (userById.get(row.actorUserId) ?? null) : null,
    account: row.accountId ? (accountById.get(row.accountId) ?? null) : null,
  }));
}

async function page(ctx: Ctx, filter: ActivityFilter, where: Prisma.Sql[] | null, cursor?: ActivityCursor) {
  if (where === null) return { events: [], nextCursor: null, last: undefined };
  // One row more than asked tells whether an older page exists without a count.
  const rows = await fetchRows(ctx, where, cursor, filter.limit + 1);
  const more = rows.length > filter.limit;
  const shown = more ? rows.slice(0, filter.limit) : rows;
  const last = shown.at(-1);
  return {
    events: await withNames(ctx, shown),
    nextCursor: more && last ? encodeActivityCursor(last) : null,
    last: more && last ? { occurredAt: last.occurredAt, id: last.id } : undefined,
  };
}

/**
 * Searches the audit log for staff with VIEW_ACTIVITY. Throws a ZodError for a bad filter or an
 * edited cursor, and IdentityError NOT_ALLOWED (recorded) for anyone else.
 */
export async function searchActivity(
  ctx: Ctx,
  actor: ActivityActor,
  input: ActivityFilterInput,
  request: RequestContext = requestOf(actor),
): Promise<ActivityPage> {
  await requirePermission(ctx.db, actor, request, "VIEW_ACTIVITY");
  const filter = ZActivityFilter.parse(input);
  const { events, nextCursor } = await page(ctx, filter, await whereFor(ctx, filter), filter.cursor);
  return { events, nextCursor };
}

/** Column headings of the CSV export, in order. */
export const ACTIVITY_CSV_HEADER = [
  "occurred_at",
  "actor_email",
  "actor_name",
  "action",
  "outcome",
  "account_number",
  "account_holder",
  "ip",
  "target",
  "session_id",
  "user_agent",
  "details",
  "event_id",
] as const;

/**
 * RFC 4180 §2 quoting, after neutralising text a spreadsheet would run as a formula (CSV
 * injection): a leading = + - @ (or tab / carriage return) gets a ' in front.
 */
export function activityCsvField(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(fields: (string | null | undefined)[]): string {
  return `${fields.map(activityCsvField).join(",")}\r\n`;
}

function csvRow(event: ActivityEvent): string {
  return csvLine([
    event.occurredAt.toISOString(),
    event.actor?.email,
    event.actor?.name,
    event.action,
    event.outcome,
    event.account?.accountNumber,
    event.account?.holderName,
    event.ip,
    event.target,
    event.sessionId,
    event.userAgent,
    event.details === null ? "" : JSON.stringify(event.details),
    event.id,
  ]);
}

/** The filter as recorded in the export's audit event: what was asked, never a cursor. */
function filterForAudit(filter: ActivityFilter): Prisma.InputJsonObject {
  const recorded: Record<string, string> = {};
  if (filter.accountId) recorded.account = filter.accountId.id ?? filter.accountId.accountNumber ?? "";
  if (filter.actor) recorded.actor = filter.actor.id ?? filter.actor.email ?? "";
  if (filter.action) recorded.action = filter.action.exact ?? `${filter.action.prefix}*`;
  if (filter.outcome) recorded.outcome = filter.outcome;
  if (filter.ip) recorded.ip = filter.ip;
  if (filter.from) recorded.from = filter.from.toISOString();
  if (filter.to) recorded.to = filter.to.toISOString();
  return recorded;
}

const EXPORT_BATCH = 1_000;

/**
 * The filtered log as CSV (header first, CRLF lines), newest first, at most `maxRows` rows. The
 * permission check and the "admin.activity.exported" record happen before anything is returned,
 * so a download that is refused, or abandoned half way, is still on record. The cursor of the
 * filter, if any, is where the export starts.
 */
export async function exportActivityCsv(
  ctx: Ctx,
  actor: ActivityActor,
  input: ActivityFilterInput,
  maxRows: number = ACTIVITY_EXPORT_MAX_ROWS,
  request: RequestContext = requestOf(actor),
): Promise<AsyncIterable<string>> {
  await requirePermission(ctx.db, actor, request, "VIEW_ACTIVITY");
  const { limit: _limit, ...rest } = input;
  const filter = ZActivityFilter.parse({ ...rest, limit: ACTIVITY_PAGE_MAX });
  const where = await whereFor(ctx, filter);
  // An id that names no account is still a filter (it finds nothing); the record keeps it in its
  // details, and links the event to the account only when there is one.
  const filteredId = filter.accountId && "id" in filter.accountId ? filter.accountId.id : null;
  const accountExists = filteredId ? (await ctx.db.serviceAccount.count({ where: { id: filteredId } })) > 0 : false;
  await recordAuditEvent(ctx.db, request, {
    action: "admin.activity.exported",
    outcome: "SUCCESS",
    accountId: accountExists ? filteredId : null,
    details: { filter: filterForAudit(filter), maxRows },
  });
  const batch = { ...filter, limit: Math.min(EXPORT_BATCH, Math.max(1, maxRows)) };
  return (async function* rows() {
    yield csvLine([...ACTIVITY_CSV_HEADER]);
    let cursor = filter.cursor;
    let written = 0;
    while (written < maxRows) {
      const next = await page(ctx, { ...batch, limit: Math.min(batch.limit, maxRows - written) }, where, cursor);
      yield next.events.map(csvRow).join("");
      written += next.events.length;
      if (!next.last) return;
      cursor = next.last;
    }
  })();
}

/** Drains an export into one string (tests, small downloads). */
export async function collectCsv(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

/**
 * A one-line reading of an event's details for the table ("permission: VIEW_ACTIVITY, role: …"),
 * cut at `maxLength`; the CSV carries the full JSON.
 */
export function summariseDetails(details: Prisma.JsonValue | null, maxLength = 120): string {
  if (details === null || details === undefined) return "";
  const text =
    typeof details === "object" && !Array.isArray(details)
      ? Object.entries(details)
          .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
          .join(", ")
      : typeof details === "string"
        ? details
        : JSON.stringify(details);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** The query-string fields the activity page and its CSV link share. */
export const ACTIVITY_QUERY_FIELDS = ["accountId", "actor", "action", "outcome", "ip", "from", "to"] as const;
export type ActivityQuery = Partial<Record<(typeof ACTIVITY_QUERY_FIELDS)[number] | "cursor", string | undefined>>;

/**
 * A `datetime-local` value ("2026-03-10T09:30") read as wall time in `timeZone`, as an ISO instant.
 * Anything else is passed on unchanged, for the filter to accept (an ISO instant) or reject.
 */
export function localTimeToIso(value: string | undefined, timeZone: string): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return value;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const local = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  // Date rolls 2026-02-31 over to March; a day that does not exist is not a date.
  if (local.getFullYear() !== y || local.getMonth() !== mo - 1 || local.getDate() !== d) return value;
  return new Date(local.getTime()).toISOString();
}

/** The page's query string as a filter: times are the staff member's wall time in `timeZone`. */
export function activityFilterFromQuery(query: ActivityQuery, timeZone: string): ActivityFilterInput {
  return {
    accountId: query.accountId,
    actor: query.actor,
    action: query.action,
    outcome: query.outcome,
    ip: query.ip,
    from: localTimeToIso(query.from, timeZone),
    to: localTimeToIso(query.to, timeZone),
    cursor: query.cursor,
  };
}
