import type {
  AccountStatus,
  AuditOutcome,
  MailboxStatus,
  MembershipRole,
  PaymentStatus,
  PrivacyRequestStatus,
  PrivacyRequestType,
} from "@homeport/db";
import { Prisma } from "@homeport/db";
import { z } from "zod";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import { type CalendarDate, calendarDateAt, fromDbDate, toDbDate } from "../billing/calendar.ts";
import { getBillingSummary } from "../billing/summary.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { describeDevice } from "../identity/describe-device.ts";
import { sessionState } from "../identity/session-policy.ts";
import { ZId } from "../ids.ts";
import { requirePermission } from "./permissions.ts";

/**
 * Account lookup and the read-only account view for staff. Opening an account needs a reason,
 * recorded with the access ("reason-for-access"); the record is what a later review of who looked
 * at a subscriber's data reads.
 */

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;
export type AdminActor = Pick<Actor, "id" | "staffRole"> & Partial<Pick<Actor, "sessionId">>;

export const ACCOUNT_SEARCH_LIMIT = 25;
/** How long one recorded reason covers further views of the same account by the same person. */
export const ACCESS_WINDOW_MS = 30 * 60 * 1000;
export const ACCOUNT_VIEWED_ACTION = "admin.account.viewed";

export type AdminAccountErrorCode = "ACCOUNT_NOT_FOUND" | "ACCESS_EXPIRED";

export class AdminAccountError extends Error {
  override name = "AdminAccountError";
  constructor(readonly code: AdminAccountErrorCode) {
    super(code);
  }
}

function requestOf(actor: AdminActor, request?: RequestContext): RequestContext {
  return { ...request, actorUserId: actor.id, sessionId: actor.sessionId ?? request?.sessionId ?? null };
}

// ---------------------------------------------------------------------------------------------
// Lookup

export const ZAccountSearch = z.object({
  q: z.string().trim().min(2, "QUERY_TOO_SHORT").max(100, "QUERY_TOO_LONG"),
});
export type TAccountSearch = z.input<typeof ZAccountSearch>;

export const MATCH_KINDS = ["accountNumber", "holderName", "userName", "email", "phone", "address"] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export interface AccountSearchResult {
  id: string;
  accountNumber: string;
  holderName: string;
  addressLine1: string;
  city: string;
  state: string;
  zip: string;
  status: AccountStatus;
  lockedAt: Date | null;
  /** What the query matched on this account, in MATCH_KINDS order. */
  matched: MatchKind[];
}

export interface AccountSearchPage {
  results: AccountSearchResult[];
  /** More accounts matched than are shown: the agent should narrow the query. */
  truncated: boolean;
}

/**
 * Accents folded the same way on both sides: JavaScript's NFD strips them from the query, and SQL's
 * translate() strips the Latin-1 and Latin Extended-A letters found in names and street names (the
 * unaccent extension is not available on the embedded database).
 */
const ACCENTED = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčÈÉÊËèéêëĒēĘęĚěÌÍÎÏìíîïĪīÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőÙÚÛÜùúûüŪūŮůŰűÝýÿŠšŽžŁł";
const PLAIN = "AAAAAAaaaaaaAaAaAaCcCcCcEEEEeeeeEeEeEeIIIIiiiiIiNnNnNnOOOOOOooooooOoOoUUUUuuuuUuUuUuYyySsZzLl";

export function foldText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").replace(/[łŁ]/g, "l").replace(/[øØ]/g, "o").toLowerCase();
}

