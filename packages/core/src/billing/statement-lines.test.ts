import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCoreEnv } from "../env.ts";
import { loadProviderProfile } from "../provider/profile.ts";
import { addDays, type BillingPeriod, cycleContaining, periodDays } from "./calendar.ts";
import { basisPointsOf, proratedCents, sumCents } from "./money.ts";
import {
  type BilledEquipment,
  type BilledSubscription,
  buildStatementLines,
  type DraftLine,
  type LineKind,
  newChargesCents,
  type PendingCharge,
  type ServiceKind,
} from "./statement-lines.ts";

/** The Charter profile's fees and taxes, as the app loads them. */
const rules = loadProviderProfile(readCoreEnv({})).billing;

const KIND_ORDER: LineKind[] = ["SERVICE", "EQUIPMENT", "ONE_TIME", "CREDIT", "FEE", "TAX"];

const MARCH: BillingPeriod = { start: "2026-03-01", end: "2026-03-31" };

function sub(overrides: Partial<BilledSubscription> & Pick<BilledSubscription, "id" | "service">): BilledSubscription {
  return {
    planId: `plan-${overrides.id}`,
    planName: `Plan ${overrides.id}`,
    priceCents: 5000,
    promoCents: null,
    promoEndsOn: null,
    startedOn: "2025-01-01",
    endedOn: null,
    ...overrides,
  };
}

function device(overrides: Partial<BilledEquipment> & Pick<BilledEquipment, "id">): BilledEquipment {
  return {
    kind: "ROUTER",
    model: `Model ${overrides.id}`,
    monthlyFeeCents: 500,
    installedOn: "2025-01-01",
    returnedOn: null,
    ...overrides,
  };
}

function charge(overrides: Partial<PendingCharge> & Pick<PendingCharge, "id">): PendingCharge {
  return {
    kind: "ONE_TIME",
    code: "installation",
    amountCents: 4999,
    chargedOn: "2026-03-05",
    values: {},
    ...overrides,
  };
}

const build = (
  period: BillingPeriod,
  input: Partial<{ subscriptions: BilledSubscription[]; equipment: BilledEquipment[]; charges: PendingCharge[] }>,
) => buildStatementLines(period, { subscriptions: [], equipment: [], charges: [], ...input }, rules);

const byCode = (lines: DraftLine[], code: string) => lines.find((l) => l.code === code);

describe("the Charter billing rules", () => {
  it("are the fees and tax rates the examples below are computed with", () => {
    expect(rules.fees.map((f) => [f.code, f.service, f.amountCents])).toEqual([
      ["broadcast-tv", "TV", 2199],
      ["e911", "PHONE", 75],
    ]);
    expect(rules.taxes.map((t) => [t.code, t.rateBasisPoints, t.base])).toEqual([
      ["sales-tax", 875, ["EQUIPMENT"]],
      ["utility-users-tax", 250, ["TV", "PHONE"]],
      ["federal-usf", 360, ["PHONE"]],
    ]);
  });
});

