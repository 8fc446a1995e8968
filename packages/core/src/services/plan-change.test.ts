import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type BillingPeriod, cycleContaining, daysBetween } from "../billing/calendar.ts";
import { sumCents } from "../billing/money.ts";
import { type BilledSubscription, serviceLines } from "../billing/statement-lines.ts";
import { type CatalogPlan, newSubscriptionTerms, previewPlanChange } from "./plan-change.ts";

const OCTOBER: BillingPeriod = { start: "2026-10-09", end: "2026-11-08" };

const premier: BilledSubscription & { tier: number } = {
  id: "s1",
  planId: "internet-premier",
  planName: "Internet Premier",
  service: "INTERNET",
  priceCents: 7999,
  promoCents: null,
  promoEndsOn: null,
  startedOn: "2023-06-15",
  endedOn: null,
  tier: 2,
};

const gig: CatalogPlan = {
  id: "internet-gig",
  kind: "INTERNET",
  name: "Internet Gig",
  tier: 3,
  monthlyCents: 9999,
  promoCents: null,
  promoMonths: null,
};

function billedFor(period: BillingPeriod, subscriptions: BilledSubscription[]) {
  return sumCents(subscriptions.flatMap((s) => serviceLines(period, s)).map((line) => line.amountCents));
}

describe("plan change preview", () => {
  it("credits the unused days of the old plan and charges the new one for the rest of the cycle", () => {
    const preview = previewPlanChange({ period: OCTOBER, effectiveOn: "2026-10-24", current: premier, target: gig });
    expect(preview.direction).toBe("upgrade");
    // 16 of 31 days left: the old plan billed 15 days (3,870), the new one 16 days.
    expect(preview.credit).toEqual({ cents: 4129, from: "2026-10-24", to: "2026-11-08", days: 16, cycleDays: 31 });
    expect(preview.charge?.cents).toBe(5161);
    expect(preview.netCents).toBe(1032);
    expect(preview.currentMonthlyCents).toBe(7999);
    expect(preview.newMonthlyCents).toBe(9999);
  });

  it("starts an upgrade on the plan's promotion and says when it ends", () => {
    const promoGig = { ...gig, promoCents: 6999, promoMonths: 12 };
    const preview = previewPlanChange({
      period: OCTOBER,
      effectiveOn: "2026-10-24",
      current: premier,
      target: promoGig,
    });
    expect(preview.newMonthlyCents).toBe(6999);
    expect(preview.newRegularCents).toBe(9999);
    expect(preview.newPromoEndsOn).toBe("2027-10-24");
  });

  it("gives no promotion on a downgrade and names the promotion given up", () => {
    const onPromo = {
      ...premier,
      planId: "internet-gig",
      tier: 3,
      priceCents: 9999,
      promoCents: 6999,
      promoEndsOn: "2027-03-01",
    };
    const target = { ...gig, id: "internet-premier", tier: 2, monthlyCents: 7999, promoCents: 4999, promoMonths: 12 };
    const preview = previewPlanChange({ period: OCTOBER, effectiveOn: "2026-10-24", current: onPromo, target });
    expect(preview.direction).toBe("downgrade");
    expect(preview.newPromoEndsOn).toBeNull();
    expect(preview.newMonthlyCents).toBe(7999);
    expect(preview.lostPromotion).toEqual({ promoCents: 6999, regularCents: 9999, endsOn: "2027-03-01" });
    expect(preview.currentMonthlyCents).toBe(6999);
  });

  it("removes a service with only a credit, and adds one with only a charge", () => {
    const removed = previewPlanChange({ period: OCTOBER, effectiveOn: "2026-10-09", current: premier, target: null });
    expect(removed.direction).toBe("remove");
    expect(removed.credit?.cents).toBe(7999);
    expect(removed.charge).toBeNull();
    expect(removed.netCents).toBe(-7999);
    const added = previewPlanChange({ period: OCTOBER, effectiveOn: "2026-11-08", current: null, target: gig });
    expect(added.direction).toBe("add");
    expect(added.charge).toMatchObject({ days: 1, cents: 323 });
  });

  it("refuses an effective date outside the cycle", () => {
    expect(() =>
      previewPlanChange({ period: OCTOBER, effectiveOn: "2026-11-09", current: premier, target: gig }),
    ).toThrow(RangeError);
  });

  it("matches exactly what the statement will bill, whatever the day, prices and promotions", () => {
    const cents = fc.integer({ min: 0, max: 50_000 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 30 }),
        cents,
        fc.option(cents),
        fc.option(fc.integer({ min: -40, max: 40 })),
        fc.option(cents),
        cents,
        fc.option(fc.integer({ min: 1, max: 24 })),
        fc.integer({ min: 0, max: 5 }),
        (
          offset,
          cycleDay,
          dayInCycle,
          price,
          promo,
          promoEndsIn,
          targetPromo,
          targetPrice,
          promoMonths,
          targetTier,
        ) => {
          const period = cycleContaining(addDays("2024-01-01", offset), cycleDay);
          const effectiveOn = addDays(period.start, Math.min(dayInCycle, daysBetween(period.start, period.end)));
          const current = {
            ...premier,
            priceCents: price,
            promoCents: promo,
            promoEndsOn: promo !== null && promoEndsIn !== null ? addDays(effectiveOn, promoEndsIn) : null,
            startedOn: addDays(period.start, -30),
          };
          const target = { ...gig, monthlyCents: targetPrice, promoCents: targetPromo, promoMonths, tier: targetTier };
          const preview = previewPlanChange({ period, effectiveOn, current, target });

          const unchanged = billedFor(period, [current]);
          const terms = newSubscriptionTerms(target, preview.direction, effectiveOn);
          const changed = billedFor(period, [
            { ...current, endedOn: effectiveOn },
            { ...current, id: "new", planId: target.id, ...terms, startedOn: effectiveOn, endedOn: null },
          ]);
          expect(changed - unchanged).toBe(preview.netCents);
          expect(preview.credit?.cents).toBeGreaterThanOrEqual(0);
          expect(preview.credit?.cents).toBeLessThanOrEqual(Math.max(price, promo ?? 0));
          expect(preview.charge?.days).toBe(daysBetween(effectiveOn, period.end) + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
