import { createHash, randomUUID } from "node:crypto";
import type { DbTx, Prisma, PrivacyRequest, PrivacyRequestType } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "../identity/actor.ts";
import { formatMessageTime, PRIVACY_NOTICE_TEXT } from "../notifications/templates.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { newReference } from "../services/support-tickets.ts";
import { isStorableText } from "../storable.ts";
import { optOutEffectiveBy, privacyDeadlines } from "./deadlines.ts";
import { applyPublicOptOut, PrivacyError } from "./settings.ts";
import {
  type Claimed,
  isVerified,
  type KnownRecord,
  matchDataPoints,
  verificationNeeded,
  zClaimed,
} from "./verification-rules.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;
type MailCtx = Ctx & Pick<CoreContext, "transports">;

/** Requests that are verified and answered within 45 days (§7021); the opt-outs are not (§7026, §7027). */
export const VERIFIABLE_TYPES = ["KNOW_CATEGORIES", "KNOW_SPECIFIC", "DELETE", "CORRECT"] as const;
export type VerifiableType = (typeof VERIFIABLE_TYPES)[number];
export const OPT_OUT_TYPES = ["OPT_OUT_SALE_SHARING", "LIMIT_SENSITIVE"] as const;
export type OptOutType = (typeof OPT_OUT_TYPES)[number];

export const CORRECTION_FIELDS = ["name", "email", "phone", "address"] as const;
export const ZCorrection = z.object({
  field: z.enum(CORRECTION_FIELDS),
  value: z.string().trim().min(1).max(200).refine(isStorableText, "text_invalid"),
  details: z.string().trim().max(1000).refine(isStorableText, "text_invalid").optional(),
});
export type Correction = z.infer<typeof ZCorrection>;

const ZLocale = z.enum(["en", "es"]).catch("en");

export const ZPortalRequest = z
  .object({ type: z.enum(VERIFIABLE_TYPES), correction: ZCorrection.optional() })
  .refine((value) => value.type !== "CORRECT" || value.correction !== undefined, {
    path: ["correction"],
    message: "correction_required",
  });

export const ZPublicOptOut = z.object({
  type: z.enum(OPT_OUT_TYPES),
  claimed: zClaimed,
  locale: ZLocale,
});

/** The agent's signed permission as the web layer read it from the upload (§7063(a)). */
export const PERMISSION_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export const PERMISSION_MAX_BYTES = 5 * 1024 * 1024;
export const ZPermissionFile = z.object({
  mediaType: z.enum(PERMISSION_TYPES),
  bytes: z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength > 0, "file_empty")
    .refine((b) => b.byteLength <= PERMISSION_MAX_BYTES, "file_too_large"),
});

export const ZPublicRequest = z
  .object({
    type: z.enum(VERIFIABLE_TYPES),
    claimed: zClaimed,
    correction: ZCorrection.optional(),
    /** The consumer's typed name under the declaration, §7062(c). */
    declarationName: z.string().trim().max(120).refine(isStorableText, "text_invalid").optional(),
    declarationSigned: z.boolean().default(false),
    agent: z
      .object({
        name: z.string().trim().min(1).max(120).refine(isStorableText, "text_invalid"),
        email: z.email().max(254),
        permission: ZPermissionFile,
      })
      .optional(),
    locale: ZLocale,
  })
  .refine((value) => value.type !== "CORRECT" || value.correction !== undefined, {
    path: ["correction"],
    message: "correction_required",
  })
  .refine((value) => value.type !== "KNOW_SPECIFIC" || (value.declarationSigned && !!value.declarationName), {
    path: ["declarationName"],
    message: "declaration_required",
  });

/** Signed magic numbers, so a renamed file cannot pass for a PDF or an image. */
export function sniffMediaType(bytes: Uint8Array): (typeof PERMISSION_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  return null;
}

const EXTENSIONS: Record<(typeof PERMISSION_TYPES)[number], string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
};

function deadlinesFor(ctx: Ctx, receivedAt: Date) {
  return privacyDeadlines(receivedAt, ctx.profile.timeZone);
}

