import { TZDate } from "@date-fns/tz";
import { addDays, type CalendarDate, calendarDateAt, startOfDayAt, toDbDate } from "../billing/calendar.ts";
import type { ServiceRules } from "../provider/profile.ts";

/**
 * Technician arrival windows: which the provider offers (hour pairs in its own time zone, on its
 * working weekdays) and which a subscriber may book right now. Pure: no database, no clock.
 */
export type AppointmentRules = ServiceRules["appointments"];

const HOUR_MS = 3_600_000;

export interface OfferedWindow {
  /** The provider's local calendar day the window is on. */
  day: CalendarDate;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The windows offered on `days` calendar days from `from` (inclusive) at a place. A window of 8–10
 * is 8–10 local time on either side of a clock change, so it is not always 2 × 3600 s after local
 * midnight in UTC terms.
 */
export function offeredWindows(
  rules: Pick<AppointmentRules, "windows" | "weekdays">,
  from: CalendarDate,
  days: number,
  timeZone: string,
): OfferedWindow[] {
  const weekdays = new Set(rules.weekdays);
  const windows = [...rules.windows].sort((a, b) => a[0] - b[0]);
  const out: OfferedWindow[] = [];
  for (let i = 0; i < days; i += 1) {
    const day = addDays(from, i);
    if (!weekdays.has(toDbDate(day).getUTCDay())) continue;
    for (const [start, end] of windows) {
      out.push({ day, startsAt: localHour(day, start, timeZone), endsAt: localHour(day, end, timeZone) });
    }
  }
  return out;
}

/** The instant of an hour (0–24) of a local calendar day; 24 is the next day's midnight. */
function localHour(day: CalendarDate, hour: number, timeZone: string): Date {
  return hour === 24 ? startOfDayAt(addDays(day, 1), timeZone) : startOfDayAt(day, timeZone, hour);
}

/** The last local day a visit may be booked on: today plus `daysAhead`. */
export function lastBookableDay(now: Date, rules: Pick<AppointmentRules, "daysAhead">, timeZone: string) {
  return addDays(calendarDateAt(now, timeZone), rules.daysAhead);
}

/** The earliest start a window may have to be booked or moved into. */
export function earliestBookableStart(now: Date, rules: Pick<AppointmentRules, "minLeadHours">): Date {
  return new Date(now.getTime() + rules.minLeadHours * HOUR_MS);
}

export interface WindowCapacity {
  startsAt: Date;
  capacity: number;
  booked: number;
}

export type WindowState = "OPEN" | "FULL" | "TOO_SOON" | "TOO_FAR";

/**
 * Whether a window can take a visit now. The provider's time zone decides the booking horizon,
 * as it decides the windows.
 */
export function windowState(
  window: WindowCapacity,
  now: Date,
  rules: Pick<AppointmentRules, "minLeadHours" | "daysAhead">,
  timeZone: string,
): WindowState {
  if (window.startsAt < earliestBookableStart(now, rules)) return "TOO_SOON";
  if (calendarDateAt(window.startsAt, timeZone) > lastBookableDay(now, rules, timeZone)) return "TOO_FAR";
  return window.booked >= window.capacity ? "FULL" : "OPEN";
}

export function isBookable(
  window: WindowCapacity,
  now: Date,
  rules: Pick<AppointmentRules, "minLeadHours" | "daysAhead">,
  timeZone: string,
): boolean {
  return windowState(window, now, rules, timeZone) === "OPEN";
}

/** Whether a visit in this window can still be moved or cancelled online. */
export function canChangeVisit(
  windowStartsAt: Date,
  now: Date,
  rules: Pick<AppointmentRules, "changeCutoffHours">,
): boolean {
  return now.getTime() <= windowStartsAt.getTime() - rules.changeCutoffHours * HOUR_MS;
}

export interface DayOfWindows<W> {
  /** The local calendar day, in the time zone the windows are shown in. */
  day: CalendarDate;
  windows: (W & { state: "OPEN" | "FULL" })[];
}

/**
 * The windows a subscriber can see, grouped by local day in `displayTimeZone`, earliest first:
 * open ones and full ones (shown as unavailable); too soon and too far ones left out.
 */
export function groupBookableWindows<W extends WindowCapacity>(
  windows: readonly W[],
  now: Date,
  rules: Pick<AppointmentRules, "minLeadHours" | "daysAhead">,
  providerTimeZone: string,
  displayTimeZone: string,
): DayOfWindows<W>[] {
  const days = new Map<CalendarDate, DayOfWindows<W>>();
  const sorted = [...windows].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const window of sorted) {
    const state = windowState(window, now, rules, providerTimeZone);
    if (state !== "OPEN" && state !== "FULL") continue;
    const day = calendarDateAt(window.startsAt, displayTimeZone);
    let group = days.get(day);
    if (!group) {
      group = { day, windows: [] };
      days.set(day, group);
    }
    group.windows.push({ ...window, state });
  }
  return [...days.values()];
}

/** The local wall-clock hour and minute of an instant, e.g. for "8:00 AM" in a message. */
export function localTime(instant: Date, timeZone: string): { hour: number; minute: number } {
  const local = new TZDate(instant.getTime(), timeZone);
  return { hour: local.getHours(), minute: local.getMinutes() };
}
