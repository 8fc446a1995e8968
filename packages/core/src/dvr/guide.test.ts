import { describe, expect, it } from "vitest";
import { foldForSearch, guideDays, guidePosition, guideStart, slotStart } from "./guide.ts";

const TZ = "America/Los_Angeles";
// 10:10 on Sunday November 22, 2026 in Sacramento (PST, UTC-8).
const NOW = new Date("2026-11-22T18:10:00Z");

describe("guide positions", () => {
  it("starts on the current half hour by default", () => {
    expect(guideStart({}, TZ, NOW)).toEqual(new Date("2026-11-22T18:00:00Z"));
    expect(slotStart(new Date("2026-11-22T18:59:59Z"))).toEqual(new Date("2026-11-22T18:30:00Z"));
  });

  it("reads a local day and time, on the half hour", () => {
    expect(guideStart({ day: "2026-11-23", time: "19:45" }, TZ, NOW)).toEqual(new Date("2026-11-24T03:30:00Z"));
    expect(guidePosition(new Date("2026-11-24T03:30:00Z"), TZ)).toEqual({ day: "2026-11-23", time: "19:30" });
  });

  it("keeps the window between today's midnight and the guide's last day", () => {
    expect(guideStart({ day: "2026-11-01", time: "12:00" }, TZ, NOW)).toEqual(new Date("2026-11-22T08:00:00Z"));
    expect(guideStart({ day: "2027-01-01", time: "12:00" }, TZ, NOW)).toEqual(new Date("2026-12-06T07:30:00Z"));
  });

  it("ignores what is not a day or a time", () => {
    expect(guideStart({ day: "2026-02-30", time: "25:00" }, TZ, NOW)).toEqual(new Date("2026-11-22T18:00:00Z"));
    expect(guideStart({ time: "20:00" }, TZ, NOW)).toEqual(new Date("2026-11-23T04:00:00Z"));
  });

  it("offers fourteen days from today, across a change of clocks", () => {
    const days = guideDays(new Date("2026-10-30T18:00:00Z"), TZ);
    expect(days).toHaveLength(14);
    expect(days[0]).toBe("2026-10-30");
    expect(days[13]).toBe("2026-11-12");
    // Sunday November 1, 2026 is 25 hours long: 20:00 that day is 04:00 UTC the next.
    expect(guideStart({ day: "2026-11-01", time: "20:00" }, TZ, new Date("2026-10-30T18:00:00Z"))).toEqual(
      new Date("2026-11-02T04:00:00Z"),
    );
  });

  it("folds case and accents for search", () => {
    expect(foldForSearch("Pequeños  GIGANTES")).toBe("pequenos gigantes");
  });
});
