import type { DbTx } from "@homeport/db";
import { reads } from "./concurrent-reads.ts";
import { type CalendarDate, calendarDateAt, fromDbDate, subtractBusinessDays } from "./calendar.ts";
import type { BillingRules } from "../provider/profile.ts";
import { RECEIVED_STATUSES } from "./statements.ts";

export interface BillingSummary {
  today: CalendarDate;
  timeZone: string;
  /** What is owed now: the last statement's total less what has been received since. */
  balanceCents: number;
  /** The part of the balance whose due date has passed. */
  pastDueCents: number;
  /** Payments sent to the gateway that have not settled yet. */
  inFlightCents: number;
  /** What can still be paid now: the balance less what is already on its way. */
  payableCents: number;
  /** Charges and credits waiting for the next statement. */
  pendingChargesCents: number;
  latestStatement: {
    id: string;
    periodStart: CalendarDate;
    periodEnd: CalendarDate;
    dueOn: CalendarDate;
    totalDueCents: number;
  } | null;
  dueOn: CalendarDate | null;
  /**
   * For the bill not yet due: its due date and the last day on which turning autopay on still
   * pays it (the profile's business days before the draft).
   */
  upcomingDraft: { dueOn: CalendarDate; changeCutoff: CalendarDate; cutoffPassed: boolean } | null;
  paperless: boolean;
  autopay: {
    method: { id: string; brand: string; last4: string; expMonth: number | null; expYear: number | null };
    nextDraft: {
      on: CalendarDate;
      amountCents: number;
      changeCutoff: CalendarDate;
      methodExpiresFirst: boolean;
    } | null;
    /** Enrolled after this bill's cut-off: it must be paid by hand, autopay starts with the next one. */
    startsNextBill: boolean;
  } | null;
  arrangement: { id: string; amountCents: number; payBy: CalendarDate; createdAt: Date } | null;
}

/** Whether a card expiring at the end of expMonth/expYear is still good on a date. */
export function cardValidOn(expMonth: number | null, expYear: number | null, on: CalendarDate): boolean {
  if (!expMonth || !expYear) return true;
  return on.slice(0, 7) <= `${expYear}-${String(expMonth).padStart(2, "0")}`;
}

export async function getBillingSummary(
  db: DbTx,
  accountId: string,
  now: Date,
  rules: Pick<BillingRules, "autopay">,
): Promise<BillingSummary> {
  const [account, latest, unapplied, inFlight, pendingCharges, autopay, arrangement] = await reads(db, [
    () =>
      db.serviceAccount.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true, paperless: true } }),
    () =>
      db.statement.findFirst({
        where: { accountId },
        orderBy: { periodStart: "desc" },
        select: {
          id: true,
          periodStart: true,
          periodEnd: true,
          dueOn: true,
          totalDueCents: true,
          previousBalanceCents: true,
          paymentsCents: true,
        },
      }),
    () =>
      db.payment.aggregate({
        where: { accountId, statementId: null, status: { in: [...RECEIVED_STATUSES] } },
        _sum: { amountCents: true },
      }),
    () =>
      db.payment.aggregate({
        where: { accountId, status: { in: ["PENDING", "REQUIRES_ACTION"] } },
        _sum: { amountCents: true },
      }),
    () => db.accountCharge.aggregate({ where: { accountId, statementId: null }, _sum: { amountCents: true } }),
    () =>
      db.autopayEnrollment.findUnique({
        where: { accountId },
        select: {
          enrolledAt: true,
          method: { select: { id: true, brand: true, last4: true, expMonth: true, expYear: true } },
        },
      }),
    () =>
      db.paymentArrangement.findFirst({
        where: { accountId, status: "ACTIVE" },
        select: { id: true, amountCents: true, payBy: true, createdAt: true },
      }),
  ] as const);
  const today = calendarDateAt(now, account.timeZone);
  const receivedSince = unapplied._sum.amountCents ?? 0;
  const balanceCents = (latest?.totalDueCents ?? 0) - receivedSince;
  const dueOn = latest ? fromDbDate(latest.dueOn) : null;

  let pastDueCents = 0;
  if (latest && dueOn) {
    const carriedOver = latest.previousBalanceCents - latest.paymentsCents - receivedSince;
    pastDueCents = today > dueOn ? Math.max(0, balanceCents) : Math.max(0, Math.min(balanceCents, carriedOver));
  }

  let nextDraft: NonNullable<BillingSummary["autopay"]>["nextDraft"] = null;
  let startsNextBill = false;
  if (autopay && dueOn && today <= dueOn && balanceCents > 0) {
    const changeCutoff = subtractBusinessDays(dueOn, rules.autopay.changeCutoffBusinessDays);
    startsNextBill = calendarDateAt(autopay.enrolledAt, account.timeZone) > changeCutoff;
    if (!startsNextBill) {
      nextDraft = {
        on: dueOn,
        amountCents: balanceCents,
        changeCutoff,
        methodExpiresFirst: !cardValidOn(autopay.method.expMonth, autopay.method.expYear, dueOn),
      };
    }
  }

  const inFlightCents = inFlight._sum.amountCents ?? 0;
  const upcomingCutoff =
    dueOn && dueOn >= today ? subtractBusinessDays(dueOn, rules.autopay.changeCutoffBusinessDays) : null;

  return {
    today,
    timeZone: account.timeZone,
    balanceCents,
    pastDueCents,
    inFlightCents,
    payableCents: balanceCents - inFlightCents,
    upcomingDraft:
      dueOn && upcomingCutoff ? { dueOn, changeCutoff: upcomingCutoff, cutoffPassed: today > upcomingCutoff } : null,
    pendingChargesCents: pendingCharges._sum.amountCents ?? 0,
    latestStatement: latest
      ? {
          id: latest.id,
          periodStart: fromDbDate(latest.periodStart),
          periodEnd: fromDbDate(latest.periodEnd),
          dueOn: fromDbDate(latest.dueOn),
          totalDueCents: latest.totalDueCents,
        }
      : null,
    dueOn,
    paperless: account.paperless,
    autopay: autopay ? { method: autopay.method, nextDraft, startsNextBill } : null,
    arrangement: arrangement ? { ...arrangement, payBy: fromDbDate(arrangement.payBy) } : null,
  };
}