function foldSql(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`lower(translate(${column}, ${ACCENTED}, ${PLAIN}))`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The query read as digits, when it is one (an account number, a phone number, a ZIP). */
function digitsOf(query: string): string | null {
  const stripped = query.replace(/[\s().+-]/g, "");
  return /^\d+$/.test(stripped) ? stripped : null;
}

/**
 * Finds accounts by account number (a prefix of its digits), holder or household user name (any
 * part, ignoring case and accents), email (a user's sign-in email or the email on file), phone (the
 * last 4 or more digits), or service address (street, city or ZIP). At most 25, with what matched.
 *
 * Each way of matching is its own branch of one statement, so the account-number branch is a range
 * scan of its unique index (account numbers are digits, so every number starting with the prefix
 * sorts below prefix || ':'); a ZIP is a prefix test on its index. Names, emails and streets are
 * "contains" tests on folded text, which scan: they become index scans once trigram indexes exist.
 */
export async function searchAccounts(
  ctx: Ctx,
  actor: AdminActor,
  query: TAccountSearch | string,
  request?: RequestContext,
): Promise<AccountSearchPage> {
  const audit = requestOf(actor, request);
  await requirePermission(ctx.db, actor, audit, "VIEW_ACCOUNTS");
  const { q } = ZAccountSearch.parse(typeof query === "string" ? { q: query } : query);

  const folded = foldText(q);
  const tokens = folded.split(/\s+/).filter(Boolean).slice(0, 6);
  const digits = digitsOf(q);
  const lowered = q.toLowerCase();
  const branches: Prisma.Sql[] = [];

  if (digits && digits.length >= 4) {
    branches.push(Prisma.sql`
      SELECT a."id", 'accountNumber' AS kind, (a."accountNumber" = ${digits}) AS exact
      FROM "ServiceAccount" a
      WHERE a."accountNumber" >= ${digits} AND a."accountNumber" < ${`${digits}:`}`);
    branches.push(Prisma.sql`
      SELECT a."id", 'phone' AS kind, false AS exact
      FROM "ServiceAccount" a
      WHERE a."phoneOnFile" IS NOT NULL
        AND regexp_replace(a."phoneOnFile", '[^0-9]', '', 'g') LIKE ${`%${digits}`}`);
  }

  const nameMatches = (column: Prisma.Sql) =>
    Prisma.join(
      tokens.map((token) => Prisma.sql`${foldSql(column)} LIKE ${`%${escapeLike(token)}%`}`),
      " AND ",
    );
  if (!digits && tokens.length > 0) {
    branches.push(Prisma.sql`
      SELECT a."id", 'holderName' AS kind, false AS exact
      FROM "ServiceAccount" a
      WHERE ${nameMatches(Prisma.sql`a."holderName"`)}`);
    branches.push(Prisma.sql`
      SELECT m."accountId" AS "id", 'userName' AS kind, false AS exact
      FROM "User" u JOIN "Membership" m ON m."userId" = u."id"
      WHERE ${nameMatches(Prisma.sql`u."name"`)}`);
  }

  if (!/\s/.test(lowered) && lowered.length >= 3 && !digits) {
    const contains = `%${escapeLike(lowered)}%`;
    // Sign-in emails are stored lower case, so the column is compared as it is.
    branches.push(Prisma.sql`
      SELECT m."accountId" AS "id", 'email' AS kind, (u."email" = ${lowered}) AS exact
      FROM "User" u JOIN "Membership" m ON m."userId" = u."id"
      WHERE u."email" LIKE ${contains}`);
    branches.push(Prisma.sql`
      SELECT a."id", 'email' AS kind, (lower(a."emailOnFile") = ${lowered}) AS exact
      FROM "ServiceAccount" a
      WHERE a."emailOnFile" IS NOT NULL AND lower(a."emailOnFile") LIKE ${contains}`);
  }

  if (tokens.length > 0) {
    const address = Prisma.sql`(a."addressLine1" || ' ' || coalesce(a."addressLine2", '') || ' ' || a."city" || ' ' || a."zip")`;
    branches.push(Prisma.sql`
      SELECT a."id", 'address' AS kind, false AS exact
      FROM "ServiceAccount" a
      WHERE ${
        digits && digits.length === 5
          ? Prisma.sql`a."zip" LIKE ${`${digits}%`} OR a."addressLine1" LIKE ${`${digits} %`}`
          : nameMatches(address)
      }`);
  }

  if (branches.length === 0) return { results: [], truncated: false };

  const rows = await ctx.db.$queryRaw<(Omit<AccountSearchResult, "matched"> & { matched: string[] })[]>`
    WITH hits AS (${Prisma.join(branches, " UNION ALL ")})
    SELECT a."id", a."accountNumber", a."holderName", a."addressLine1", a."city", a."state", a."zip",
           a."status", a."lockedAt", array_agg(DISTINCT h.kind) AS matched
    FROM hits h JOIN "ServiceAccount" a ON a."id" = h."id"
    GROUP BY a."id"
    ORDER BY bool_or(h.exact) DESC, count(DISTINCT h.kind) DESC, a."holderName" ASC, a."accountNumber" ASC
    LIMIT ${ACCOUNT_SEARCH_LIMIT + 1}`;

  await recordAuditEvent(ctx.db, audit, {
    action: "admin.account.search",
    outcome: "SUCCESS",
    details: { query: q, results: Math.min(rows.length, ACCOUNT_SEARCH_LIMIT) },
  });

  return {
    results: rows.slice(0, ACCOUNT_SEARCH_LIMIT).map((row) => ({
      ...row,
      state: row.state.trim(),
      matched: MATCH_KINDS.filter((kind) => row.matched.includes(kind)),
    })),
    truncated: rows.length > ACCOUNT_SEARCH_LIMIT,
  };
}

// ---------------------------------------------------------------------------------------------
// The account view

export const ZOpenAccount = z
  .object({
    accountId: ZId,
    /** Why the staff member opens the account, in their words. */
    reason: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.string().trim().min(10, "REASON_TOO_SHORT").max(300, "REASON_TOO_LONG").optional(),
    ),
    /** The audit event id of an access recorded in the last 30 minutes (the page's ?access=). */
    access: z
      .string()
      .regex(/^[1-9]\d{0,18}$/, "ACCESS_INVALID")
      .optional(),
  })
  .refine((input) => input.reason !== undefined || input.access !== undefined, {
    message: "REASON_REQUIRED",
    path: ["reason"],
  });
