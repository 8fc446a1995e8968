import type { BillingRules } from "../provider/profile.ts";
import {
  addDays,
  type BillingPeriod,
  type CalendarDate,
  daysBetween,
  maxDate,
  minDate,
  periodDays,
} from "./calendar.ts";
import { basisPointsOf, proratedCents, sumCents } from "./money.ts";

export type ServiceKind = "INTERNET" | "TV" | "PHONE";
export type LineKind = "SERVICE" | "EQUIPMENT" | "ONE_TIME" | "CREDIT" | "FEE" | "TAX";

export interface BilledSubscription {
  id: string;
  planId: string;
  planName: string;
  service: ServiceKind;
  priceCents: number;
  promoCents: number | null;
  /** First day at the regular price. */
  promoEndsOn: CalendarDate | null;
  startedOn: CalendarDate;
  /** First day out of service (exclusive). */
  endedOn: CalendarDate | null;
}

export interface BilledEquipment {
  id: string;
  kind: string;
  model: string;
  monthlyFeeCents: number;
  installedOn: CalendarDate;
  returnedOn: CalendarDate | null;
}

export interface PendingCharge {
  id: string;
  kind: "ONE_TIME" | "CREDIT" | "FEE";
  code: string;
  amountCents: number;
  chargedOn: CalendarDate;
  values: Record<string, string | number>;
}

/** The facts behind a line, kept with the statement so the page and the explainer can say why. */
export interface LineDetails {
  subscriptionId?: string;
  equipmentId?: string;
  chargeId?: string;
  /** First and last day billed (inclusive). */
  from?: CalendarDate;
  to?: CalendarDate;
  days?: number;
  cycleDays?: number;
  /** The monthly rate this line was charged at. */
  rateCents?: number;
  regularCents?: number;
  promo?: boolean;
  promoEndsOn?: CalendarDate;
  rateBasisPoints?: number;
  baseCents?: number;
  label?: { en: string; es: string };
  values?: Record<string, string | number>;
}

export interface DraftLine {
  kind: LineKind;
  service: ServiceKind | null;
  code: string;
  name: string | null;
  amountCents: number;
  details: LineDetails;
}

const SERVICE_ORDER: Record<ServiceKind, number> = { INTERNET: 0, TV: 1, PHONE: 2 };

interface Span {
  from: CalendarDate;
  /** Exclusive. */
  until: CalendarDate;
}

function spanInPeriod(period: BillingPeriod, startedOn: CalendarDate, endedOn: CalendarDate | null): Span | null {
  const from = maxDate(startedOn, period.start);
  const until = minDate(endedOn ?? "9999-12-31", addDays(period.end, 1));
  return from < until ? { from, until } : null;
}

function proratedLine(period: BillingPeriod, span: Span, monthlyCents: number) {
  const cycleDays = periodDays(period);
  const fromDay = daysBetween(period.start, span.from);
  const toDay = daysBetween(period.start, span.until);
  return {
    amountCents: proratedCents(monthlyCents, fromDay, toDay, cycleDays),
    details: {
      from: span.from,
      to: addDays(span.until, -1),
      days: toDay - fromDay,
      cycleDays,
      rateCents: monthlyCents,
    },
  };
}

/** The service lines one subscription adds to a cycle (split where a promotion ends). */
export function serviceLines(period: BillingPeriod, subscription: BilledSubscription): DraftLine[] {
  const span = spanInPeriod(period, subscription.startedOn, subscription.endedOn);
  if (!span) return [];
  const promoEndsOn = subscription.promoCents === null ? null : subscription.promoEndsOn;
  const segments: { span: Span; promo: boolean }[] = [];
  if (promoEndsOn === null && subscription.promoCents !== null) {
    segments.push({ span, promo: true });
  } else if (promoEndsOn && promoEndsOn > span.from && promoEndsOn < span.until) {
    segments.push({ span: { from: span.from, until: promoEndsOn }, promo: true });
    segments.push({ span: { from: promoEndsOn, until: span.until }, promo: false });
  } else {
    segments.push({ span, promo: !!promoEndsOn && promoEndsOn >= span.until });
  }
  return segments.map(({ span: segment, promo }) => {
    const rate = promo ? (subscription.promoCents as number) : subscription.priceCents;
    const line = proratedLine(period, segment, rate);
    return {
      kind: "SERVICE" as const,
      service: subscription.service,
      code: subscription.planId,
      name: subscription.planName,
      amountCents: line.amountCents,
      details: {
        ...line.details,
        subscriptionId: subscription.id,
        regularCents: subscription.priceCents,
        promo,
        ...(promoEndsOn ? { promoEndsOn } : {}),
      },
    };
  });
}

