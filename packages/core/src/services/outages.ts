import type { DbTx, ServiceKind } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { calendarDateAt, cycleContaining, fromDbDate, periodDays, toDbDate } from "../billing/calendar.ts";
import { householdRecipients, lockAccount } from "../billing/household-recipients.ts";
import type { CoreContext } from "../context.ts";
import { notifyUserOnce } from "../notifications/notify-user.ts";
import { isStorableInstant, STORABLE_YEARS } from "../storable.ts";
import { activeOutagesForAccount, recentOutagesForAccount } from "./outage-lookup.ts";
import { creditCents, creditDays, outageHours } from "./outage-credit.ts";
import { rateOn } from "./plan-change.ts";
import { ServicesError } from "./service-errors.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;

export const OUTAGE_CAUSES = ["fiber", "power", "equipment", "maintenance", "weather", "unknown"] as const;

const ZInstant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .refine(isStorableInstant, `must be in the years ${STORABLE_YEARS}`);

/** What network operations reports about an incident; repeated reports with one ref update it. */
export const ZOutageReport = z
  .object({
    ref: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, "ref: 1–100 letters, digits, . _ : -"),
    zips: z
      .array(z.string().regex(/^\d{5}$/, "each ZIP code has 5 digits"))
      .min(1)
      .max(1000),
    services: z
      .array(z.enum(["INTERNET", "TV", "PHONE"]))
      .min(1)
      .max(3),
    status: z.enum(["INVESTIGATING", "IDENTIFIED", "RESOLVED"]),
    cause: z.enum(OUTAGE_CAUSES).optional(),
    startedAt: ZInstant,
    etaAt: ZInstant.optional(),
    resolvedAt: ZInstant.optional(),
  })
  .superRefine((report, issues) => {
    if (report.status === "RESOLVED" && !report.resolvedAt) {
      issues.addIssue({ code: "custom", path: ["resolvedAt"], message: "a resolved outage needs resolvedAt" });
    }
    if (report.resolvedAt && report.resolvedAt < report.startedAt) {
      issues.addIssue({ code: "custom", path: ["resolvedAt"], message: "resolvedAt is before startedAt" });
    }
    if (report.etaAt && report.etaAt < report.startedAt) {
      issues.addIssue({ code: "custom", path: ["etaAt"], message: "etaAt is before startedAt" });
    }
  });

export type OutageReport = z.output<typeof ZOutageReport>;

/**
 * Records a report from network operations. A resolved outage stays resolved (a recurrence is a new
 * incident with its own ref), so credits already given can't be undone by a late, stale report.
 */
export async function reportOutage(ctx: Ctx, request: RequestContext, report: OutageReport) {
  if (report.startedAt.getTime() > ctx.now().getTime() + 5 * 60_000) {
    throw new ServicesError("OUTAGE_INVALID", { field: "startedAt" });
  }
  const services = [...new Set(report.services)] as ServiceKind[];
  const zips = [...new Set(report.zips)].sort();
  return ctx.db.$transaction(async (tx) => {
    const existing = await tx.outage.findUnique({ where: { externalRef: report.ref } });
    if (existing?.status === "RESOLVED") {
      if (report.status === "RESOLVED") return { outage: existing, created: false };
      throw new ServicesError("OUTAGE_CLOSED");
    }
    const data = {
      zips,
      services,
      status: report.status,
      cause: report.cause ?? existing?.cause ?? null,
      startedAt: report.startedAt,
      etaAt: report.status === "RESOLVED" ? null : (report.etaAt ?? null),
      resolvedAt: report.status === "RESOLVED" ? (report.resolvedAt ?? ctx.now()) : null,
    };
    const outage = existing
      ? await tx.outage.update({ where: { id: existing.id }, data })
      : await tx.outage.create({ data: { externalRef: report.ref, ...data } });
    await recordAuditEvent(tx, request, {
      action: "services.outage.reported",
      outcome: "SUCCESS",
      target: report.ref,
      details: { status: report.status, zips: zips.length },
    });
    return { outage, created: !existing };
  });
}