/** Serialises submissions that could duplicate each other (a double click, two tabs). */
async function lockKey(tx: DbTx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))::text`;
}

async function createRequest(tx: DbTx, data: Omit<Prisma.PrivacyRequestUncheckedCreateInput, "reference">) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await tx.privacyRequest.create({ data: { ...data, reference: newReference("PR") } });
    } catch (error) {
      // A reference collision (1 in 10^11) gets a new one; anything else is real.
      if ((error as { code?: string }).code !== "P2002" || attempt > 2) throw error;
    }
  }
}

const OPEN_STATUSES = ["RECEIVED", "VERIFIED", "IN_PROGRESS"] as const;

/**
 * A signed-in consumer's request. Existing authentication is the verification, after a fresh
 * sign-in (§7061(a)); a second submit of the same kind while one is open returns that one.
 */
export async function submitPortalRequest(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: unknown,
): Promise<{ request: PrivacyRequest; created: boolean }> {
  const data = ZPortalRequest.parse(input);
  requireStepUp(actor, ctx.now());
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    await lockKey(tx, `privacy:${actor.id}:${data.type}`);
    const open = await tx.privacyRequest.findFirst({
      where: { userId: actor.id, type: data.type, status: { in: [...OPEN_STATUSES] } },
    });
    if (open && data.type !== "CORRECT") return { request: open, created: false };
    const { dueAt } = deadlinesFor(ctx, now);
    const created = await createRequest(tx, {
      type: data.type,
      channel: "PORTAL",
      status: "VERIFIED",
      userId: actor.id,
      accountId: actor.accountId,
      claimed: { name: actor.name, email: actor.email },
      verification: { matched: [], count: 0, needed: 0, declaration: false, method: "signed_in" },
      correction: data.correction ?? undefined,
      locale: actor.locale === "es" ? "es" : "en",
      receivedAt: now,
      verifiedAt: now,
      dueAt,
    });
    await tx.privacyRequestEvent.create({ data: { requestId: created.id, actorUserId: actor.id, kind: "received" } });
    await recordAuditEvent(tx, request, {
      action: "privacy.request.submitted",
      outcome: "SUCCESS",
      accountId: actor.accountId,
      target: created.id,
      details: { type: data.type, channel: "PORTAL", reference: created.reference },
    });
    return { request: created, created: true };
  });
}

interface Candidate {
  accountId: string;
  /** The consumer found: the account holder, or the household member whose sign-in matched. */
  userId: string | null;
  known: KnownRecord;
}

/** Accounts (and their people) that any of the claimed identifiers point at. */
async function findCandidates(db: DbTx, claimed: Claimed): Promise<Candidate[]> {
  const email = claimed.email?.trim().toLowerCase() ?? null;
  const phone = claimed.phone ? claimed.phone.replace(/\D/g, "").slice(-10) : null;
  const accountNumber = claimed.accountNumber ? claimed.accountNumber.replace(/\D/g, "") : null;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT a."id" FROM "ServiceAccount" a
    LEFT JOIN "Membership" m ON m."accountId" = a."id"
    LEFT JOIN "User" u ON u."id" = m."userId"
    WHERE (${accountNumber}::text IS NOT NULL AND regexp_replace(a."accountNumber", '\\D', '', 'g') = ${accountNumber})
       OR (${email}::text IS NOT NULL AND (lower(a."emailOnFile") = ${email} OR lower(u."email") = ${email}))
       OR (${phone}::text IS NOT NULL AND right(regexp_replace(coalesce(a."phoneOnFile", ''), '\\D', '', 'g'), 10) = ${phone})
    LIMIT 20`;
  if (rows.length === 0) return [];
  const accounts = await db.serviceAccount.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    include: { memberships: { include: { user: { select: { id: true, email: true, name: true } } } } },
  });
  return accounts.flatMap((account) => {
    const base = {
      phone: account.phoneOnFile,
      accountNumber: account.accountNumber,
      zip: account.zip,
      addressLine1: account.addressLine1,
    };
    const owner = account.memberships.find((m) => m.role === "OWNER")?.user ?? null;
    const people: Candidate[] = [
      {
        accountId: account.id,
        userId: owner?.id ?? null,
        known: { ...base, email: account.emailOnFile ?? owner?.email ?? null, name: account.holderName },
      },
    ];
    for (const member of account.memberships) {
      if (member.role === "OWNER" || member.user.email.toLowerCase() !== email) continue;
      people.push({
        accountId: account.id,
        userId: member.user.id,
        known: { ...base, email: member.user.email, name: member.user.name },
      });
    }
    return people;
  });
}

