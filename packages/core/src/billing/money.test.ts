import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basisPointsOf, parseDollarsToCents, proratedCents, sumCents } from "./money.ts";

/** A cycle of 28–31 days cut into consecutive [from, to) segments that cover it exactly. */
const cycleSplit = fc.integer({ min: 28, max: 31 }).chain((cycleDays) =>
  fc.uniqueArray(fc.integer({ min: 1, max: cycleDays - 1 }), { maxLength: cycleDays - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), cycleDays];
    const segments = points.slice(1).map((to, i) => ({ from: points[i] as number, to }));
    return { cycleDays, segments };
  }),
);

/** Half-up reference in exact integer arithmetic: round(|n| / d) with .5 away from zero. */
function roundHalfAwayExact(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return negative ? -Number(rounded) : Number(rounded);
}

describe("proratedCents", () => {
  it("the segments of any split of a cycle add up to the monthly price exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), cycleSplit, (monthly, { cycleDays, segments }) => {
        const parts = segments.map(({ from, to }) => proratedCents(monthly, from, to, cycleDays));
        expect(sumCents(parts)).toBe(monthly);
        for (const [i, part] of parts.entries()) {
          const { from, to } = segments[i] as { from: number; to: number };
          expect(Number.isInteger(part)).toBe(true);
          expect(part).toBeGreaterThanOrEqual(0);
          expect(Math.abs(part - (monthly * (to - from)) / cycleDays)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a full cycle is the monthly price whatever its length", () => {
    for (const cycleDays of [28, 29, 30, 31]) {
      expect(proratedCents(8999, 0, cycleDays, cycleDays)).toBe(8999);
      expect(proratedCents(0, 0, cycleDays, cycleDays)).toBe(0);
      expect(proratedCents(8999, 5, 5, cycleDays)).toBe(0);
    }
  });

  it("matches hand-computed amounts", () => {
    // $80.00 for 11 of 31 days: 8000 × 11 / 31 = 2838.71 → 2839; the other 20 days take the rest.
    expect(proratedCents(8000, 0, 11, 31)).toBe(2839);
    expect(proratedCents(8000, 11, 31, 31)).toBe(5161);
    // $1.00 split in two halves of a 30-day cycle: 50 + 50.
    expect(proratedCents(100, 0, 15, 30)).toBe(50);
    expect(proratedCents(100, 15, 30, 30)).toBe(50);
    // 1 cent for 15 of 30 days is exactly half a cent: rounds up, the second half gets nothing.
    expect(proratedCents(1, 0, 15, 30)).toBe(1);
    expect(proratedCents(1, 15, 30, 30)).toBe(0);
  });

  it("throws on days outside the cycle and non-integer cents", () => {
    expect(() => proratedCents(1000, -1, 10, 30)).toThrow(RangeError);
    expect(() => proratedCents(1000, 0, 31, 30)).toThrow(RangeError);
    expect(() => proratedCents(1000, 20, 10, 30)).toThrow(RangeError);
    expect(() => proratedCents(1000.5, 0, 10, 30)).toThrow(RangeError);
    expect(() => proratedCents(Number.NaN, 0, 10, 30)).toThrow(RangeError);
    expect(() => proratedCents(1000, 0, 30, 30)).not.toThrow();
  });
});

describe("basisPointsOf", () => {
  it("rounds half up", () => {
    expect(basisPointsOf(8500, 250)).toBe(213); // 212.5
    expect(basisPointsOf(1999, 875)).toBe(175); // 174.9125
    expect(basisPointsOf(2000, 360)).toBe(72);
    expect(basisPointsOf(1, 5000)).toBe(1); // 0.5
    expect(basisPointsOf(3, 5000)).toBe(2); // 1.5
    expect(basisPointsOf(4999, 1)).toBe(0); // 0.4999
    expect(basisPointsOf(5000, 1)).toBe(1); // 0.5
    expect(basisPointsOf(0, 875)).toBe(0);
    expect(basisPointsOf(12_345, 0)).toBe(0);
    expect(basisPointsOf(12_345, 10_000)).toBe(12_345);
  });

  it("rounds negatives symmetrically (half away from zero)", () => {
    expect(basisPointsOf(-8500, 250)).toBe(-213);
    expect(basisPointsOf(-1, 5000)).toBe(-1);
    expect(basisPointsOf(-3, 5000)).toBe(-2);
    expect(basisPointsOf(-4999, 1) + 0).toBe(0);
  });

  it("agrees with exact integer rounding and is odd-symmetric", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (c, bp) => {
        const expected = roundHalfAwayExact(BigInt(c) * BigInt(bp), 10_000n);
        expect(basisPointsOf(c, bp) + 0).toBe(expected + 0);
        expect(basisPointsOf(-c, bp) + 0).toBe(-basisPointsOf(c, bp) + 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseDollarsToCents", () => {
  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["12.50", 1250],
    ["$1,234.56", 123_456],
    [" 7.05 ", 705],
    ["0.01", 1],
    ["0", 0],
    ["1,234,567", 123_456_700],
    ["$9999999.99", 999_999_999],
  ])("parses %j as %i cents", (input, cents) => {
    expect(parseDollarsToCents(input)).toBe(cents);
  });

  it.each([
    "",
    "   ",
    "-1",
    "1.234",
    "abc",
    "1e3",
    "12,34",
    "$",
    ".5",
    "12.",
    "1 000",
    "12345678",
    "$-5",
    "+5",
    "0x10",
  ])("rejects %j", (input) => {
    expect(parseDollarsToCents(input)).toBeNull();
  });

  it("round-trips any formatted amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (cents) => {
        const dollars = Math.floor(cents / 100);
        const fraction = String(cents % 100).padStart(2, "0");
        const grouped = dollars.toLocaleString("en-US");
        expect(parseDollarsToCents(`${dollars}.${fraction}`)).toBe(cents);
        expect(parseDollarsToCents(`$${grouped}.${fraction}`)).toBe(cents);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sumCents", () => {
  it("adds any iterable", () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([100, -25, 3])).toBe(78);
    expect(sumCents(new Set([1, 2, 3]))).toBe(6);
  });
});
