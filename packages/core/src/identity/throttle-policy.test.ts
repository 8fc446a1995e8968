import { describe, expect, it } from "vitest";
import { blockDurationMs, THROTTLE_RULES, windowExpired } from "./throttle-policy.ts";

describe("throttle policy", () => {
  const rule = THROTTLE_RULES.signInAccount;

  it("allows the free failures, then doubles the wait up to the cap", () => {
    expect([1, 2, 3, 4].map((n) => blockDurationMs(rule, n))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => blockDurationMs(rule, n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(blockDurationMs(rule, 50)).toBe(15 * 60_000);
  });

  it("forgets failures after a quiet window", () => {
    const start = new Date("2026-11-22T10:00:00Z");
    expect(windowExpired(rule, start, new Date("2026-11-22T10:14:59Z"))).toBe(false);
    expect(windowExpired(rule, start, new Date("2026-11-22T10:15:00Z"))).toBe(true);
  });
});
