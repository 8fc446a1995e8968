import { createHash } from "node:crypto";
import type { Prisma, PrivacyRequest } from "@homeport/db";
import type { CoreContext } from "../context.ts";
import { formatMessageTime, messageLocale, PRIVACY_NOTICE_TEXT } from "../notifications/templates.ts";
import { notifyUserOnce } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { eraseSubject } from "./erase.ts";
import { buildPrivacyExport } from "./export.ts";
import type { PrivacySubject } from "./inventory.ts";
import { VERIFIABLE_TYPES } from "./requests.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile" | "transports"> & { publicUrl?: string };

/** How the job writes the export's readable summary in the consumer's language. */
export type ExportText = (locale: "en" | "es") => (key: string, values?: Record<string, string | number>) => string;

/** An export can be downloaded for 30 days; after that a new request makes a new one. */
export const EXPORT_DAYS = 30;
/** A fulfilment left IN_PROGRESS this long (a crashed worker) is picked up again and resumed. */
const STALE_MS = 5 * 60_000;

function recipientsOf(request: PrivacyRequest, userEmail: string | null) {
  const claimed = (request.claimed ?? {}) as { email?: string };
  return [...new Set([claimed.email, request.agentEmail, userEmail].filter((e): e is string => !!e))];
}

async function sendNotice(
  ctx: Ctx,
  tx: Prisma.TransactionClient,
  request: PrivacyRequest,
  kind: "received" | "extended" | "closed",
) {
  const user = request.userId
    ? await tx.user.findUnique({ where: { id: request.userId }, select: { email: true, locale: true } })
    : null;
  const locale = messageLocale(request.locale);
  const text = PRIVACY_NOTICE_TEXT[locale];
  const when = (date: Date) => formatMessageTime(date, locale, ctx.profile.timeZone);
  const base = ctx.publicUrl ?? "";
  const url = request.userId ? `${base}/privacy/requests/${request.id}` : `${base}/privacy/request/status`;
  const values: Record<string, string> = {
    reference: request.reference,
    request: text.type[request.type],
    received: when(request.receivedAt),
    due: when(request.dueAt),
    url,
    phone: ctx.profile.supportPhone,
  };
  let template: "privacy_received" | "privacy_extended" | "privacy_completed" | "privacy_denied";
  let messageKey: string;
  if (kind === "received") {
    template = "privacy_received";
    messageKey = "privacy.request_received";
    values.verification = request.status === "RECEIVED" ? text.verifying : text.verified;
  } else if (kind === "extended") {
    template = "privacy_extended";
    messageKey = "privacy.request_extended";
    values.reason = request.extensionReason ?? "";
  } else if (request.status === "DENIED") {
    template = "privacy_denied";
    messageKey = "privacy.request_denied";
    values.reason = text.denial[request.denialReason ?? "other"] ?? text.denial.other ?? "";
  } else {
    template = "privacy_completed";
    messageKey = "privacy.request_completed";
    values.summary = text.completed[request.type];
  }
  for (const email of recipientsOf(request, user?.email ?? null)) {
    await sendTemplatedEmail(ctx, tx, { email, locale }, template, values);
  }
  // After a deletion the login is gone: the answer goes by email only.
  if (request.userId && user) {
    await notifyUserOnce(tx, {
      userId: request.userId,
      accountId: request.accountId,
      messageKey,
      values: { reference: request.reference },
      href: `/privacy/requests/${request.id}`,
      dedupeKey: `privacy:${kind}:${request.id}`,
    });
  }
  await tx.privacyRequestEvent.create({ data: { requestId: request.id, kind: `notice.${kind}` } });
}

/**
 * The consumer's notices, derived from each request's state so nothing is sent twice: receipt
 * within 10 business days (§7021(a), sent within minutes), the extension with its reason
 * (§7021(b)), and the answer.
 */
