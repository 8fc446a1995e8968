import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  calendarDateAt,
  cycleContaining,
  daysBetween,
  fromDbDate,
  isCalendarDate,
  maxDate,
  minDate,
  periodDays,
  startOfDayAt,
  subtractBusinessDays,
  toDbDate,
} from "./calendar.ts";

const LA = "America/Los_Angeles";
const NY = "America/New_York";

/** An independent reference: `count` dates from January 1 of `year`, built by counting the days of months. */
function* enumerateDates(year: number, count: number): Generator<string> {
  let y = year;
  let m = 1;
  let d = 1;
  const monthLength = (yy: number, mm: number) =>
    [31, (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
      mm - 1
    ] as number;
  for (let i = 0; i < count; i += 1) {
    yield `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    d += 1;
    if (d > monthLength(y, m)) {
      d = 1;
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
  }
}

describe("isCalendarDate", () => {
  it("accepts real dates, leap days included", () => {
    expect(isCalendarDate("2026-01-31")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2000-02-29")).toBe(true);
  });

  it("rejects dates that do not exist and other shapes", () => {
    expect(isCalendarDate("2026-02-30")).toBe(false);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-00-10")).toBe(false);
    expect(isCalendarDate("2026-1-5")).toBe(false);
    expect(isCalendarDate("2026-01-05T00:00:00Z")).toBe(false);
    expect(isCalendarDate("")).toBe(false);
  });
});

describe("addDays / daysBetween", () => {
  it("crosses month and year ends", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-01-15", 0)).toBe("2026-01-15");
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(daysBetween("2027-01-01", "2026-01-01")).toBe(-365);
  });

  it("handles leap years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2024-02-01", "2024-03-01")).toBe(29);
    expect(daysBetween("2026-02-01", "2026-03-01")).toBe(28);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2100-02-28", "2100-03-01")).toBe(1);
  });

  it("does not shift across US daylight-saving changes", () => {
    // 2026: clocks spring forward on March 8 and fall back on November 1.
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-03-09", -2)).toBe("2026-03-07");
    expect(addDays("2026-10-31", 1)).toBe("2026-11-01");
    expect(addDays("2026-11-01", 1)).toBe("2026-11-02");
    expect(addDays("2026-11-02", -2)).toBe("2026-10-31");
    expect(daysBetween("2026-03-01", "2026-03-31")).toBe(30);
    expect(daysBetween("2026-10-25", "2026-11-08")).toBe(14);
    expect(addDays("2026-03-01", 30)).toBe("2026-03-31");
  });

  it("steps through every day of 2023–2028 like a hand-built calendar", () => {
    const dates = [...enumerateDates(2023, 365 * 6 + 2)];
    for (let i = 1; i < dates.length; i += 1) {
      const prev = dates[i - 1] as string;
      const date = dates[i] as string;
      expect(addDays(prev, 1)).toBe(date);
      expect(addDays(date, -1)).toBe(prev);
      expect(isCalendarDate(date)).toBe(true);
    }
    expect(daysBetween(dates[0] as string, dates.at(-1) as string)).toBe(dates.length - 1);
  });

  it("addDays and daysBetween are inverse", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -2000, max: 2000 }),
        (instant, n) => {
          const date = instant.toISOString().slice(0, 10);
          const later = addDays(date, n);
          expect(isCalendarDate(later)).toBe(true);
          expect(daysBetween(date, later)).toBe(n);
          expect(addDays(later, -n)).toBe(date);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects strings that are not dates", () => {
    expect(() => addDays("2026/01/01", 1)).toThrow(RangeError);
    expect(() => daysBetween("nope", "2026-01-01")).toThrow(RangeError);
  });
});

describe("addMonths", () => {
  it("clamps to the last day of shorter months", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-03-31", 1)).toBe("2026-04-30");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2026-05-31", -3)).toBe("2026-02-28");
  });

  it("crosses year ends in both directions", () => {
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2027-01-15", -1)).toBe("2026-12-15");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addMonths("2026-06-09", -18)).toBe("2024-12-09");
    expect(addMonths("2026-06-09", 0)).toBe("2026-06-09");
    expect(addMonths("2026-06-09", 24)).toBe("2028-06-09");
  });
});

describe("minDate / maxDate / db dates", () => {
  it("orders calendar dates", () => {
    expect(minDate("2026-01-31", "2026-02-01")).toBe("2026-01-31");
    expect(maxDate("2026-01-31", "2026-02-01")).toBe("2026-02-01");
  });

  it("round-trips @db.Date values", () => {
    expect(toDbDate("2026-03-08").toISOString()).toBe("2026-03-08T00:00:00.000Z");
    expect(fromDbDate(new Date("2026-11-01T00:00:00Z"))).toBe("2026-11-01");
  });
});

describe("cycleContaining / periodDays", () => {
  it("cycle day 1 follows calendar months", () => {
    expect(cycleContaining("2026-01-01", 1)).toEqual({ start: "2026-01-01", end: "2026-01-31" });
    expect(cycleContaining("2026-01-31", 1)).toEqual({ start: "2026-01-01", end: "2026-01-31" });
    expect(cycleContaining("2026-02-14", 1)).toEqual({ start: "2026-02-01", end: "2026-02-28" });
    expect(cycleContaining("2024-02-29", 1)).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(cycleContaining("2026-12-31", 1)).toEqual({ start: "2026-12-01", end: "2026-12-31" });
  });

  it("cycle day 9: before, on and after the cycle day, across the year end", () => {
    expect(cycleContaining("2026-03-08", 9)).toEqual({ start: "2026-02-09", end: "2026-03-08" });
    expect(cycleContaining("2026-03-09", 9)).toEqual({ start: "2026-03-09", end: "2026-04-08" });
    expect(cycleContaining("2026-03-20", 9)).toEqual({ start: "2026-03-09", end: "2026-04-08" });
    expect(cycleContaining("2027-01-05", 9)).toEqual({ start: "2026-12-09", end: "2027-01-08" });
    expect(cycleContaining("2026-12-31", 9)).toEqual({ start: "2026-12-09", end: "2027-01-08" });
    expect(cycleContaining("2027-01-09", 9)).toEqual({ start: "2027-01-09", end: "2027-02-08" });
  });

  it("cycle day 28: February and leap years", () => {
    expect(cycleContaining("2026-02-27", 28)).toEqual({ start: "2026-01-28", end: "2026-02-27" });
    expect(cycleContaining("2026-02-28", 28)).toEqual({ start: "2026-02-28", end: "2026-03-27" });
    expect(cycleContaining("2026-03-05", 28)).toEqual({ start: "2026-02-28", end: "2026-03-27" });
    expect(cycleContaining("2024-02-29", 28)).toEqual({ start: "2024-02-28", end: "2024-03-27" });
    expect(cycleContaining("2027-01-02", 28)).toEqual({ start: "2026-12-28", end: "2027-01-27" });
    expect(cycleContaining("2026-12-28", 28)).toEqual({ start: "2026-12-28", end: "2027-01-27" });
  });

  it("periodDays counts both ends", () => {
    expect(periodDays({ start: "2026-01-01", end: "2026-01-31" })).toBe(31);
    expect(periodDays({ start: "2026-02-01", end: "2026-02-28" })).toBe(28);
    expect(periodDays({ start: "2024-02-01", end: "2024-02-29" })).toBe(29);
    expect(periodDays(cycleContaining("2026-03-01", 9))).toBe(28); // Feb 9 – Mar 8
    expect(periodDays(cycleContaining("2026-03-09", 9))).toBe(31); // Mar 9 – Apr 8
    expect(periodDays({ start: "2026-03-08", end: "2026-03-08" })).toBe(1);
  });

  it("cycles contain their date, tile the calendar and last 28–31 days", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2060-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 28 }),
        (instant, cycleDay) => {
          const date = instant.toISOString().slice(0, 10);
          const cycle = cycleContaining(date, cycleDay);
          expect(cycle.start <= date && date <= cycle.end).toBe(true);
          expect(Number(cycle.start.slice(8))).toBe(cycleDay);
          const days = periodDays(cycle);
          expect(days).toBeGreaterThanOrEqual(28);
          expect(days).toBeLessThanOrEqual(31);
          const next = cycleContaining(addDays(cycle.end, 1), cycleDay);
          expect(next.start).toBe(addDays(cycle.end, 1));
          expect(cycleContaining(cycle.start, cycleDay)).toEqual(cycle);
          expect(cycleContaining(cycle.end, cycleDay)).toEqual(cycle);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("subtractBusinessDays", () => {
  it("skips weekends", () => {
    // 2026-03-09 is a Monday.
    expect(subtractBusinessDays("2026-03-09", 1)).toBe("2026-03-06"); // Friday
    expect(subtractBusinessDays("2026-03-09", 3)).toBe("2026-03-04"); // Wednesday
    expect(subtractBusinessDays("2026-03-12", 3)).toBe("2026-03-09"); // Thursday → Monday
    expect(subtractBusinessDays("2026-03-13", 5)).toBe("2026-03-06"); // a whole week
    expect(subtractBusinessDays("2026-03-08", 1)).toBe("2026-03-06"); // from a Sunday
    expect(subtractBusinessDays("2026-03-07", 1)).toBe("2026-03-06"); // from a Saturday
    expect(subtractBusinessDays("2026-03-08", 0)).toBe("2026-03-08");
    expect(subtractBusinessDays("2027-01-01", 3)).toBe("2026-12-29"); // Friday → Tuesday across the year
  });

  it("always lands on a weekday, n weekdays back", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 15 }),
        (instant, n) => {
          const date = instant.toISOString().slice(0, 10);
          const result = subtractBusinessDays(date, n);
          const weekday = new Date(`${result}T00:00:00Z`).getUTCDay();
          expect(weekday).not.toBe(0);
          expect(weekday).not.toBe(6);
          let weekdays = 0;
          for (let d = result; d < date; d = addDays(d, 1)) {
            const w = new Date(`${d}T00:00:00Z`).getUTCDay();
            if (w !== 0 && w !== 6) weekdays += 1;
          }
          expect(weekdays).toBe(n);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("calendarDateAt", () => {
  it("is the local date at the place, not the UTC date", () => {
    const beforeMidnightLa = new Date("2026-01-01T07:59:59Z"); // 23:59:59 PST on Dec 31
    expect(calendarDateAt(beforeMidnightLa, LA)).toBe("2025-12-31");
    expect(calendarDateAt(beforeMidnightLa, "UTC")).toBe("2026-01-01");
    const midnightLa = new Date("2026-01-01T08:00:00Z");
    expect(calendarDateAt(midnightLa, LA)).toBe("2026-01-01");
    const lateUtc = new Date("2026-06-30T23:59:59Z"); // 16:59 PDT
    expect(calendarDateAt(lateUtc, LA)).toBe("2026-06-30");
    expect(calendarDateAt(new Date("2026-07-01T00:00:00Z"), LA)).toBe("2026-06-30");
    expect(calendarDateAt(new Date("2026-07-01T00:00:00Z"), "UTC")).toBe("2026-07-01");
    expect(calendarDateAt(new Date("2026-07-01T06:59:59Z"), LA)).toBe("2026-06-30");
    expect(calendarDateAt(new Date("2026-07-01T07:00:00Z"), LA)).toBe("2026-07-01");
  });

  it("uses the offset in force on DST-change days", () => {
    // Spring forward 2026-03-08: PST (-8) until 10:00Z, PDT (-7) after.
    expect(calendarDateAt(new Date("2026-03-08T07:59:59Z"), LA)).toBe("2026-03-07");
    expect(calendarDateAt(new Date("2026-03-08T08:00:00Z"), LA)).toBe("2026-03-08");
    expect(calendarDateAt(new Date("2026-03-09T06:59:59Z"), LA)).toBe("2026-03-08");
    expect(calendarDateAt(new Date("2026-03-09T07:00:00Z"), LA)).toBe("2026-03-09");
    // Fall back 2026-11-01: PDT until 09:00Z, PST after.
    expect(calendarDateAt(new Date("2026-11-01T06:59:59Z"), LA)).toBe("2026-10-31");
    expect(calendarDateAt(new Date("2026-11-01T07:00:00Z"), LA)).toBe("2026-11-01");
    expect(calendarDateAt(new Date("2026-11-02T07:59:59Z"), LA)).toBe("2026-11-01");
    expect(calendarDateAt(new Date("2026-11-02T08:00:00Z"), LA)).toBe("2026-11-02");
  });
});

describe("startOfDayAt", () => {
  it("is local midnight at the place", () => {
    expect(startOfDayAt("2026-01-15", LA).toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(startOfDayAt("2026-07-15", LA).toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(startOfDayAt("2026-07-15", "UTC").toISOString()).toBe("2026-07-15T00:00:00.000Z");
    expect(startOfDayAt("2026-07-15", NY, 9).toISOString()).toBe("2026-07-15T13:00:00.000Z");
  });

  it("gives 23- and 25-hour days across DST changes", () => {
    const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
    const mar8 = startOfDayAt("2026-03-08", LA);
    const mar9 = startOfDayAt("2026-03-09", LA);
    expect(mar8.toISOString()).toBe("2026-03-08T08:00:00.000Z");
    expect(mar9.toISOString()).toBe("2026-03-09T07:00:00.000Z");
    expect(hours(mar8, mar9)).toBe(23);
    const nov1 = startOfDayAt("2026-11-01", LA);
    const nov2 = startOfDayAt("2026-11-02", LA);
    expect(nov1.toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(nov2.toISOString()).toBe("2026-11-02T08:00:00.000Z");
    expect(hours(nov1, nov2)).toBe(25);
    // Noon on the change day is after the change.
    expect(startOfDayAt("2026-03-08", LA, 12).toISOString()).toBe("2026-03-08T19:00:00.000Z");
  });

  it("round-trips with calendarDateAt", () => {
    for (const date of enumerateDates(2026, 365)) {
      for (const zone of [LA, NY, "UTC", "Pacific/Honolulu"]) {
        expect(calendarDateAt(startOfDayAt(date, zone), zone)).toBe(date);
        expect(calendarDateAt(new Date(startOfDayAt(date, zone).getTime() - 1), zone)).toBe(addDays(date, -1));
      }
    }
  });
});