function equipmentLine(period: BillingPeriod, item: BilledEquipment): DraftLine | null {
  const span = spanInPeriod(period, item.installedOn, item.returnedOn);
  if (!span) return null;
  const line = proratedLine(period, span, item.monthlyFeeCents);
  return {
    kind: "EQUIPMENT",
    service: null,
    code: item.kind,
    name: item.model,
    amountCents: line.amountCents,
    details: { ...line.details, equipmentId: item.id },
  };
}

/**
 * Every line of one cycle's statement, in the order it is printed: services (prorated by day when
 * they start, stop or change price inside the cycle), equipment, one-time charges, credits, then
 * each fee and tax named on its own line.
 */
export function buildStatementLines(
  period: BillingPeriod,
  input: { subscriptions: BilledSubscription[]; equipment: BilledEquipment[]; charges: PendingCharge[] },
  rules: Pick<BillingRules, "fees" | "taxes">,
): DraftLine[] {
  const services = input.subscriptions
    .flatMap((s) => serviceLines(period, s))
    .sort(
      (a, b) =>
        SERVICE_ORDER[a.service as ServiceKind] - SERVICE_ORDER[b.service as ServiceKind] ||
        (a.details.from ?? "").localeCompare(b.details.from ?? ""),
    );
  const equipment = input.equipment
    .map((item) => equipmentLine(period, item))
    .filter((line): line is DraftLine => line !== null);
  const charges = [...input.charges]
    .sort((a, b) => a.chargedOn.localeCompare(b.chargedOn))
    .map((charge): DraftLine => ({
      kind: charge.kind,
      service: null,
      code: charge.code,
      name: null,
      amountCents: charge.amountCents,
      details: { chargeId: charge.id, from: charge.chargedOn, values: charge.values },
    }));
  const oneTime = charges.filter((c) => c.kind === "ONE_TIME");
  const credits = charges.filter((c) => c.kind === "CREDIT");
  const chargedFees = charges.filter((c) => c.kind === "FEE");

  const billedServices = new Set(services.map((line) => line.service));
  const fees: DraftLine[] = rules.fees
    .filter((fee) => billedServices.has(fee.service) && fee.amountCents > 0)
    .map((fee) => ({
      kind: "FEE",
      service: fee.service,
      code: fee.code,
      name: null,
      amountCents: fee.amountCents,
      details: { label: fee.label },
    }));

  const taxes: DraftLine[] = [];
  for (const tax of rules.taxes) {
    const base = sumCents(
      [...services, ...equipment]
        .filter((line) =>
          line.kind === "EQUIPMENT" ? tax.base.includes("EQUIPMENT") : tax.base.includes(line.service as ServiceKind),
        )
        .map((line) => line.amountCents),
    );
    const amountCents = basisPointsOf(base, tax.rateBasisPoints);
    if (amountCents === 0) continue;
    taxes.push({
      kind: "TAX",
      service: null,
      code: tax.code,
      name: null,
      amountCents,
      details: { label: tax.label, rateBasisPoints: tax.rateBasisPoints, baseCents: base },
    });
  }

  return [...services, ...equipment, ...oneTime, ...credits, ...chargedFees, ...fees, ...taxes];
}

export function newChargesCents(lines: Pick<DraftLine, "amountCents">[]): number {
  return sumCents(lines.map((line) => line.amountCents));
}
