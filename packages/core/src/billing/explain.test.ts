import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCoreEnv } from "../env.ts";
import { loadProviderProfile } from "../provider/profile.ts";
import { addDays, type BillingPeriod, cycleContaining } from "./calendar.ts";
import { type BillChange, explainChanges } from "./explain.ts";
import { sumCents } from "./money.ts";
import {
  type BilledEquipment,
  type BilledSubscription,
  buildStatementLines,
  type DraftLine,
  type PendingCharge,
  type ServiceKind,
} from "./statement-lines.ts";

const rules = loadProviderProfile(readCoreEnv({})).billing;

/** Cycle day 9: Feb 9 – Mar 8 (28 days), then Mar 9 – Apr 8 (31 days), then Apr 9 – May 8. */
const FEB = cycleContaining("2026-02-20", 9);
const MAR = cycleContaining("2026-03-20", 9);
const APR = cycleContaining("2026-04-20", 9);

interface Account {
  subscriptions: BilledSubscription[];
  equipment: BilledEquipment[];
}

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
    monthlyFeeCents: 1000,
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
    chargedOn: "2026-03-10",
    values: {},
    ...overrides,
  };
}

function statement(period: BillingPeriod, account: Partial<Account>, charges: PendingCharge[] = []): DraftLine[] {
  return buildStatementLines(period, { subscriptions: [], equipment: [], ...account, charges }, rules);
}

const total = (lines: DraftLine[]) => sumCents(lines.map((l) => l.amountCents));
const reasons = (changes: BillChange[]) => changes.map((c) => c.reason);
const changeSum = (changes: BillChange[]) => sumCents(changes.map((c) => c.deltaCents));