export type TOpenAccount = z.input<typeof ZOpenAccount>;

export interface AccountView {
  account: {
    id: string;
    accountNumber: string;
    holderName: string;
    addressLine1: string;
    addressLine2: string | null;
    city: string;
    state: string;
    zip: string;
    timeZone: string;
    status: AccountStatus;
    phoneOnFile: string | null;
    emailOnFile: string | null;
    lockedAt: Date | null;
    lockReason: string | null;
    createdAt: Date;
  };
  services: {
    id: string;
    planName: string;
    kind: string;
    priceCents: number;
    promoCents: number | null;
    promoEndsOn: CalendarDate | null;
    startedOn: CalendarDate;
  }[];
  balance: {
    currency: string;
    balanceCents: number;
    pastDueCents: number;
    inFlightCents: number;
    dueOn: CalendarDate | null;
    autopay: boolean;
    paperless: boolean;
  };
  /** The last 5 payments; a card is only ever its brand and last 4 digits. */
  payments: { id: string; amountCents: number; createdAt: Date; status: PaymentStatus; brand: string; last4: string }[];
  users: {
    id: string;
    name: string;
    email: string;
    role: MembershipRole;
    emailVerified: boolean;
    twoFactorEnabled: boolean;
    disabled: boolean;
    isStaff: boolean;
    sessions: {
      id: string;
      browser: string | null;
      os: string | null;
      ip: string | null;
      createdAt: Date;
      lastSeenAt: Date;
      mfa: boolean;
    }[];
  }[];
  mailboxes: { id: string; address: string; status: MailboxStatus; primary: boolean }[];
  privacyRequests: {
    id: string;
    reference: string;
    type: PrivacyRequestType;
    status: PrivacyRequestStatus;
    dueAt: Date;
  }[];
  activity: {
    id: string;
    occurredAt: Date;
    action: string;
    outcome: AuditOutcome;
    ip: string | null;
    actor: { id: string; name: string; staff: boolean } | null;
  }[];
}

