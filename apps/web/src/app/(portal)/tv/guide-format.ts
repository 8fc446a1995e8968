import { getFormatter } from "next-intl/server";

/** Guide times at the account's place, in the reader's language. */
export async function guideFormatter(timeZone: string) {
  const format = await getFormatter();
  const clock = { hour: "numeric", minute: "2-digit", timeZone } as const;
  const dated = { weekday: "short", month: "short", day: "numeric", ...clock } as const;
  return {
    time: (value: Date) => format.dateTime(value, clock),
    /** "7:00 – 7:30 PM" */
    range: (start: Date, end: Date) => format.dateTimeRange(start, end, clock),
    /** "Sun, Nov 22, 7:00 – 7:30 PM" */
    datedRange: (start: Date, end: Date) => format.dateTimeRange(start, end, dated),
    /** "Sunday, November 22" */
    longDay: (value: Date) => format.dateTime(value, { weekday: "long", month: "long", day: "numeric", timeZone }),
    /** An hour of the day (0–23) as "7:00 PM", for the time picker. */
    hour: (hour: number) =>
      format.dateTime(new Date(Date.UTC(2000, 0, 1, hour)), { hour: "numeric", minute: "2-digit", timeZone: "UTC" }),
    /** A calendar day ("2026-11-22") as "Sun, Nov 22". */
    calendarDay: (date: string) =>
      format.dateTime(new Date(`${date}T12:00:00Z`), {
        weekday: "short",
        month: "short",
        day: "numeric",
        timeZone: "UTC",
      }),
    /** A calendar day, full: "November 22, 2026". */
    longCalendarDay: (date: string) =>
      format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" }),
  };
}

export type GuideFormatter = Awaited<ReturnType<typeof guideFormatter>>;
