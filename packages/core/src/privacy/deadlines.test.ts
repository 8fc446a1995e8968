import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, calendarDateAt, daysBetween, startOfDayAt } from "../billing/calendar.ts";
import {
  addBusinessDays,
  daysToRespond,
  DUE_SOON_MS,
  extendedDueAt,
  federalHolidays,
  isBusinessDay,
  optOutEffectiveBy,
  privacyDeadlines,
  slaState,
} from "./deadlines.ts";

const LA = "America/Los_Angeles";
const NY = "America/New_York";
const DAY = 86_400_000;

describe("federal holidays", () => {
  it("lists 2026 with Independence Day observed on Friday 3 July", () => {
    expect(federalHolidays(2026)).toEqual([
      "2026-01-01",
      "2026-01-19",
      "2026-02-16",
      "2026-05-25",
      "2026-06-19",
      "2026-07-03",
      "2026-09-07",
      "2026-10-12",
      "2026-11-11",
      "2026-11-26",
      "2026-12-25",
    ]);
  });

  it("lists 2027 with Saturday Juneteenth, Sunday July 4, Saturday Christmas and New Year 2028 observed", () => {
    expect(federalHolidays(2027)).toEqual([
      "2027-01-01",
      "2027-01-18",
      "2027-02-15",
      "2027-05-31",
      "2027-06-18",
      "2027-07-05",
      "2027-09-06",
      "2027-10-11",
      "2027-11-11",
      "2027-11-25",
      "2027-12-24",
      "2027-12-31",
    ]);
  });

  it("leaves out of 2028 the New Year's Day observed in 2027", () => {
    const holidays = federalHolidays(2028);
    expect(holidays).toHaveLength(10);
    expect(holidays.some((date) => date.endsWith("-01-01"))).toBe(false);
    expect(holidays).toContain("2028-11-10"); // Veterans Day, a Saturday
  });

  it("returns a copy the caller cannot use to change the calendar", () => {
    federalHolidays(2026).push("2026-03-03");
    expect(isBusinessDay("2026-03-03")).toBe(true);
  });

  it("has no Juneteenth before 2021", () => {
    expect(federalHolidays(2020)).toHaveLength(10);
    expect(federalHolidays(2021)).toContain("2021-06-18");
  });
});

describe("business days", () => {
  it("skips weekends and observed holidays, including New Year observed on 31 December", () => {
    expect(isBusinessDay("2026-11-25")).toBe(true); // Wednesday before Thanksgiving
    expect(isBusinessDay("2026-11-26")).toBe(false); // Thanksgiving
    expect(isBusinessDay("2026-11-27")).toBe(true); // the day after is not a federal holiday
    expect(isBusinessDay("2026-11-28")).toBe(false); // Saturday
    expect(isBusinessDay("2026-07-03")).toBe(false);
    expect(isBusinessDay("2027-12-24")).toBe(false);
    expect(isBusinessDay("2027-12-31")).toBe(false);
    expect(isBusinessDay("2028-01-03")).toBe(true);
  });

  it("counts across Thanksgiving week", () => {
    expect(addBusinessDays("2026-11-25", 1)).toBe("2026-11-27");
    expect(addBusinessDays("2026-11-25", 2)).toBe("2026-11-30");
    // Friday 20 Nov: 23, 24, 25, (26 Thanksgiving), 27, 30.
    expect(addBusinessDays("2026-11-20", 5)).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-20", 10)).toBe("2026-12-07");
  });

  it("counts from the day after, so a request on a holiday starts the next business day", () => {
    expect(addBusinessDays("2026-11-26", 1)).toBe("2026-11-27");
    expect(addBusinessDays("2026-11-28", 1)).toBe("2026-11-30");
    expect(addBusinessDays("2026-11-25", 0)).toBe("2026-11-25");
    // Thursday 23 Dec 2027: 24 (Christmas observed), 27, 28, 29, 30, 31 (New Year observed), 3 Jan.
    expect(addBusinessDays("2027-12-23", 5)).toBe("2028-01-03");
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addBusinessDays("2026-11-25", -1)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-11-25", 1.5)).toThrow(RangeError);
  });

  it("lands on a business day strictly later than the start (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 40 }),
        (instant, n) => {
          const start = instant.toISOString().slice(0, 10);
          const result = addBusinessDays(start, n);
          expect(isBusinessDay(result)).toBe(true);
          expect(result > start).toBe(true);
          // Exactly n business days in (start, result].
          let count = 0;
          for (let day = addDays(start, 1); day <= result; day = addDays(day, 1)) if (isBusinessDay(day)) count += 1;
          expect(count).toBe(n);
        },
      ),
    );
  });
});