export async function runPrivacyNotices(ctx: Ctx) {
  const verifiable = { in: [...VERIFIABLE_TYPES] };
  const due = await ctx.db.privacyRequest.findMany({
    where: {
      type: verifiable,
      OR: [
        { confirmedAt: null },
        { extendedAt: { not: null }, events: { none: { kind: "notice.extended" } } },
        { status: { in: ["COMPLETED", "DENIED"] }, events: { none: { kind: "notice.closed" } } },
      ],
    },
    orderBy: { receivedAt: "asc" },
    take: 200,
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) {
    sent += await ctx.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "PrivacyRequest" WHERE "id" = ${id}::uuid FOR UPDATE`;
      const request = await tx.privacyRequest.findUniqueOrThrow({
        where: { id },
        include: { events: { where: { kind: { startsWith: "notice." } }, select: { kind: true } } },
      });
      const done = new Set(request.events.map((e) => e.kind));
      let count = 0;
      if (!request.confirmedAt) {
        await sendNotice(ctx, tx, request, "received");
        await tx.privacyRequest.update({ where: { id }, data: { confirmedAt: ctx.now() } });
        count += 1;
      }
      if (request.extendedAt && !done.has("notice.extended")) {
        await sendNotice(ctx, tx, request, "extended");
        count += 1;
      }
      if ((request.status === "COMPLETED" || request.status === "DENIED") && !done.has("notice.closed")) {
        await sendNotice(ctx, tx, request, "closed");
        count += 1;
      }
      return count;
    });
  }
  return { sent };
}

async function subjectOf(ctx: Ctx, request: PrivacyRequest): Promise<PrivacySubject> {
  if (!request.userId) {
    // Verified against the account's records with no online login: the account holder.
    return { userId: null, accountId: request.accountId, accountRole: request.accountId ? "OWNER" : null };
  }
  const membership = await ctx.db.membership.findFirst({
    where: { userId: request.userId, ...(request.accountId ? { accountId: request.accountId } : {}) },
    select: { accountId: true, role: true },
  });
  return {
    userId: request.userId,
    accountId: membership?.accountId ?? request.accountId,
    accountRole: membership?.role ?? null,
  };
}

/**
 * Carries out verified "know" and "delete" requests: the export is built from the inventory,
 * and deletion runs entry by entry so a crash resumes where it stopped. A request another worker
 * holds is skipped; one left in progress by a crashed worker is taken up again.
 */
export async function runPrivacyFulfilment(ctx: Ctx, exportText: ExportText) {
  const now = ctx.now();
  const ready = await ctx.db.privacyRequest.findMany({
    where: {
      type: { in: ["KNOW_CATEGORIES", "KNOW_SPECIFIC", "DELETE"] },
      OR: [{ status: "VERIFIED" }, { status: "IN_PROGRESS", updatedAt: { lt: new Date(now.getTime() - STALE_MS) } }],
    },
    orderBy: { dueAt: "asc" },
    take: 10,
  });
  let completed = 0;
  for (const request of ready) {
    const { count } = await ctx.db.privacyRequest.updateMany({
      where: { id: request.id, status: request.status, updatedAt: request.updatedAt },
      data: { status: "IN_PROGRESS" },
    });
    if (count === 0) continue;
    const subject = await subjectOf(ctx, request);
    if (request.type === "DELETE") {
      const report = await eraseSubject(ctx.db, { requestId: request.id, subject, now: ctx.now() });
      await complete(ctx, request, report.kept.length > 0 ? "COMPLIED_IN_PART" : "COMPLIED", {
        erased: report.erased,
        deidentified: report.deidentified,
        kept: report.kept,
      } as unknown as Prisma.InputJsonValue);
    } else {
      const locale = messageLocale(request.locale);
      const built = await buildPrivacyExport(ctx.db, subject, {
        specific: request.type === "KNOW_SPECIFIC",
        now: ctx.now(),
        timeZone: ctx.profile.timeZone,
        t: exportText(locale),
      });
      await ctx.db.privacyExport.upsert({
        where: { requestId: request.id },
        create: {
          requestId: request.id,
          fileName: built.fileName,
          bytes: built.zip.byteLength,
          sha256: createHash("sha256").update(built.zip).digest("hex"),
          content: Buffer.from(built.zip),
          expiresAt: new Date(ctx.now().getTime() + EXPORT_DAYS * 86_400_000),
        },
        update: {},
      });
      await complete(ctx, request, "COMPLIED", { categories: built.summary } as unknown as Prisma.InputJsonValue);
    }
    completed += 1;
  }
  return { completed };
}

async function complete(
  ctx: Ctx,
  request: PrivacyRequest,
  outcome: "COMPLIED" | "COMPLIED_IN_PART",
  response: Prisma.InputJsonValue,
) {
  await ctx.db.$transaction(async (tx) => {
    await tx.privacyRequest.update({
      where: { id: request.id },
      data: { status: "COMPLETED", outcome, completedAt: ctx.now(), response },
    });
    await tx.privacyRequestEvent.create({ data: { requestId: request.id, kind: "completed" } });
    await recordAuditEvent(
      tx,
      {},
      {
        action: "privacy.request.completed",
        outcome: "SUCCESS",
        accountId: request.type === "DELETE" ? null : request.accountId,
        target: request.id,
        details: { type: request.type, outcome, reference: request.reference },
      },
    );
  });
}

/** §7101(a): request records are kept at least 24 months; after that they go. */
export const RECORD_MONTHS = 24;

/**
 * Retention: an export's copy of the data is dropped once it can no longer be downloaded, and a
 * request's record (with its history, uploads and identity details) 24 months after it closed.
 */
export async function purgePrivacyRecords(ctx: Pick<CoreContext, "db" | "now">) {
  const now = ctx.now();
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - RECORD_MONTHS);
  const exports = await ctx.db.privacyExport.deleteMany({ where: { expiresAt: { lte: now } } });
  const requests = await ctx.db.privacyRequest.deleteMany({
    where: { status: { in: ["COMPLETED", "DENIED"] }, completedAt: { lt: cutoff } },
  });
  return { exports: exports.count, requests: requests.count };
}