export interface OpenedAccount {
  /** The audit event that records this access and its reason; the page keeps it as ?access=. */
  accessId: string;
  reason: string;
  accessExpiresAt: Date;
  /** This view reused an access recorded earlier instead of recording a new reason. */
  reused: boolean;
  view: AccountView;
}

const OPEN_PRIVACY_STATUSES: PrivacyRequestStatus[] = ["RECEIVED", "VERIFIED", "IN_PROGRESS"];

/**
 * The read-only account view. With a reason it records "admin.account.viewed" (the access and its
 * reason) and returns the view; with `access` it checks that event is this staff member's, for this
 * account, and under 30 minutes old, and returns the view without asking again, so a reload or an
 * action's redirect does not make the agent retype the reason.
 */
export async function openAccount(
  ctx: Ctx,
  actor: AdminActor,
  request: RequestContext,
  input: TOpenAccount,
): Promise<OpenedAccount> {
  const audit = requestOf(actor, request);
  await requirePermission(ctx.db, actor, audit, "VIEW_ACCOUNTS");
  const { accountId, reason, access } = ZOpenAccount.parse(input);
  const now = ctx.now();

  const exists = await ctx.db.serviceAccount.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!exists) throw new AdminAccountError("ACCOUNT_NOT_FOUND");

  let granted: { id: bigint; occurredAt: Date; reason: string } | null = null;
  let reused = false;
  if (reason === undefined && access !== undefined) {
    const event = await ctx.db.auditEvent.findFirst({
      where: {
        id: BigInt(access),
        action: ACCOUNT_VIEWED_ACTION,
        outcome: "SUCCESS",
        actorUserId: actor.id,
        accountId,
        occurredAt: { gt: new Date(now.getTime() - ACCESS_WINDOW_MS) },
      },
      select: { id: true, occurredAt: true, details: true },
    });
    if (!event) throw new AdminAccountError("ACCESS_EXPIRED");
    const details = event.details as { reason?: unknown } | null;
    granted = { id: event.id, occurredAt: event.occurredAt, reason: String(details?.reason ?? "") };
    reused = true;
  } else if (reason !== undefined) {
    const event = await recordAuditEvent(ctx.db, audit, {
      action: ACCOUNT_VIEWED_ACTION,
      outcome: "SUCCESS",
      accountId,
      target: accountId,
      details: { reason },
    });
    granted = { id: event.id, occurredAt: event.occurredAt, reason };
  }
  if (!granted) throw new AdminAccountError("ACCESS_EXPIRED");

  return {
    accessId: granted.id.toString(),
    reason: granted.reason,
    accessExpiresAt: new Date(granted.occurredAt.getTime() + ACCESS_WINDOW_MS),
    reused,
    view: await readAccountView(ctx, accountId, now),
  };
}