describe("privacy deadlines", () => {
  it("ends each deadline at local midnight across the end of daylight saving time", () => {
    // 00:30 PDT on Sunday 1 Nov 2026; clocks go back at 02:00 that night.
    const receivedAt = new Date("2026-11-01T07:30:00Z");
    const deadlines = privacyDeadlines(receivedAt, LA);
    // Business days: 2–6, 9, 10, (11 Veterans Day), 12, 13, 16; the 16th ends at 00:00 PST on the 17th.
    expect(deadlines.confirmBy.toISOString()).toBe("2026-11-17T08:00:00.000Z");
    expect(deadlines.dueAt.toISOString()).toBe("2026-12-17T08:00:00.000Z");
    expect(deadlines.latestExtendedDueAt.toISOString()).toBe("2027-01-31T08:00:00.000Z");
  });

  it("uses the day of receipt where the business is, not in UTC", () => {
    // 23:30 on 25 Nov in Los Angeles is already the 26th in UTC.
    const deadlines = privacyDeadlines(new Date("2026-11-26T07:30:00Z"), LA);
    expect(calendarDateAt(new Date(deadlines.dueAt.getTime() - 1), LA)).toBe("2027-01-09");
    // Business days from the 25th: 27, 30, 1–4 Dec, 7–10 Dec.
    expect(calendarDateAt(new Date(deadlines.confirmBy.getTime() - 1), LA)).toBe("2026-12-10");
  });

  it("puts the due date 45 local days after the day of receipt, ending at local midnight (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2032-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(LA, NY, "Europe/London", "Pacific/Honolulu", "UTC"),
        (receivedAt, timeZone) => {
          const received = calendarDateAt(receivedAt, timeZone);
          const { confirmBy, dueAt, latestExtendedDueAt } = privacyDeadlines(receivedAt, timeZone);
          const lastDay = calendarDateAt(new Date(dueAt.getTime() - 1), timeZone);
          expect(daysBetween(received, lastDay)).toBe(45);
          expect(dueAt.getTime()).toBe(startOfDayAt(addDays(lastDay, 1), timeZone).getTime());
          expect(latestExtendedDueAt.getTime()).toBe(extendedDueAt(dueAt, timeZone).getTime());
          expect(confirmBy > receivedAt && confirmBy < dueAt).toBe(true);
          expect(isBusinessDay(calendarDateAt(new Date(confirmBy.getTime() - 1), timeZone))).toBe(true);
        },
      ),
    );
  });

  it("extends by 45 calendar days at the same local time of day across a clock change", () => {
    // 17:00 PDT on 20 Oct 2026 → 17:00 PST on 4 Dec 2026: 45 days and one hour in elapsed time.
    const dueAt = new Date("2026-10-21T00:00:00Z");
    const extended = extendedDueAt(dueAt, LA);
    expect(extended.toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(extended.getTime() - dueAt.getTime()).toBe(45 * DAY + 3_600_000);
  });

  it("gives opt-out and limit requests 15 business days", () => {
    // Friday 20 Nov 2026: 23, 24, 25, 27, 30, 1–4 Dec, 7–11 Dec, 14 Dec.
    const effectiveBy = optOutEffectiveBy(new Date("2026-11-20T18:00:00Z"), NY);
    expect(effectiveBy.toISOString()).toBe("2026-12-15T05:00:00.000Z");
  });
});

describe("SLA state", () => {
  const dueAt = new Date("2026-12-17T08:00:00Z");

  it("is closed once completed or denied, whatever the date", () => {
    const late = new Date("2027-03-01T00:00:00Z");
    expect(slaState({ status: "COMPLETED", dueAt }, late)).toBe("CLOSED");
    expect(slaState({ status: "DENIED", dueAt }, late)).toBe("CLOSED");
  });

  it("is overdue from the due instant on", () => {
    expect(slaState({ status: "IN_PROGRESS", dueAt }, dueAt)).toBe("OVERDUE");
    expect(slaState({ status: "RECEIVED", dueAt }, new Date(dueAt.getTime() + 1))).toBe("OVERDUE");
  });

  it("is due soon within seven days of the due instant, on track before", () => {
    expect(DUE_SOON_MS).toBe(7 * DAY);
    expect(slaState({ status: "VERIFIED", dueAt }, new Date(dueAt.getTime() - 1))).toBe("DUE_SOON");
    expect(slaState({ status: "VERIFIED", dueAt }, new Date(dueAt.getTime() - DUE_SOON_MS))).toBe("DUE_SOON");
    expect(slaState({ status: "VERIFIED", dueAt }, new Date(dueAt.getTime() - DUE_SOON_MS - 1))).toBe("ON_TRACK");
  });
});

describe("days to respond", () => {
  it("counts local calendar days, 0 on the same day", () => {
    expect(daysToRespond(new Date("2026-11-01T07:30:00Z"), new Date("2026-11-02T07:59:00Z"), LA)).toBe(0);
    expect(daysToRespond(new Date("2026-11-01T07:30:00Z"), new Date("2026-11-02T08:00:00Z"), LA)).toBe(1);
    expect(daysToRespond(new Date("2026-11-01T07:30:00Z"), new Date("2026-12-16T20:00:00Z"), LA)).toBe(45);
  });
});