function bestMatch(
  candidates: Candidate[],
  claimed: Claimed,
  exclude: ("name" | "email" | "phone" | "addressLine1")[],
) {
  let best: { candidate: Candidate; match: ReturnType<typeof matchDataPoints> } | null = null;
  for (const candidate of candidates) {
    const match = matchDataPoints(claimed, candidate.known, { exclude });
    if (!best || match.count > best.match.count) best = { candidate, match };
  }
  return best;
}

const CORRECTION_POINT = { name: "name", email: "email", phone: "phone", address: "addressLine1" } as const;

export interface PublicSubmission {
  reference: string;
  receivedAt: Date;
  confirmBy: Date;
  dueAt: Date;
}

/**
 * A know / delete / correct request from someone who did not sign in, or from an authorised
 * agent. Verification matches the data points given against our records (§7062); an agent's
 * request waits for staff to check the signed permission (§7063). The answer is the same whether
 * or not anything matched, so the form cannot be used to find out who is a customer.
 */
export async function submitPublicRequest(
  ctx: Ctx,
  request: RequestContext,
  input: unknown,
): Promise<PublicSubmission> {
  const data = ZPublicRequest.parse(input);
  if (data.agent) {
    const sniffed = sniffMediaType(data.agent.permission.bytes);
    if (sniffed !== data.agent.permission.mediaType) throw new PrivacyError("FILE_TYPE");
  }
  const now = ctx.now();
  const { confirmBy, dueAt } = deadlinesFor(ctx, now);
  const needed = verificationNeeded(data.type);
  const exclude = data.correction ? [CORRECTION_POINT[data.correction.field]] : [];
  const best = bestMatch(await findCandidates(ctx.db, data.claimed), data.claimed, exclude);
  const declaration = data.declarationSigned && !!data.declarationName;
  const verified = !data.agent && best !== null && isVerified(data.type, best.match, declaration);
  const dedupeKey = `privacy:public:${data.type}:${(data.claimed.email ?? data.claimed.phone ?? data.claimed.accountNumber ?? "").toLowerCase()}`;

  const created = await ctx.db.$transaction(async (tx) => {
    await lockKey(tx, dedupeKey);
    const recent = await tx.privacyRequest.findFirst({
      where: {
        type: data.type,
        channel: data.agent ? "AUTHORIZED_AGENT" : "PUBLIC_FORM",
        receivedAt: { gt: new Date(now.getTime() - 10 * 60_000) },
        claimed: { equals: data.claimed as Prisma.InputJsonValue },
      },
    });
    if (recent) return recent;
    const row = await createRequest(tx, {
      type: data.type,
      channel: data.agent ? "AUTHORIZED_AGENT" : "PUBLIC_FORM",
      status: verified ? "VERIFIED" : "RECEIVED",
      userId: verified ? best.candidate.userId : null,
      accountId: verified ? best.candidate.accountId : null,
      claimed: data.claimed as Prisma.InputJsonValue,
      verification: {
        matched: best?.match.matched ?? [],
        count: best?.match.count ?? 0,
        needed: needed.points,
        declaration,
        method: "data_points",
        // Kept for staff: who the best match was, even when it did not reach the bar.
        candidateAccountId: best?.candidate.accountId ?? null,
      },
      declarationSignedAt: declaration ? now : null,
      declarationName: declaration ? (data.declarationName ?? null) : null,
      agentName: data.agent?.name ?? null,
      agentEmail: data.agent?.email ?? null,
      correction: data.correction ?? undefined,
      locale: data.locale,
      receivedAt: now,
      verifiedAt: verified ? now : null,
      dueAt,
    });
    if (data.agent) {
      const { mediaType, bytes } = data.agent.permission;
      await tx.privacyUpload.create({
        data: {
          requestId: row.id,
          storedName: `${randomUUID()}.${EXTENSIONS[mediaType]}`,
          mediaType,
          bytes: bytes.byteLength,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          content: Buffer.from(bytes),
        },
      });
    }
    await tx.privacyRequestEvent.create({ data: { requestId: row.id, kind: "received" } });
    await recordAuditEvent(tx, request, {
      action: "privacy.request.submitted",
      outcome: "SUCCESS",
      accountId: row.accountId,
      target: row.id,
      details: { type: data.type, channel: row.channel, reference: row.reference, verified },
    });
    return row;
  });
  return { reference: created.reference, receivedAt: created.receivedAt, confirmBy, dueAt: created.dueAt };
}

