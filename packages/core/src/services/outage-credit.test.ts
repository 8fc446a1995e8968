import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditCents, creditDays, outageHours } from "./outage-credit.ts";

const RULES = { minimumHours: 4, hoursPerCreditDay: 24 };
const at = (hours: number) => new Date(Date.UTC(2026, 10, 1) + hours * 3_600_000);

describe("outage credit", () => {
  it("gives nothing below the minimum and a day for each started 24 hours from it", () => {
    expect(creditDays(at(0), at(3.99), RULES)).toBe(0);
    expect(creditDays(at(0), at(4), RULES)).toBe(1);
    expect(creditDays(at(0), at(24), RULES)).toBe(1);
    expect(creditDays(at(0), at(24.01), RULES)).toBe(2);
    expect(creditDays(at(0), at(72), RULES)).toBe(3);
    expect(creditDays(at(5), at(0), RULES)).toBe(0);
  });

  it("counts whole hours for the notice", () => {
    expect(outageHours(at(0), at(6.75))).toBe(6);
    expect(outageHours(at(2), at(1))).toBe(0);
  });

  it("credits a day of each affected service at its billed rate", () => {
    // One day of $79.99 internet and $44.99 TV in a 31-day cycle: 258 + 145 cents.
    expect(creditCents([7999, 4499], 1, 31)).toBe(258 + 145);
    expect(creditCents([7999], 0, 31)).toBe(0);
    expect(creditCents([7999], 31, 31)).toBe(7999);
    expect(creditCents([7999], 40, 30)).toBe(7999 + 2666);
  });

  it("never credits more than the days are worth, and more days never credit less", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 28, max: 31 }),
        (rates, days, cycleDays) => {
          const cents = creditCents(rates, days, cycleDays);
          const exact = rates.reduce((sum, rate) => sum + (rate * days) / cycleDays, 0);
          expect(Math.abs(cents - exact)).toBeLessThanOrEqual(rates.length);
          expect(creditCents(rates, days + 1, cycleDays)).toBeGreaterThanOrEqual(cents);
        },
      ),
    );
  });
});