async function readAccountView(ctx: Ctx, accountId: string, now: Date): Promise<AccountView> {
  const { db } = ctx;
  const account = await db.serviceAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      id: true,
      accountNumber: true,
      holderName: true,
      addressLine1: true,
      addressLine2: true,
      city: true,
      state: true,
      zip: true,
      timeZone: true,
      status: true,
      phoneOnFile: true,
      emailOnFile: true,
      lockedAt: true,
      lockReason: true,
      createdAt: true,
    },
  });
  const today = toDbDate(calendarDateAt(now, account.timeZone));

  const [subscriptions, summary, payments, memberships, mailboxes, events] = await Promise.all([
    db.subscription.findMany({
      where: { accountId, OR: [{ endedOn: null }, { endedOn: { gt: today } }] },
      orderBy: [{ startedOn: "asc" }, { id: "asc" }],
      select: {
        id: true,
        priceCents: true,
        promoCents: true,
        promoEndsOn: true,
        startedOn: true,
        plan: { select: { name: true, kind: true } },
      },
    }),
    // The same figures the subscriber's billing overview shows.
    getBillingSummary(db, accountId, now, ctx.profile.billing),
    db.payment.findMany({
      where: { accountId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 5,
      select: { id: true, amountCents: true, createdAt: true, status: true, methodBrand: true, methodLast4: true },
    }),
    db.membership.findMany({
      where: { accountId },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      select: {
        role: true,
        user: {
          select: {
            id: true,
            name: true,
            email: true,
            emailVerifiedAt: true,
            totpEnabledAt: true,
            disabledAt: true,
            staffRole: true,
            sessions: {
              where: { revokedAt: null, expiresAt: { gt: now } },
              orderBy: { lastSeenAt: "desc" },
              take: 20,
              select: {
                id: true,
                userAgent: true,
                ip: true,
                createdAt: true,
                lastSeenAt: true,
                expiresAt: true,
                revokedAt: true,
                mfa: true,
              },
            },
          },
        },
      },
    }),
    db.mailbox.findMany({
      where: { accountId },
      orderBy: [{ primary: "desc" }, { address: "asc" }],
      select: { id: true, address: true, status: true, primary: true },
    }),
    db.auditEvent.findMany({
      where: { accountId },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 20,
      select: {
        id: true,
        occurredAt: true,
        action: true,
        outcome: true,
        ip: true,
        actor: { select: { id: true, name: true, staffRole: true } },
      },
    }),
  ]);

  const userIds = memberships.map((m) => m.user.id);
  const privacyRequests = await db.privacyRequest.findMany({
    where: {
      status: { in: OPEN_PRIVACY_STATUSES },
      OR: [{ accountId }, ...(userIds.length ? [{ userId: { in: userIds } }] : [])],
    },
    orderBy: { dueAt: "asc" },
    take: 50,
    select: { id: true, reference: true, type: true, status: true, dueAt: true },
  });

  return {
    account: { ...account, state: account.state.trim() },
    services: subscriptions.map((s) => ({
      id: s.id,
      planName: s.plan.name,
      kind: s.plan.kind,
      priceCents: s.priceCents,
      promoCents: s.promoCents,
      promoEndsOn: s.promoEndsOn ? fromDbDate(s.promoEndsOn) : null,
      startedOn: fromDbDate(s.startedOn),
    })),
    balance: {
      currency: ctx.profile.currency,
      balanceCents: summary.balanceCents,
      pastDueCents: summary.pastDueCents,
      inFlightCents: summary.inFlightCents,
      dueOn: summary.dueOn,
      autopay: summary.autopay !== null,
      paperless: summary.paperless,
    },
    payments: payments.map((p) => ({
      id: p.id,
      amountCents: p.amountCents,
      createdAt: p.createdAt,
      status: p.status,
      brand: p.methodBrand,
      last4: p.methodLast4,
    })),
    users: memberships.map(({ role, user }) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role,
      emailVerified: user.emailVerifiedAt !== null,
      twoFactorEnabled: user.totpEnabledAt !== null,
      disabled: user.disabledAt !== null,
      isStaff: user.staffRole !== null,
      sessions: user.sessions
        .filter((s) => sessionState(s, now) === "active")
        .map((s) => {
          const device = describeDevice(s.userAgent);
          return {
            id: s.id,
            browser: device.browser,
            os: device.os,
            ip: s.ip,
            createdAt: s.createdAt,
            lastSeenAt: s.lastSeenAt,
            mfa: s.mfa,
          };
        }),
    })),
    mailboxes,
    privacyRequests,
    activity: events.map((e) => ({
      id: e.id.toString(),
      occurredAt: e.occurredAt,
      action: e.action,
      outcome: e.outcome,
      ip: e.ip,
      actor: e.actor ? { id: e.actor.id, name: e.actor.name, staff: e.actor.staffRole !== null } : null,
    })),
  };
}