export interface OptOutReceipt {
  reference: string;
  receivedAt: Date;
  /** When it took effect for any records matched (at once; the rule allows 15 business days). */
  effectiveAt: Date;
  effectiveBy: Date;
}

/**
 * "Do not sell or share" / "Limit the use of my sensitive personal information" without signing
 * in (§7026, §7027): no verification and no account needed; applied at once to every login and
 * account the identifiers match, and recorded. The same answer whatever matched.
 */
export async function submitPublicOptOut(
  ctx: MailCtx,
  request: RequestContext,
  input: unknown,
): Promise<OptOutReceipt> {
  const data = ZPublicOptOut.parse(input);
  const now = ctx.now();
  const candidates = await findCandidates(ctx.db, data.claimed);
  // Any one identifier is enough here: an opt-out cannot harm the person it is applied to.
  const matched = candidates.filter((c) => matchDataPoints(data.claimed, c.known).count >= 1);
  const choice = data.type === "OPT_OUT_SALE_SHARING" ? "optOutSaleSharing" : "limitSensitive";
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await createRequest(tx, {
      type: data.type,
      channel: "PUBLIC_FORM",
      status: "COMPLETED",
      outcome: "COMPLIED",
      claimed: data.claimed as Prisma.InputJsonValue,
      locale: data.locale,
      receivedAt: now,
      // Nothing to confirm later: the answer is given on the page and by email now.
      confirmedAt: now,
      completedAt: now,
      dueAt: optOutEffectiveBy(now, ctx.profile.timeZone),
      response: { appliedTo: matched.length },
    });
    await applyPublicOptOut(
      tx,
      {
        userIds: [...new Set(matched.flatMap((c) => (c.userId ? [c.userId] : [])))],
        accountIds: [...new Set(matched.map((c) => c.accountId))],
      },
      choice,
      created.id,
    );
    await tx.privacyRequestEvent.createMany({
      data: [
        { requestId: created.id, kind: "received" },
        { requestId: created.id, kind: "completed", note: `applied to ${matched.length} record(s)` },
      ],
    });
    if (data.claimed.email) {
      const text = PRIVACY_NOTICE_TEXT[data.locale];
      await sendTemplatedEmail(ctx, tx, { email: data.claimed.email, locale: data.locale }, "privacy_opt_out", {
        reference: created.reference,
        request: text.type[data.type],
        received: formatMessageTime(now, data.locale, ctx.profile.timeZone),
      });
    }
    await recordAuditEvent(tx, request, {
      action: "privacy.optout.recorded",
      outcome: "SUCCESS",
      target: created.id,
      details: { type: data.type, reference: created.reference, matched: matched.length },
    });
    return created;
  });
  return {
    reference: row.reference,
    receivedAt: row.receivedAt,
    effectiveAt: row.completedAt ?? now,
    effectiveBy: row.dueAt,
  };
}

