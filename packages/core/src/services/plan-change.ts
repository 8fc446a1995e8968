import { addMonths, type BillingPeriod, type CalendarDate, daysBetween, periodDays } from "../billing/calendar.ts";
import { sumCents } from "../billing/money.ts";
import { type BilledSubscription, type ServiceKind, serviceLines } from "../billing/statement-lines.ts";

/** A plan as the catalog offers it. */
export interface CatalogPlan {
  id: string;
  kind: ServiceKind;
  name: string;
  tier: number;
  monthlyCents: number;
  promoCents: number | null;
  promoMonths: number | null;
}

export type ChangeDirection = "upgrade" | "downgrade" | "add" | "remove";

export interface ProratedPart {
  cents: number;
  /** First and last day (inclusive). */
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  cycleDays: number;
}

export interface PlanChangePreview {
  direction: ChangeDirection;
  effectiveOn: CalendarDate;
  /** The unused part of the current plan in this cycle, no longer billed. */
  credit: ProratedPart | null;
  /** The new plan from the effective date to the end of this cycle. */
  charge: ProratedPart | null;
  /** What the change adds to (positive) or takes off (negative) the next bill, before taxes. */
  netCents: number;
  currentMonthlyCents: number;
  /** What the new plan costs a month from the effective date (0 for a removal). */
  newMonthlyCents: number;
  newRegularCents: number;
  /** First day at the regular price when the new plan starts on a promotion. */
  newPromoEndsOn: CalendarDate | null;
  /** A promotion on the current plan that the change gives up. */
  lostPromotion: { promoCents: number; regularCents: number; endsOn: CalendarDate | null } | null;
}

export interface PlanChangeInput {
  /** The billing cycle that contains the effective date. */
  period: BillingPeriod;
  effectiveOn: CalendarDate;
  current: (BilledSubscription & { tier: number }) | null;
  target: CatalogPlan | null;
}

/** The monthly rate a subscription is charged on a day: the promotion until it ends, then the regular price. */
export function rateOn(
  subscription: Pick<BilledSubscription, "priceCents" | "promoCents" | "promoEndsOn">,
  day: CalendarDate,
) {
  const onPromo =
    subscription.promoCents !== null && (subscription.promoEndsOn === null || day < subscription.promoEndsOn);
  return onPromo ? (subscription.promoCents as number) : subscription.priceCents;
}

export function changeDirection(current: { tier: number } | null, target: { tier: number } | null): ChangeDirection {
  if (!current) return "add";
  if (!target) return "remove";
  return target.tier > current.tier ? "upgrade" : "downgrade";
}

/** A new plan's promotion is for subscribers moving up a tier or adding the service. */
export function newSubscriptionTerms(target: CatalogPlan, direction: ChangeDirection, effectiveOn: CalendarDate) {
  const promo =
    (direction === "upgrade" || direction === "add") && target.promoCents !== null && target.promoMonths
      ? { promoCents: target.promoCents, promoEndsOn: addMonths(effectiveOn, target.promoMonths) }
      : null;
  return {
    priceCents: target.monthlyCents,
    promoCents: promo?.promoCents ?? null,
    promoEndsOn: promo?.promoEndsOn ?? null,
  };
}

function billed(period: BillingPeriod, subscription: BilledSubscription): number {
  return sumCents(serviceLines(period, subscription).map((line) => line.amountCents));
}

/**
 * What changing one service's plan on `effectiveOn` does to the bill, using the statement's own
 * daily proration: the current plan stops being billed from that day (the credit is exactly what
 * the statement will no longer charge) and the new plan is billed from it to the end of the cycle.
 * The statement bills the closed cycle, so the credit and the charge both land on the next bill.
 */
export function previewPlanChange(input: PlanChangeInput): PlanChangePreview {
  const { period, effectiveOn, current, target } = input;
  if (effectiveOn < period.start || effectiveOn > period.end) throw new RangeError("effective date outside the cycle");
  const direction = changeDirection(current, target);
  const cycleDays = periodDays(period);
  const rest = { from: effectiveOn, to: period.end, days: daysBetween(effectiveOn, period.end) + 1, cycleDays };

  let credit: ProratedPart | null = null;
  let currentMonthlyCents = 0;
  let lostPromotion: PlanChangePreview["lostPromotion"] = null;
  if (current) {
    const asIs = billed(period, { ...current, endedOn: null });
    const ended = billed(period, { ...current, endedOn: effectiveOn });
    credit = { ...rest, cents: asIs - ended };
    currentMonthlyCents = rateOn(current, effectiveOn);
    if (current.promoCents !== null && (current.promoEndsOn === null || current.promoEndsOn > effectiveOn)) {
      lostPromotion = { promoCents: current.promoCents, regularCents: current.priceCents, endsOn: current.promoEndsOn };
    }
  }

  let charge: ProratedPart | null = null;
  let newMonthlyCents = 0;
  let newRegularCents = 0;
  let newPromoEndsOn: CalendarDate | null = null;
  if (target) {
    const terms = newSubscriptionTerms(target, direction, effectiveOn);
    const subscription: BilledSubscription = {
      id: "preview",
      planId: target.id,
      planName: target.name,
      service: target.kind,
      ...terms,
      startedOn: effectiveOn,
      endedOn: null,
    };
    charge = { ...rest, cents: billed(period, subscription) };
    newMonthlyCents = rateOn(terms, effectiveOn);
    newRegularCents = terms.priceCents;
    newPromoEndsOn = terms.promoEndsOn;
  }

  return {
    direction,
    effectiveOn,
    credit,
    charge,
    netCents: (charge?.cents ?? 0) - (credit?.cents ?? 0),
    currentMonthlyCents,
    newMonthlyCents,
    newRegularCents,
    newPromoEndsOn,
    lostPromotion,
  };
}
