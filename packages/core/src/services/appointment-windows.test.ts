import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, calendarDateAt } from "../billing/calendar.ts";
import { charterProfile } from "../provider/charter.ts";
import {
  type AppointmentRules,
  canChangeVisit,
  groupBookableWindows,
  localTime,
  offeredWindows,
  windowState,
} from "./appointment-windows.ts";

const rules: AppointmentRules = {
  ...charterProfile.services.appointments,
  windows: charterProfile.services.appointments.windows.map(([a, b]) => [a, b] as [number, number]),
  weekdays: [...charterProfile.services.appointments.weekdays],
};
const NY = "America/New_York";
const LA = "America/Los_Angeles";
const HOUR = 3_600_000;

describe("offeredWindows", () => {
  it("offers each window on working weekdays only", () => {
    // 2026-11-22 is a Sunday: no visits that day.
    const windows = offeredWindows(rules, "2026-11-22", 2, NY);
    expect(windows).toHaveLength(5);
    expect(windows.every((w) => w.day === "2026-11-23")).toBe(true);
    expect(windows[0]).toEqual({
      day: "2026-11-23",
      startsAt: new Date("2026-11-23T13:00:00Z"),
      endsAt: new Date("2026-11-23T15:00:00Z"),
    });
  });

  it("keeps 8–10 at 8–10 local time across the spring and fall clock changes", () => {
    // New York: clocks go forward on 2026-03-08 and back on 2026-11-01 (both Sundays).
    const all = { ...rules, weekdays: [0, 1, 2, 3, 4, 5, 6] };
    const spring = offeredWindows(all, "2026-03-07", 3, NY).filter((w) => localTime(w.startsAt, NY).hour === 8);
    expect(spring.map((w) => w.startsAt.toISOString())).toEqual([
      "2026-03-07T13:00:00.000Z",
      "2026-03-08T12:00:00.000Z",
      "2026-03-09T12:00:00.000Z",
    ]);
    const fall = offeredWindows(all, "2026-10-31", 3, NY).filter((w) => localTime(w.startsAt, NY).hour === 8);
    expect(fall.map((w) => w.startsAt.toISOString())).toEqual([
      "2026-10-31T12:00:00.000Z",
      "2026-11-01T13:00:00.000Z",
      "2026-11-02T13:00:00.000Z",
    ]);
  });

  it("handles a window that ends at midnight", () => {
    const [late] = offeredWindows({ windows: [[20, 24]], weekdays: [0, 1, 2, 3, 4, 5, 6] }, "2026-11-23", 1, NY);
    expect(late?.endsAt.toISOString()).toBe("2026-11-24T05:00:00.000Z");
  });

  it("property: every window starts and ends at its configured local hours, in time order", () => {
    const zones = fc.constantFrom(NY, LA, "America/Chicago", "America/Phoenix", "Pacific/Honolulu", "Europe/Madrid");
    const day = fc
      .date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(zones, day, fc.integer({ min: 1, max: 20 }), (zone, from, days) => {
        const windows = offeredWindows(rules, from, days, zone);
        for (const w of windows) {
          // Windows start in the morning or later, so no clock change (at 1–3 AM) touches their hours.
          const start = localTime(w.startsAt, zone);
          const end = localTime(w.endsAt, zone);
          const configured = rules.windows.find(([s]) => s === start.hour);
          expect(configured).toBeDefined();
          expect(end.hour).toBe(configured?.[1]);
          expect(start.minute).toBe(0);
          expect(calendarDateAt(w.startsAt, zone)).toBe(w.day);
          expect(rules.weekdays).toContain(new Date(`${w.day}T00:00:00Z`).getUTCDay());
        }
        for (let i = 1; i < windows.length; i += 1) {
          expect(windows[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(windows[i - 1]!.endsAt.getTime());
        }
        const workingDays = Array.from({ length: days }, (_, i) => addDays(from, i)).filter((d) =>
          rules.weekdays.includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
        ).length;
        expect(windows).toHaveLength(workingDays * rules.windows.length);
      }),
    );
  });
});

describe("windowState", () => {
  const now = new Date("2026-11-23T14:00:00Z"); // Monday 9:00 in New York
  const at = (iso: string, booked = 0) => ({ startsAt: new Date(iso), capacity: 3, booked });

  it("needs the lead time, the horizon and a free seat", () => {
    expect(windowState(at("2026-11-24T01:00:00Z"), now, rules, NY)).toBe("TOO_SOON"); // 11 h away
    expect(windowState(at("2026-11-24T02:00:00Z"), now, rules, NY)).toBe("OPEN"); // exactly 12 h
    expect(windowState(at("2026-11-24T13:00:00Z", 3), now, rules, NY)).toBe("FULL");
    expect(windowState(at("2026-12-07T21:00:00Z"), now, rules, NY)).toBe("OPEN"); // 14 days ahead
    expect(windowState(at("2026-12-08T13:00:00Z"), now, rules, NY)).toBe("TOO_FAR");
  });

  it("property: a window is bookable only when it starts after now + lead time and has a seat", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -48, max: 24 * 20 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        (hoursAway, capacity, booked) => {
          const startsAt = new Date(now.getTime() + hoursAway * HOUR);
          const state = windowState({ startsAt, capacity, booked }, now, rules, NY);
          if (state === "OPEN") {
            expect(hoursAway).toBeGreaterThanOrEqual(rules.minLeadHours);
            expect(booked).toBeLessThan(capacity);
            expect(hoursAway).toBeLessThanOrEqual(24 * (rules.daysAhead + 1));
          }
          if (hoursAway < rules.minLeadHours) expect(state).toBe("TOO_SOON");
        },
      ),
    );
  });
});

describe("groupBookableWindows", () => {
  it("groups open and full windows by the reader's local day and leaves the rest out", () => {
    const now = new Date("2026-11-23T14:00:00Z");
    const windows = [
      { id: "c", startsAt: new Date("2026-11-25T13:00:00Z"), capacity: 3, booked: 3 },
      { id: "a", startsAt: new Date("2026-11-24T13:00:00Z"), capacity: 3, booked: 0 },
      { id: "soon", startsAt: new Date("2026-11-23T19:00:00Z"), capacity: 3, booked: 0 },
      { id: "b", startsAt: new Date("2026-11-24T21:00:00Z"), capacity: 3, booked: 2 },
      { id: "far", startsAt: new Date("2026-12-20T13:00:00Z"), capacity: 3, booked: 0 },
    ];
    const days = groupBookableWindows(windows, now, rules, NY, LA);
    expect(days.map((d) => d.day)).toEqual(["2026-11-24", "2026-11-25"]);
    expect(days[0]?.windows.map((w) => [w.id, w.state])).toEqual([
      ["a", "OPEN"],
      ["b", "OPEN"],
    ]);
    expect(days[1]?.windows.map((w) => [w.id, w.state])).toEqual([["c", "FULL"]]);
  });
});

describe("canChangeVisit", () => {
  it("allows changes until the cutoff before the window", () => {
    const startsAt = new Date("2026-11-24T13:00:00Z");
    expect(canChangeVisit(startsAt, new Date("2026-11-24T11:00:00Z"), rules)).toBe(true);
    expect(canChangeVisit(startsAt, new Date("2026-11-24T11:00:01Z"), rules)).toBe(false);
  });
});
