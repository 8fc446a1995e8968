import { describe, expect, it } from "vitest";
import { BillingError, type BillingErrorCode } from "./errors.ts";
import { resolveAmount } from "./pay.ts";

type Owed = Parameters<typeof resolveAmount>[2];

const owed = (availableCents: number, pastDueCents = 0, inFlightCents = 0): Owed => ({
  availableCents,
  pastDueCents,
  inFlightCents,
});

function errorOf(run: () => unknown): BillingError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BillingError);
    return error as BillingError;
  }
  throw new Error("expected a BillingError");
}

const codeOf = (run: () => unknown): BillingErrorCode => errorOf(run).code;

describe("resolveAmount", () => {
  describe("BALANCE", () => {
    it("is everything available to pay", () => {
      expect(resolveAmount("BALANCE", undefined, owed(12_345, 4_000), false)).toBe(12_345);
      expect(resolveAmount("BALANCE", "5.00", owed(12_345), false)).toBe(12_345); // the other amount is ignored
      expect(resolveAmount("BALANCE", undefined, owed(1), true)).toBe(1);
    });

    it("is NOTHING_DUE when nothing is owed and PAYMENT_IN_PROGRESS when a payment covers it", () => {
      expect(codeOf(() => resolveAmount("BALANCE", undefined, owed(0), false))).toBe("NOTHING_DUE");
      expect(codeOf(() => resolveAmount("BALANCE", undefined, owed(-2_500), true))).toBe("NOTHING_DUE");
      expect(codeOf(() => resolveAmount("BALANCE", undefined, owed(0, 0, 9_000), false))).toBe("PAYMENT_IN_PROGRESS");
      expect(codeOf(() => resolveAmount("BALANCE", undefined, owed(-100, 0, 9_000), false))).toBe(
        "PAYMENT_IN_PROGRESS",
      );
    });
  });

  describe("PAST_DUE", () => {
    it("is the past-due part, capped at what is available", () => {
      expect(resolveAmount("PAST_DUE", undefined, owed(12_000, 4_000), false)).toBe(4_000);
      expect(resolveAmount("PAST_DUE", undefined, owed(3_000, 4_000, 9_000), false)).toBe(3_000);
      expect(resolveAmount("PAST_DUE", undefined, owed(4_000, 4_000), false)).toBe(4_000);
    });

    it("is NO_PAST_DUE when nothing is past due", () => {
      expect(codeOf(() => resolveAmount("PAST_DUE", undefined, owed(12_000, 0), false))).toBe("NO_PAST_DUE");
      expect(codeOf(() => resolveAmount("PAST_DUE", undefined, owed(12_000, -50), false))).toBe("NO_PAST_DUE");
    });

    it("checks that anything is owed first", () => {
      expect(codeOf(() => resolveAmount("PAST_DUE", undefined, owed(0, 4_000), false))).toBe("NOTHING_DUE");
      expect(codeOf(() => resolveAmount("PAST_DUE", undefined, owed(0, 4_000, 4_000), false))).toBe(
        "PAYMENT_IN_PROGRESS",
      );
    });
  });

  describe("OTHER", () => {
    it("is the typed amount when it is no more than what is available", () => {
      expect(resolveAmount("OTHER", "25", owed(12_345), false)).toBe(2_500);
      expect(resolveAmount("OTHER", "$1.5", owed(12_345), false)).toBe(150);
      expect(resolveAmount("OTHER", " 123.45 ", owed(12_345), false)).toBe(12_345);
      expect(resolveAmount("OTHER", "0.01", owed(12_345), false)).toBe(1);
    });

    it.each(["0", "0.00", "-5", "-0.01", "abc", "", "1e3", "12.345", "$"])("refuses %j as AMOUNT_INVALID", (input) => {
      expect(codeOf(() => resolveAmount("OTHER", input, owed(12_345), false))).toBe("AMOUNT_INVALID");
      expect(codeOf(() => resolveAmount("OTHER", input, owed(12_345), true))).toBe("AMOUNT_INVALID");
    });

    it("refuses a missing amount as AMOUNT_INVALID", () => {
      expect(codeOf(() => resolveAmount("OTHER", undefined, owed(12_345), false))).toBe("AMOUNT_INVALID");
    });

    it("refuses more than is available with AMOUNT_TOO_HIGH and the most that can be paid", () => {
      const error = errorOf(() => resolveAmount("OTHER", "123.46", owed(12_345, 0, 500), false));
      expect(error.code).toBe("AMOUNT_TOO_HIGH");
      expect(error.detail).toEqual({ maxCents: 12_345 });
    });

    it("takes more than is owed when the provider allows prepaying", () => {
      expect(resolveAmount("OTHER", "500", owed(12_345), true)).toBe(50_000);
      expect(resolveAmount("OTHER", "20", owed(0), true)).toBe(2_000);
      expect(resolveAmount("OTHER", "20", owed(-3_000, 0, 1_000), true)).toBe(2_000);
    });

    it("says NOTHING_DUE or PAYMENT_IN_PROGRESS, not too high, when nothing is available", () => {
      expect(codeOf(() => resolveAmount("OTHER", "20", owed(0), false))).toBe("NOTHING_DUE");
      expect(codeOf(() => resolveAmount("OTHER", "20", owed(-3_000), false))).toBe("NOTHING_DUE");
      expect(codeOf(() => resolveAmount("OTHER", "20", owed(0, 0, 12_345), false))).toBe("PAYMENT_IN_PROGRESS");
    });
  });
});