export type PrivacyStatusView = "RECEIVED" | "VERIFIED" | "IN_PROGRESS" | "COMPLETED" | "DENIED" | "EXTENDED";

/** Extended is shown as its own status while the request is still open. */
export function statusView(row: Pick<PrivacyRequest, "status" | "extendedAt">): PrivacyStatusView {
  const open = row.status === "RECEIVED" || row.status === "VERIFIED" || row.status === "IN_PROGRESS";
  return open && row.extendedAt ? "EXTENDED" : row.status;
}

/** The signed-in consumer's requests, newest first. */
export function listMyPrivacyRequests(db: DbTx, actor: Pick<Actor, "id">) {
  return db.privacyRequest.findMany({
    where: { userId: actor.id },
    orderBy: { receivedAt: "desc" },
    take: 50,
    select: {
      id: true,
      reference: true,
      type: true,
      status: true,
      extendedAt: true,
      receivedAt: true,
      dueAt: true,
      completedAt: true,
    },
  });
}

/** One of the consumer's own requests with its history and export, or null. */
export async function getMyPrivacyRequest(db: DbTx, actor: Pick<Actor, "id">, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return db.privacyRequest.findFirst({
    where: { id, userId: actor.id },
    include: {
      events: { orderBy: { createdAt: "asc" }, where: { kind: { not: "note" } } },
      exports: { select: { id: true, fileName: true, bytes: true, expiresAt: true, downloadedAt: true } },
    },
  });
}

export const ZStatusLookup = z.object({
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^PR-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
  email: z.email().max(254),
});

/**
 * A public request's status by its reference and the email it was filed with. Both must match:
 * a reference alone tells nothing about anyone.
 */
export async function lookUpPublicRequest(db: DbTx, input: unknown) {
  const { reference, email } = ZStatusLookup.parse(input);
  const row = await db.privacyRequest.findUnique({
    where: { reference },
    select: {
      reference: true,
      type: true,
      status: true,
      claimed: true,
      agentEmail: true,
      receivedAt: true,
      dueAt: true,
      extendedAt: true,
      extensionReason: true,
      completedAt: true,
      outcome: true,
      denialReason: true,
      response: true,
    },
  });
  const filedWith = [(row?.claimed as { email?: string } | null)?.email, row?.agentEmail]
    .filter((value): value is string => !!value)
    .map((value) => value.toLowerCase());
  if (!row || !filedWith.includes(email.toLowerCase())) return null;
  return {
    reference: row.reference,
    type: row.type,
    status: row.status,
    receivedAt: row.receivedAt,
    dueAt: row.dueAt,
    extendedAt: row.extendedAt,
    extensionReason: row.extensionReason,
    completedAt: row.completedAt,
    outcome: row.outcome,
    denialReason: row.denialReason,
    response: row.response,
  };
}

/**
 * The consumer's own export, after a fresh sign-in (§7061(a)), until it expires. Each download
 * is audited.
 */
export async function downloadMyExport(ctx: Ctx, actor: Actor, request: RequestContext, requestId: string) {
  if (!z.uuid().safeParse(requestId).success) throw new PrivacyError("NOT_FOUND");
  requireStepUp(actor, ctx.now());
  const found = await ctx.db.privacyExport.findFirst({
    where: { requestId, request: { userId: actor.id } },
  });
  if (!found) throw new PrivacyError("NOT_FOUND");
  if (found.expiresAt <= ctx.now()) throw new PrivacyError("EXPORT_EXPIRED");
  await ctx.db.$transaction(async (tx) => {
    await tx.privacyExport.update({ where: { id: found.id }, data: { downloadedAt: ctx.now() } });
    await recordAuditEvent(tx, request, {
      action: "privacy.export.downloaded",
      outcome: "SUCCESS",
      accountId: actor.accountId,
      target: requestId,
      details: { bytes: found.bytes, sha256: found.sha256 },
    });
  });
  return { fileName: found.fileName, content: new Uint8Array(found.content) };
}

export type { PrivacyRequestType };