/** The outage page: what is happening at the address now, what ended lately, and credits given. */
export async function getOutageStatus(ctx: Ctx, accountId: string) {
  const since = new Date(ctx.now().getTime() - 90 * 86_400_000);
  const [active, recent, credits] = await Promise.all([
    activeOutagesForAccount(ctx.db, accountId),
    recentOutagesForAccount(ctx.db, accountId, since),
    ctx.db.outageCredit.findMany({
      where: { accountId },
      select: { outageId: true, hours: true, days: true, amountCents: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const creditByOutage = new Map(credits.map((credit) => [credit.outageId, credit]));
  return {
    active,
    recent: recent.map((outage) => ({ ...outage, credit: creditByOutage.get(outage.id) ?? null })),
  };
}

async function affectedAccounts(db: DbTx, outage: { zips: string[]; services: ServiceKind[]; startedAt: Date }) {
  const startDay = toDbDate(calendarDateAt(outage.startedAt, "UTC"));
  return db.serviceAccount.findMany({
    where: {
      zip: { in: outage.zips },
      status: { not: "CLOSED" },
      subscriptions: {
        some: {
          plan: { kind: { in: outage.services } },
          OR: [{ endedOn: null }, { endedOn: { gte: startDay } }],
        },
      },
    },
    select: { id: true, timeZone: true, cycleDay: true },
  });
}

/**
 * Posts the credit one account earned for a resolved outage, once: the OutageCredit row and the
 * charge's source key make a second run (or a second worker) a no-op.
 */
export async function creditOutage(
  ctx: Ctx,
  outage: { id: string; services: ServiceKind[]; startedAt: Date; resolvedAt: Date },
  account: { id: string; timeZone: string; cycleDay: number },
) {
  const days = creditDays(outage.startedAt, outage.resolvedAt, ctx.profile.services.outageCredit);
  if (days === 0) return null;
  return ctx.db.$transaction(async (tx) => {
    if (!(await lockAccount(tx, account.id))) return null;
    const done = await tx.outageCredit.findUnique({
      where: { outageId_accountId: { outageId: outage.id, accountId: account.id } },
    });
    if (done) return null;
    const startDay = calendarDateAt(outage.startedAt, account.timeZone);
    const subscriptions = await tx.subscription.findMany({
      where: {
        accountId: account.id,
        plan: { kind: { in: outage.services } },
        startedOn: { lte: toDbDate(startDay) },
        OR: [{ endedOn: null }, { endedOn: { gt: toDbDate(startDay) } }],
      },
      select: { priceCents: true, promoCents: true, promoEndsOn: true },
    });
    const rates = subscriptions.map((s) =>
      rateOn({ ...s, promoEndsOn: s.promoEndsOn ? fromDbDate(s.promoEndsOn) : null }, startDay),
    );
    const cycleDays = periodDays(cycleContaining(startDay, account.cycleDay));
    const amountCents = creditCents(rates, days, cycleDays);
    if (amountCents === 0) return null;
    const hours = outageHours(outage.startedAt, outage.resolvedAt);
    const charge = await tx.accountCharge.create({
      data: {
        accountId: account.id,
        kind: "CREDIT",
        code: "outage-credit",
        amountCents: -amountCents,
        chargedOn: toDbDate(calendarDateAt(outage.resolvedAt, account.timeZone)),
        values: { hours, days, startedOn: startDay },
        sourceKey: `outage-credit:${outage.id}:${account.id}`,
      },
    });
    await tx.outageCredit.create({
      data: { outageId: outage.id, accountId: account.id, chargeId: charge.id, hours, days, amountCents },
    });
    await recordAuditEvent(
      tx,
      {},
      {
        action: "services.outage.credited",
        outcome: "SUCCESS",
        accountId: account.id,
        target: outage.id,
        details: { amountCents, days, hours },
      },
    );
    return { amountCents, days, hours };
  });
}

/**
 * The outage job: tells each affected household once when an outage starts and once when it ends
 * (with the credit it earned), and posts the credits. Resolved outages are looked at for a week.
 */
export async function runOutageNotices(ctx: Ctx) {
  const recently = new Date(ctx.now().getTime() - 7 * 86_400_000);
  const outages = await ctx.db.outage.findMany({
    where: { OR: [{ status: { not: "RESOLVED" } }, { resolvedAt: { gte: recently } }] },
    orderBy: { startedAt: "asc" },
  });
  let notices = 0;
  let credits = 0;
  for (const outage of outages) {
    const accounts = await affectedAccounts(ctx.db, outage);
    for (const account of accounts) {
      const resolvedAt = outage.status === "RESOLVED" ? outage.resolvedAt : null;
      const creditKey = { outageId_accountId: { outageId: outage.id, accountId: account.id } };
      let credit = resolvedAt
        ? await ctx.db.outageCredit.findUnique({ where: creditKey, select: { amountCents: true } })
        : null;
      if (resolvedAt && !credit) {
        credit = await creditOutage(ctx, { ...outage, resolvedAt }, account);
        if (credit) credits += 1;
        // Another run may have posted it while this one waited for the account lock.
        else credit = await ctx.db.outageCredit.findUnique({ where: creditKey, select: { amountCents: true } });
      }
      const recipients = await householdRecipients(ctx.db, account.id);
      for (const user of recipients) {
        // An outage fixed before anyone was told gets only the "fixed" notice.
        const notice = resolvedAt
          ? {
              messageKey: credit ? "services.outage_resolved_credit" : "services.outage_resolved",
              values: credit ? { creditCents: credit.amountCents } : {},
              dedupeKey: `outage-end:${outage.id}:${user.id}`,
            }
          : { messageKey: "services.outage_started", values: {}, dedupeKey: `outage-start:${outage.id}:${user.id}` };
        const sent = await notifyUserOnce(ctx.db, {
          userId: user.id,
          accountId: account.id,
          href: "/services/outages",
          ...notice,
        });
        if (sent) notices += 1;
      }
    }
  }
  return { outages: outages.length, notices, credits };
}
