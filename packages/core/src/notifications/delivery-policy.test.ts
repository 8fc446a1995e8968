import { describe, expect, it } from "vitest";
import { outboxCutoff, retryDelaySeconds } from "./delivery-policy.ts";

describe("outbox delivery policy", () => {
  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4, 10].map(retryDelaySeconds)).toEqual([60, 120, 240, 480, 3_600]);
  });

  it("keeps messages for the retention period", () => {
    expect(outboxCutoff(new Date("2026-03-31T00:00:00Z"), 30).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});
