import { describe, expect, it } from "vitest";
import { cardValidOn } from "./summary.ts";

describe("cardValidOn", () => {
  it("is valid through the last day of the expiry month", () => {
    expect(cardValidOn(8, 2026, "2026-08-01")).toBe(true);
    expect(cardValidOn(8, 2026, "2026-08-31")).toBe(true);
    expect(cardValidOn(8, 2026, "2026-09-01")).toBe(false);
    expect(cardValidOn(2, 2028, "2028-02-29")).toBe(true);
    expect(cardValidOn(2, 2028, "2028-03-01")).toBe(false);
  });

  it("compares months across years, not as numbers", () => {
    expect(cardValidOn(12, 2026, "2026-12-31")).toBe(true);
    expect(cardValidOn(12, 2026, "2027-01-01")).toBe(false);
    expect(cardValidOn(1, 2027, "2026-12-31")).toBe(true);
    expect(cardValidOn(1, 2027, "2027-01-31")).toBe(true);
    expect(cardValidOn(1, 2027, "2027-02-01")).toBe(false);
    expect(cardValidOn(10, 2026, "2026-09-15")).toBe(true);
    expect(cardValidOn(9, 2026, "2026-10-01")).toBe(false);
    expect(cardValidOn(12, 2025, "2026-01-01")).toBe(false);
    expect(cardValidOn(6, 2031, "2026-06-01")).toBe(true);
  });

  it("treats a method without an expiry (a bank account) as always valid", () => {
    expect(cardValidOn(null, null, "2099-12-31")).toBe(true);
    expect(cardValidOn(8, null, "2099-12-31")).toBe(true);
    expect(cardValidOn(null, 2020, "2099-12-31")).toBe(true);
  });
});