describe("buildStatementLines: a full month", () => {
  const lines = build(MARCH, {
    subscriptions: [
      sub({ id: "phone", service: "PHONE", planName: "Voice", priceCents: 2000 }),
      sub({ id: "tv", service: "TV", planName: "TV Select", priceCents: 6500 }),
      sub({ id: "net", service: "INTERNET", planName: "Internet Premier", priceCents: 8000 }),
    ],
    equipment: [
      device({ id: "modem", kind: "MODEM", monthlyFeeCents: 0 }),
      device({ id: "router", kind: "ROUTER", monthlyFeeCents: 700 }),
      device({ id: "box", kind: "TV_BOX", monthlyFeeCents: 999 }),
    ],
  });

  it("has one line per service, per device, each fee and each tax, in print order", () => {
    expect(lines.map((l) => [l.kind, l.service, l.code, l.amountCents])).toEqual([
      ["SERVICE", "INTERNET", "plan-net", 8000],
      ["SERVICE", "TV", "plan-tv", 6500],
      ["SERVICE", "PHONE", "plan-phone", 2000],
      ["EQUIPMENT", null, "MODEM", 0],
      ["EQUIPMENT", null, "ROUTER", 700],
      ["EQUIPMENT", null, "TV_BOX", 999],
      ["FEE", "TV", "broadcast-tv", 2199],
      ["FEE", "PHONE", "e911", 75],
      // 8.75 % of 1699 = 148.66 → 149
      ["TAX", null, "sales-tax", 149],
      // 2.5 % of (6500 + 2000) = 212.5 → 213 (half up)
      ["TAX", null, "utility-users-tax", 213],
      // 3.6 % of 2000 = 72
      ["TAX", null, "federal-usf", 72],
    ]);
    expect(newChargesCents(lines)).toBe(20_907);
  });

  it("keeps the facts behind each line", () => {
    expect(lines[0]?.name).toBe("Internet Premier");
    expect(lines[0]?.details).toEqual({
      subscriptionId: "net",
      from: "2026-03-01",
      to: "2026-03-31",
      days: 31,
      cycleDays: 31,
      rateCents: 8000,
      regularCents: 8000,
      promo: false,
    });
    expect(lines[4]?.details).toMatchObject({ equipmentId: "router", days: 31, cycleDays: 31, rateCents: 700 });
    expect(byCode(lines, "broadcast-tv")?.details.label?.en).toBe("Broadcast TV surcharge");
    expect(byCode(lines, "sales-tax")?.details).toMatchObject({ rateBasisPoints: 875, baseCents: 1699 });
    expect(byCode(lines, "utility-users-tax")?.details).toMatchObject({ rateBasisPoints: 250, baseCents: 8500 });
    expect(byCode(lines, "federal-usf")?.details).toMatchObject({ rateBasisPoints: 360, baseCents: 2000 });
  });

  it("charges a service's fee and taxes only when that service is billed", () => {
    const internetOnly = build(MARCH, { subscriptions: [sub({ id: "net", service: "INTERNET", priceCents: 8000 })] });
    expect(internetOnly.map((l) => l.kind)).toEqual(["SERVICE"]);
    const tvOnly = build(MARCH, { subscriptions: [sub({ id: "tv", service: "TV", priceCents: 6500 })] });
    expect(tvOnly.map((l) => l.code)).toEqual(["plan-tv", "broadcast-tv", "utility-users-tax"]);
    expect(byCode(tvOnly, "utility-users-tax")?.amountCents).toBe(163); // 162.5 → 163
  });
});