describe("explainChanges", () => {
  it("says nothing changed between two identical full months", () => {
    const account = {
      subscriptions: [sub({ id: "net", service: "INTERNET", priceCents: 8000 }), sub({ id: "tv", service: "TV" })],
      equipment: [device({ id: "box", kind: "TV_BOX" })],
    };
    const explanation = explainChanges(statement(FEB, account), statement(MAR, account));
    expect(explanation.changes).toEqual([]);
    expect(explanation.deltaCents).toBe(0);
  });

  it("explains a promotion that ends with its promo and regular rates", () => {
    const account = {
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
    };
    const previous = statement(FEB, account);
    const current = statement(MAR, account);
    expect(total(previous)).toBe(5000);
    expect(total(current)).toBe(1774 + 5161); // 11 promo days + 20 regular days of 31
    const explanation = explainChanges(previous, current);
    expect(explanation).toEqual({
      previousCents: 5000,
      currentCents: 6935,
      deltaCents: 1935,
      changes: [
        {
          reason: "PROMO_ENDED",
          name: "Internet Ultra",
          promoCents: 5000,
          regularCents: 8000,
          on: "2026-03-20",
          deltaCents: 1935,
        },
      ],
    });
  });

  it("dates the promotion's end by the promotion, on the first full bill after it too", () => {
    const account = {
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
    };
    const explanation = explainChanges(statement(MAR, account), statement(APR, account));
    expect(explanation.changes).toEqual([
      {
        reason: "PROMO_ENDED",
        name: "Internet Ultra",
        promoCents: 5000,
        regularCents: 8000,
        on: "2026-03-20",
        deltaCents: 8000 - 6935,
      },
    ]);
  });

  it("explains a plan change with both names, the day and each plan's days", () => {
    const account = {
      subscriptions: [
        sub({ id: "gig", service: "INTERNET", planName: "Internet Gig", priceCents: 8000, startedOn: "2026-03-20" }),
        sub({ id: "300", service: "INTERNET", planName: "Internet 300", priceCents: 5000, endedOn: "2026-03-20" }),
      ],
    };
    const previous = statement(FEB, account);
    const current = statement(MAR, account);
    expect(previous.map((l) => l.details.subscriptionId)).toEqual(["300"]);
    expect(current.map((l) => [l.details.subscriptionId, l.amountCents])).toEqual([
      ["300", 1774], // 5000 × 11/31
      ["gig", 5161], // 8000 − round(8000 × 11/31)
    ]);
    const explanation = explainChanges(previous, current);
    expect(explanation.changes).toEqual([
      {
        reason: "PLAN_CHANGED",
        fromName: "Internet 300",
        toName: "Internet Gig",
        on: "2026-03-20",
        oldDays: 11,
        newDays: 20,
        deltaCents: 1774 + 5161 - 5000,
      },
    ]);
    expect(explanation.deltaCents).toBe(1935);

    // The bill after: the old plan is gone and the new one is billed in full.
    const next = explainChanges(current, statement(APR, account));
    expect(reasons(next.changes).sort()).toEqual(["PARTIAL_MONTH", "SERVICE_REMOVED"]);
    expect(changeSum(next.changes)).toBe(next.deltaCents);
  });

  it("pairs each new plan with a different old one when two lines change plans on the same day", () => {
    const account = {
      subscriptions: [
        sub({ id: "a-old", service: "PHONE", planName: "Line A basic", priceCents: 2000, endedOn: "2026-03-20" }),
        sub({ id: "b-old", service: "PHONE", planName: "Line B basic", priceCents: 2000, endedOn: "2026-03-20" }),
        sub({ id: "a-new", service: "PHONE", planName: "Line A plus", priceCents: 3000, startedOn: "2026-03-20" }),
        sub({ id: "b-new", service: "PHONE", planName: "Line B plus", priceCents: 3000, startedOn: "2026-03-20" }),
      ],
    };
    const explanation = explainChanges(statement(FEB, account), statement(MAR, account));
    const planChanges = explanation.changes.filter((c) => c.reason === "PLAN_CHANGED");
    expect(planChanges).toHaveLength(2);
    expect(new Set(planChanges.map((c) => c.fromName)).size).toBe(2);
    expect(new Set(planChanges.map((c) => c.toName)).size).toBe(2);
    expect(reasons(explanation.changes)).not.toContain("PARTIAL_MONTH");
    expect(changeSum(explanation.changes)).toBe(explanation.deltaCents);
  });

  it("explains a plan change with its fees and taxes moving separately", () => {
    const account = {
      subscriptions: [
        sub({ id: "basic", service: "TV", planName: "TV Stream", priceCents: 2500, endedOn: "2026-03-20" }),
        sub({ id: "select", service: "TV", planName: "TV Select", priceCents: 6500, startedOn: "2026-03-20" }),
      ],
    };
    const previous = statement(FEB, account);
    const current = statement(MAR, account);
    const explanation = explainChanges(previous, current);
    expect(reasons(explanation.changes)).toEqual(["PLAN_CHANGED", "FEES_AND_TAXES"]);
    expect(explanation.changes[0]).toMatchObject({ fromName: "TV Stream", toName: "TV Select", oldDays: 11 });
    expect(changeSum(explanation.changes)).toBe(explanation.deltaCents);
  });

  it("explains new and returned equipment", () => {
    const before = { equipment: [device({ id: "old", model: "Old Box", kind: "TV_BOX", returnedOn: "2026-03-09" })] };
    const after = {
      equipment: [
        ...before.equipment,
        device({ id: "router", model: "Advanced WiFi", monthlyFeeCents: 1000, installedOn: "2026-03-20" }),
      ],
    };
    const explanation = explainChanges(statement(FEB, before), statement(MAR, after));
    expect(explanation.changes).toEqual([
      { reason: "EQUIPMENT_ADDED", name: "Advanced WiFi", on: "2026-03-20", deltaCents: 645 }, // 1000 − 355
      { reason: "EQUIPMENT_RETURNED", name: "Old Box", deltaCents: -1000 },
      // sales tax: 8.75 % of 645 = 56.4 → 56, was 8.75 % of 1000 = 87.5 → 88
      { reason: "FEES_AND_TAXES", deltaCents: 56 - 88 },
    ]);
    expect(changeSum(explanation.changes)).toBe(explanation.deltaCents);
  });

  it("explains a one-time charge, a late fee, a usage overage and a credit", () => {
    const account = { subscriptions: [sub({ id: "net", service: "INTERNET", priceCents: 8000 })] };
    const current = statement(MAR, account, [
      charge({ id: "i", code: "installation", amountCents: 4999 }),
      charge({ id: "l", kind: "FEE", code: "late-fee", amountCents: 899, chargedOn: "2026-03-15" }),
      charge({ id: "u", code: "usage-overage", amountCents: 1000, chargedOn: "2026-03-11" }),
      charge({ id: "c", kind: "CREDIT", code: "outage-credit", amountCents: -500 }),
    ]);
    const explanation = explainChanges(statement(FEB, account), current);
    expect(explanation.changes).toEqual([
      { reason: "ONE_TIME_CHARGE", code: "installation", deltaCents: 4999 },
      { reason: "USAGE_OVERAGE", deltaCents: 1000 },
      { reason: "CREDIT", code: "outage-credit", deltaCents: -500 },
      { reason: "LATE_FEE", deltaCents: 899 },
    ]);
    expect(explanation.deltaCents).toBe(4999 + 1000 - 500 + 899);
  });

  it("takes last bill's one-time charges back off", () => {
    const account = { subscriptions: [sub({ id: "net", service: "INTERNET", priceCents: 8000 })] };
    const previous = statement(FEB, account, [
      charge({ id: "i", code: "installation", amountCents: 4999, chargedOn: "2026-02-10" }),
      charge({ id: "l", kind: "FEE", code: "late-fee", amountCents: 899, chargedOn: "2026-02-15" }),
      charge({ id: "c", kind: "CREDIT", code: "goodwill", amountCents: -300, chargedOn: "2026-02-15" }),
    ]);
    const explanation = explainChanges(previous, statement(MAR, account));
    expect(explanation.changes).toEqual([
      { reason: "ONE_TIME_CHARGE", code: "previous-one-time", deltaCents: -(4999 + 899 - 300) },
    ]);
    expect(explanation.deltaCents).toBe(-(4999 + 899 - 300));
  });

  it("explains services added, removed, repriced and billed for part of a month", () => {
    const previous = statement(FEB, {
      subscriptions: [
        sub({ id: "tv", service: "TV", planName: "TV Select", priceCents: 6500 }),
        sub({ id: "net", service: "INTERNET", planName: "Internet", priceCents: 8000 }),
        sub({ id: "phone", service: "PHONE", planName: "Voice", priceCents: 2000, startedOn: "2026-02-23" }),
      ],
    });
    const current = statement(MAR, {
      subscriptions: [
        sub({ id: "net", service: "INTERNET", planName: "Internet", priceCents: 8500 }),
        sub({ id: "phone", service: "PHONE", planName: "Voice", priceCents: 2000, startedOn: "2026-02-23" }),
        sub({ id: "mobile", service: "PHONE", planName: "Second line", priceCents: 1000, startedOn: "2026-04-01" }),
      ],
    });
    const explanation = explainChanges(previous, current);
    expect(explanation.changes).toEqual([
      { reason: "SERVICE_ADDED", name: "Second line", on: "2026-04-01", deltaCents: 258 }, // 1000 × 8/31
      { reason: "PRICE_CHANGED", name: "Internet", fromCents: 8000, toCents: 8500, deltaCents: 500 },
      // Feb 23 – Mar 8 is 14 of 28 days: 1000; now the whole month.
      { reason: "PARTIAL_MONTH", name: "Voice", days: 31, cycleDays: 31, deltaCents: 1000 },
      { reason: "SERVICE_REMOVED", name: "TV Select", deltaCents: -6500 },
      { reason: "FEES_AND_TAXES", deltaCents: explanation.changes.at(-1)?.deltaCents },
    ]);
    expect(changeSum(explanation.changes)).toBe(explanation.deltaCents);
  });

  it("with no previous statement lists no service, equipment or fee changes", () => {
    const account = {
      subscriptions: [
        sub({ id: "gig", service: "INTERNET", priceCents: 8000, startedOn: "2026-03-20" }),
        sub({ id: "300", service: "INTERNET", priceCents: 5000, endedOn: "2026-03-20" }),
        sub({ id: "tv", service: "TV", promoCents: 3000, promoEndsOn: "2026-03-15" }),
      ],
      equipment: [device({ id: "router", installedOn: "2026-03-12" })],
    };
    const current = statement(MAR, account, [
      charge({ id: "i", code: "installation", amountCents: 4999 }),
      charge({ id: "l", kind: "FEE", code: "late-fee", amountCents: 899 }),
    ]);
    const explanation = explainChanges(null, current);
    expect(explanation.previousCents).toBe(0);
    expect(explanation.currentCents).toBe(total(current));
    expect(explanation.deltaCents).toBe(total(current));
    expect(explanation.changes).toEqual([
      { reason: "ONE_TIME_CHARGE", code: "installation", deltaCents: 4999 },
      { reason: "LATE_FEE", deltaCents: 899 },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

const SERVICES: ServiceKind[] = ["INTERNET", "TV", "PHONE"];

/** Days from the previous period's start; both periods together span 56–62 days. */
const day = fc.integer({ min: -40, max: 80 });

const planArb = fc.record({
  priceCents: fc.integer({ min: 0, max: 20_000 }),
  promoCents: fc.option(fc.integer({ min: 0, max: 20_000 })),
  promoEndsOn: fc.option(day),
});

const lineOfServiceArb = fc.record({
  service: fc.constantFrom(...SERVICES),
  start: day,
  plan: planArb,
  /** Days after the start when the plan changes, and the plan it changes to. */
  change: fc.option(fc.record({ after: fc.integer({ min: 1, max: 90 }), plan: planArb })),
  /** Days after the (last) plan starts when the service stops. */
  stopAfter: fc.option(fc.integer({ min: 1, max: 90 })),
});

const equipmentArb = fc.record({
  kind: fc.constantFrom("MODEM", "ROUTER", "TV_BOX"),
  monthlyFeeCents: fc.integer({ min: 0, max: 2_000 }),
  start: day,
  returnAfter: fc.option(fc.integer({ min: 1, max: 90 })),
});

const chargeArb = fc.record({
  kind: fc.constantFrom<PendingCharge["kind"]>("ONE_TIME", "CREDIT", "FEE"),
  code: fc.constantFrom("installation", "late-fee", "usage-overage", "goodwill", "returned-payment"),
  amountCents: fc.integer({ min: -10_000, max: 10_000 }),
});

const scenarioArb = fc.record({
  date: fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2029-12-31T00:00:00Z"), noInvalidDate: true }),
  cycleDay: fc.integer({ min: 1, max: 28 }),
  services: fc.array(lineOfServiceArb, { maxLength: 5 }),
  equipment: fc.array(equipmentArb, { maxLength: 4 }),
  previousCharges: fc.array(chargeArb, { maxLength: 3 }),
  currentCharges: fc.array(chargeArb, { maxLength: 3 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function accountOf(s: Scenario, base: string): Account {
  const subscriptions: BilledSubscription[] = [];
  s.services.forEach((line, i) => {
    const plan = (id: string, p: Scenario["services"][number]["plan"], startedOn: string, endedOn: string | null) =>
      sub({
        id,
        service: line.service,
        planName: `${line.service} ${id}`,
        priceCents: p.priceCents,
        promoCents: p.promoCents,
        promoEndsOn: p.promoEndsOn === null ? null : addDays(base, p.promoEndsOn),
        startedOn,
        endedOn,
      });
    const startedOn = addDays(base, line.start);
    const changeOn = line.change ? addDays(startedOn, line.change.after) : null;
    const lastStart = changeOn ?? startedOn;
    const endedOn = line.stopAfter === null ? null : addDays(lastStart, line.stopAfter);
    if (line.change && changeOn) {
      subscriptions.push(plan(`s${i}a`, line.plan, startedOn, changeOn));
      subscriptions.push(plan(`s${i}b`, line.change.plan, changeOn, endedOn));
    } else {
      subscriptions.push(plan(`s${i}`, line.plan, startedOn, endedOn));
    }
  });
  const equipment = s.equipment.map((e, i) => {
    const installedOn = addDays(base, e.start);
    return device({
      id: `e${i}`,
      kind: e.kind,
      monthlyFeeCents: e.monthlyFeeCents,
      installedOn,
      returnedOn: e.returnAfter === null ? null : addDays(installedOn, e.returnAfter),
    });
  });
  return { subscriptions, equipment };
}

function chargesOf(charges: Scenario["previousCharges"], prefix: string, on: string): PendingCharge[] {
  return charges.map((c, i) => charge({ id: `${prefix}${i}`, ...c, chargedOn: on }));
}

describe("explainChanges on any account", () => {
  it("gives reasons that add up to the difference between two bills", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const current = cycleContaining(s.date.toISOString().slice(0, 10), s.cycleDay);
        const previous = cycleContaining(addDays(current.start, -1), s.cycleDay);
        const account = accountOf(s, previous.start);
        const before = statement(previous, account, chargesOf(s.previousCharges, "p", previous.end));
        const now = statement(current, account, chargesOf(s.currentCharges, "c", current.end));

        const explanation = explainChanges(before, now);
        expect(explanation.previousCents).toBe(total(before));
        expect(explanation.currentCents).toBe(total(now));
        expect(explanation.deltaCents).toBe(total(now) - total(before));
        expect(changeSum(explanation.changes)).toBe(explanation.deltaCents);
        for (const change of explanation.changes) expect(Number.isInteger(change.deltaCents)).toBe(true);

        // Every plan change names a real pair: the old plan stops the day before the new one starts.
        for (const change of explanation.changes) {
          if (change.reason !== "PLAN_CHANGED") continue;
          const to = now.find((l) => l.name === change.toName);
          expect(to?.details.from).toBe(change.on);
          expect(now.some((l) => l.name === change.fromName && l.details.to === addDays(change.on, -1))).toBe(true);
        }
        // The one-offs on this bill are each named once.
        const oneOffs = explanation.changes.filter(
          (c) => c.reason === "LATE_FEE" || c.reason === "CREDIT" || c.reason === "USAGE_OVERAGE",
        );
        const oneOffLines = now.filter(
          (l) => l.code === "late-fee" || l.kind === "CREDIT" || (l.kind === "ONE_TIME" && l.code === "usage-overage"),
        );
        expect(oneOffs).toHaveLength(oneOffLines.length);
      }),
      { numRuns: 300 },
    );
  });

  it("still adds up across a run of consecutive bills", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        let period = cycleContaining(s.date.toISOString().slice(0, 10), s.cycleDay);
        const account = accountOf(s, period.start);
        let previous: DraftLine[] | null = null;
        for (let i = 0; i < 4; i += 1) {
          const lines = statement(period, account, i === 1 ? chargesOf(s.currentCharges, `c${i}-`, period.end) : []);
          const explanation = explainChanges(previous, lines);
          if (previous) expect(changeSum(explanation.changes)).toBe(explanation.deltaCents);
          previous = lines;
          period = cycleContaining(addDays(period.end, 1), s.cycleDay);
        }
      }),
      { numRuns: 100 },
    );
  });
});
