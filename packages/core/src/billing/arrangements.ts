import type { DbTx } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner } from "../identity/actor.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { addDays, type CalendarDate, calendarDateAt, isCalendarDate, toDbDate } from "./calendar.ts";
import { BillingError } from "./errors.ts";
import { householdRecipients, lockAccount } from "./household-recipients.ts";
import type { BillingSummary } from "./summary.ts";
import { getBillingSummary } from "./summary.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;

export interface ArrangementOffer {
  eligible: boolean;
  reason: "NO_PAST_DUE" | "BELOW_MINIMUM" | "ALREADY_ACTIVE" | null;
  amountCents: number;
  earliest: CalendarDate;
  latest: CalendarDate;
}

/** Whether the account may promise to pay its past-due balance later, and the dates it may pick. */
export function arrangementOffer(summary: BillingSummary, rules: CoreContext["profile"]["billing"]): ArrangementOffer {
  const base = {
    amountCents: summary.pastDueCents,
    earliest: addDays(summary.today, 1),
    latest: addDays(summary.today, rules.arrangement.maxDaysOut),
  };
  if (summary.arrangement) return { ...base, eligible: false, reason: "ALREADY_ACTIVE" };
  if (summary.pastDueCents <= 0) return { ...base, eligible: false, reason: "NO_PAST_DUE" };
  if (summary.pastDueCents < rules.arrangement.minPastDueCents)
    return { ...base, eligible: false, reason: "BELOW_MINIMUM" };
  return { ...base, eligible: true, reason: null };
}

export async function createArrangement(ctx: Ctx, actor: Actor, payBy: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  if (!isCalendarDate(payBy)) throw new BillingError("ARRANGEMENT_DATE_INVALID");
  return ctx.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const summary = await getBillingSummary(tx, accountId, ctx.now(), ctx.profile.billing);
    const offer = arrangementOffer(summary, ctx.profile.billing);
    if (offer.reason === "ALREADY_ACTIVE") throw new BillingError("ARRANGEMENT_EXISTS");
    if (!offer.eligible) throw new BillingError("ARRANGEMENT_NOT_ELIGIBLE");
    if (payBy < offer.earliest || payBy > offer.latest) {
      throw new BillingError("ARRANGEMENT_DATE_INVALID", { earliest: offer.earliest, latest: offer.latest });
    }
    const arrangement = await tx.paymentArrangement.create({
      data: {
        accountId,
        amountCents: offer.amountCents,
        payBy: toDbDate(payBy),
        createdById: actor.id,
        // On the same clock as the payments resolveArrangement compares it with, not the database's.
        createdAt: ctx.now(),
      },
    });
    await recordAuditEvent(tx, request, {
      action: "billing.arrangement_create",
      outcome: "SUCCESS",
      accountId,
      target: arrangement.id,
      details: { amountCents: offer.amountCents, payBy },
    });
    return arrangement;
  });
}

export async function cancelArrangement(ctx: Ctx, actor: Actor, request: RequestContext) {
  const accountId = requireOwner(actor);
  const { count } = await ctx.db.paymentArrangement.updateMany({
    where: { accountId, status: "ACTIVE" },
    data: { status: "CANCELLED", resolvedAt: ctx.now() },
  });
  if (count === 0) throw new BillingError("ARRANGEMENT_NOT_FOUND");
  await recordAuditEvent(ctx.db, request, { action: "billing.arrangement_cancel", outcome: "SUCCESS", accountId });
}

/**
 * Closes an active arrangement once it is kept (payments since it was made cover it) or broken
 * (its date passed first). Called after each payment and by the daily job.
 */
export async function resolveArrangement(ctx: Ctx, db: DbTx, accountId: string): Promise<"KEPT" | "BROKEN" | null> {
  const arrangement = await db.paymentArrangement.findFirst({ where: { accountId, status: "ACTIVE" } });
  if (!arrangement) return null;
  const paid = await db.payment.aggregate({
    where: { accountId, status: "SUCCEEDED", settledAt: { gte: arrangement.createdAt } },
    _sum: { amountCents: true },
  });
  const account = await db.serviceAccount.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true } });
  const today = calendarDateAt(ctx.now(), account.timeZone);
  let outcome: "KEPT" | "BROKEN" | null = null;
  if ((paid._sum.amountCents ?? 0) >= arrangement.amountCents) outcome = "KEPT";
  else if (toDbDate(today) > arrangement.payBy) outcome = "BROKEN";
  if (!outcome) return null;
  const { count } = await db.paymentArrangement.updateMany({
    where: { id: arrangement.id, status: "ACTIVE" },
    data: { status: outcome, resolvedAt: ctx.now() },
  });
  if (count === 1) {
    for (const user of await householdRecipients(db, accountId)) {
      await notifyUser(db, {
        userId: user.id,
        accountId,
        messageKey: outcome === "KEPT" ? "billing.arrangement_kept" : "billing.arrangement_broken",
        values: { amountCents: arrangement.amountCents },
        href: "/billing",
      });
    }
  }
  return outcome;
}