describe("buildStatementLines: proration", () => {
  const period = cycleContaining("2026-03-20", 9); // Mar 9 – Apr 8, 31 days

  it("splits a promotion that ends mid-cycle into a promo line and a regular line", () => {
    const lines = build(period, {
      subscriptions: [
        sub({
          id: "net",
          service: "INTERNET",
          planName: "Internet Ultra",
          priceCents: 8000,
          promoCents: 5000,
          promoEndsOn: "2026-03-20",
        }),
      ],
    });
    expect(lines).toHaveLength(2);
    const [promo, regular] = lines as [DraftLine, DraftLine];
    expect(promo.details).toMatchObject({
      from: "2026-03-09",
      to: "2026-03-19",
      days: 11,
      cycleDays: 31,
      rateCents: 5000,
      regularCents: 8000,
      promo: true,
      promoEndsOn: "2026-03-20",
    });
    expect(regular.details).toMatchObject({
      from: "2026-03-20",
      to: "2026-04-08",
      days: 20,
      cycleDays: 31,
      rateCents: 8000,
      promo: false,
      promoEndsOn: "2026-03-20",
    });
    // 5000 × 11/31 = 1774.19 → 1774; 8000 − round(8000 × 11/31 = 2838.71) = 5161.
    expect(promo.amountCents).toBe(1774);
    expect(regular.amountCents).toBe(5161);
    expect(promo.amountCents).toBe(proratedCents(5000, 0, 11, 31));
    expect(regular.amountCents).toBe(proratedCents(8000, 11, 31, 31));
  });

  it("bills a whole cycle at one rate when the promotion ends on a cycle boundary or outside it", () => {
    const at = (promoEndsOn: string | null) =>
      build(period, {
        subscriptions: [sub({ id: "n", service: "INTERNET", priceCents: 8000, promoCents: 5000, promoEndsOn })],
      }).map((l) => [l.amountCents, l.details.promo]);
    expect(at("2026-03-09")).toEqual([[8000, false]]); // ends on the first day: regular throughout
    expect(at("2026-02-01")).toEqual([[8000, false]]);
    expect(at("2026-04-09")).toEqual([[5000, true]]); // first regular day is the next cycle
    expect(at("2026-06-01")).toEqual([[5000, true]]);
    expect(at(null)).toEqual([[5000, true]]); // open-ended promotion
    expect(
      build(period, {
        subscriptions: [sub({ id: "n", service: "INTERNET", priceCents: 8000, promoEndsOn: "2026-03-20" })],
      }).map((l) => [l.amountCents, l.details.promo]),
    ).toEqual([[8000, false]]); // an end date without a promo price is no promotion
  });

  it("bills each plan of a mid-cycle change for its own days, never more than the dearer plan", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.constantFrom<ServiceKind>("INTERNET", "TV", "PHONE"),
        (instant, cycleDay, offset, oldPrice, newPrice, service) => {
          const cycle = cycleContaining(instant.toISOString().slice(0, 10), cycleDay);
          const cycleDays = periodDays(cycle);
          const day = Math.min(offset, cycleDays - 1);
          const changeOn = addDays(cycle.start, day);
          const lines = build(cycle, {
            subscriptions: [
              sub({ id: "new", service, priceCents: newPrice, startedOn: changeOn }),
              sub({ id: "old", service, priceCents: oldPrice, startedOn: "2020-01-01", endedOn: changeOn }),
            ],
          }).filter((l) => l.kind === "SERVICE");
          expect(lines.map((l) => l.details.subscriptionId)).toEqual(["old", "new"]);
          const [oldLine, newLine] = lines as [DraftLine, DraftLine];
          expect(oldLine.details).toMatchObject({ from: cycle.start, to: addDays(changeOn, -1), days: day });
          expect(newLine.details).toMatchObject({ from: changeOn, to: cycle.end, days: cycleDays - day });
          expect(oldLine.amountCents).toBe(proratedCents(oldPrice, 0, day, cycleDays));
          expect(newLine.amountCents).toBe(proratedCents(newPrice, day, cycleDays, cycleDays));
          const together = oldLine.amountCents + newLine.amountCents;
          expect(together).toBeLessThanOrEqual(Math.max(oldPrice, newPrice));
          expect(together).toBeGreaterThanOrEqual(Math.min(oldPrice, newPrice));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("charges a service's flat fee once even when two plans of it share the cycle", () => {
    const lines = build(period, {
      subscriptions: [
        sub({ id: "old", service: "TV", priceCents: 6500, endedOn: "2026-03-20" }),
        sub({ id: "new", service: "TV", priceCents: 9000, startedOn: "2026-03-20" }),
      ],
    });
    expect(lines.filter((l) => l.code === "broadcast-tv")).toHaveLength(1);
  });

  it("prorates equipment installed or returned inside the cycle", () => {
    const lines = build(MARCH, {
      equipment: [
        device({ id: "a", monthlyFeeCents: 1000, installedOn: "2026-03-11" }), // 21 of 31 days
        device({ id: "b", monthlyFeeCents: 1000, returnedOn: "2026-03-11" }), // 10 of 31 days
      ],
    });
    expect(lines.map((l) => [l.kind, l.details.equipmentId, l.details.days, l.amountCents])).toEqual([
      ["EQUIPMENT", "a", 21, 677], // 1000 − round(10 × 1000/31 = 322.58)
      ["EQUIPMENT", "b", 10, 323],
      ["TAX", undefined, undefined, 88], // 8.75 % of 1000 = 87.5 → 88
    ]);
  });

  it("gives no lines for a subscription or device entirely outside the period", () => {
    const lines = build(MARCH, {
      subscriptions: [
        sub({ id: "gone", service: "TV", startedOn: "2025-01-01", endedOn: "2026-03-01" }), // last day Feb 28
        sub({ id: "future", service: "PHONE", startedOn: "2026-04-01" }),
        sub({ id: "past", service: "INTERNET", startedOn: "2025-01-01", endedOn: "2025-06-01" }),
      ],
      equipment: [
        device({ id: "returned", returnedOn: "2026-03-01" }),
        device({ id: "later", installedOn: "2026-04-01" }),
      ],
    });
    expect(lines).toEqual([]);
  });

  it("bills a single day at either end of the period", () => {
    const lines = build(MARCH, {
      subscriptions: [
        sub({ id: "last-day", service: "INTERNET", priceCents: 3100, startedOn: "2026-03-31" }),
        sub({ id: "first-day", service: "INTERNET", priceCents: 3100, endedOn: "2026-03-02" }),
      ],
    });
    expect(lines.map((l) => [l.details.subscriptionId, l.details.days, l.amountCents])).toEqual([
      ["first-day", 1, 100],
      ["last-day", 1, 100],
    ]);
  });
});

describe("buildStatementLines: pending charges and credits", () => {
  it("includes each once, with its sign, grouped by kind and ordered by date", () => {
    const lines = build(MARCH, {
      subscriptions: [sub({ id: "net", service: "INTERNET", priceCents: 8000 })],
      charges: [
        charge({ id: "late", kind: "FEE", code: "late-fee", amountCents: 899, chargedOn: "2026-03-03" }),
        charge({ id: "credit", kind: "CREDIT", code: "outage-credit", amountCents: -1250, chargedOn: "2026-03-02" }),
        charge({ id: "install", kind: "ONE_TIME", code: "installation", amountCents: 4999, chargedOn: "2026-03-10" }),
        charge({ id: "visit", kind: "ONE_TIME", code: "tech-visit", amountCents: 2500, chargedOn: "2026-03-04" }),
      ],
    });
    expect(lines.map((l) => [l.kind, l.code, l.amountCents, l.details.chargeId])).toEqual([
      ["SERVICE", "plan-net", 8000, undefined],
      ["ONE_TIME", "tech-visit", 2500, "visit"],
      ["ONE_TIME", "installation", 4999, "install"],
      ["CREDIT", "outage-credit", -1250, "credit"],
      ["FEE", "late-fee", 899, "late"],
    ]);
    expect(lines[1]?.details).toEqual({ chargeId: "visit", from: "2026-03-04", values: {} });
    expect(newChargesCents(lines)).toBe(8000 + 2500 + 4999 - 1250 + 899);
  });

  it("does not tax one-time charges", () => {
    const lines = build(MARCH, {
      subscriptions: [sub({ id: "p", service: "PHONE", priceCents: 2000 })],
      charges: [charge({ id: "c", kind: "ONE_TIME", amountCents: 10_000 })],
    });
    expect(byCode(lines, "federal-usf")?.details.baseCents).toBe(2000);
  });
});

// ---------------------------------------------------------------------------------------------

const SERVICES: ServiceKind[] = ["INTERNET", "TV", "PHONE"];

/** A day offset from a base date, so generated dates fall before, inside and after the period. */
const offset = fc.integer({ min: -45, max: 75 });

const subscriptionArb = fc.record({
  service: fc.constantFrom(...SERVICES),
  priceCents: fc.integer({ min: 0, max: 30_000 }),
  promoCents: fc.option(fc.integer({ min: 0, max: 30_000 })),
  promoEndsOn: fc.option(offset),
  start: offset,
  length: fc.option(fc.integer({ min: 1, max: 90 })),
});

const equipmentArb = fc.record({
  kind: fc.constantFrom("MODEM", "ROUTER", "TV_BOX", "PHONE_ADAPTER"),
  monthlyFeeCents: fc.integer({ min: 0, max: 2_000 }),
  start: offset,
  length: fc.option(fc.integer({ min: 1, max: 90 })),
});

const chargeArb = fc.record({
  kind: fc.constantFrom<PendingCharge["kind"]>("ONE_TIME", "CREDIT", "FEE"),
  code: fc.constantFrom("installation", "late-fee", "usage-overage", "goodwill"),
  amountCents: fc.integer({ min: -20_000, max: 20_000 }),
  on: offset,
});

const scenarioArb = fc.record({
  date: fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2029-12-31T00:00:00Z"), noInvalidDate: true }),
  cycleDay: fc.integer({ min: 1, max: 28 }),
  subscriptions: fc.array(subscriptionArb, { maxLength: 6 }),
  equipment: fc.array(equipmentArb, { maxLength: 5 }),
  charges: fc.array(chargeArb, { maxLength: 5 }),
});

describe("buildStatementLines: any account", () => {
  it("totals its lines, in whole cents, in print order", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const period = cycleContaining(s.date.toISOString().slice(0, 10), s.cycleDay);
        const base = period.start;
        const subscriptions = s.subscriptions.map((r, i) =>
          sub({
            id: `s${i}`,
            service: r.service,
            priceCents: r.priceCents,
            promoCents: r.promoCents,
            promoEndsOn: r.promoEndsOn === null ? null : addDays(base, r.promoEndsOn),
            startedOn: addDays(base, r.start),
            endedOn: r.length === null ? null : addDays(base, r.start + r.length),
          }),
        );
        const equipment = s.equipment.map((r, i) =>
          device({
            id: `e${i}`,
            kind: r.kind,
            monthlyFeeCents: r.monthlyFeeCents,
            installedOn: addDays(base, r.start),
            returnedOn: r.length === null ? null : addDays(base, r.start + r.length),
          }),
        );
        const charges = s.charges.map((r, i) =>
          charge({
            id: `c${i}`,
            kind: r.kind,
            code: r.code,
            amountCents: r.amountCents,
            chargedOn: addDays(base, r.on),
          }),
        );
        const lines = build(period, { subscriptions, equipment, charges });

        expect(newChargesCents(lines)).toBe(sumCents(lines.map((l) => l.amountCents)));
        for (const line of lines) expect(Number.isInteger(line.amountCents)).toBe(true);
        const order = lines.map((l) => KIND_ORDER.indexOf(l.kind));
        expect(order).toEqual([...order].sort((a, b) => a - b));

        // Every pending charge appears exactly once, as given.
        const chargeLines = lines.filter((l) => l.details.chargeId !== undefined);
        expect(chargeLines.map((l) => l.details.chargeId).sort()).toEqual(charges.map((c) => c.id).sort());
        for (const c of charges) {
          expect(chargeLines.find((l) => l.details.chargeId === c.id)?.amountCents).toBe(c.amountCents);
        }

        // Each subscription's lines cover exactly its days in the period and stay inside it.
        const cycleDays = periodDays(period);
        for (const subscription of subscriptions) {
          const own = lines.filter((l) => l.details.subscriptionId === subscription.id);
          for (const line of own) {
            expect(line.details.from! >= period.start && line.details.to! <= period.end).toBe(true);
            expect(line.details.cycleDays).toBe(cycleDays);
          }
          const days = sumCents(own.map((l) => l.details.days ?? 0));
          expect(days).toBeLessThanOrEqual(cycleDays);
          const price = Math.max(subscription.priceCents, subscription.promoCents ?? 0);
          expect(sumCents(own.map((l) => l.amountCents))).toBeLessThanOrEqual(price);
        }

        // Fees follow billed services; taxes are their rate of their base.
        const billed = new Set(lines.filter((l) => l.kind === "SERVICE").map((l) => l.service));
        for (const fee of rules.fees) {
          expect(lines.some((l) => l.kind === "FEE" && l.code === fee.code)).toBe(billed.has(fee.service));
        }
        for (const tax of lines.filter((l) => l.kind === "TAX")) {
          expect(tax.amountCents).toBe(basisPointsOf(tax.details.baseCents!, tax.details.rateBasisPoints!));
        }
      }),
      { numRuns: 300 },
    );
  });
});
