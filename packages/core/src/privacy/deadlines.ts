import { TZDate } from "@date-fns/tz";
import { addDays, calendarDateAt, daysBetween, startOfDayAt, type CalendarDate } from "../billing/calendar.ts";

/**
 * Deadlines for consumer privacy requests under the CCPA regulations (11 CCR §7000 et seq.).
 * Every deadline is the exclusive instant a local day ends, i.e. the start of the next local day
 * where the business is, so "by the end of day N" holds up to the last millisecond of that day and
 * no clock change can move it.
 */

const DAY_MS = 86_400_000;

/** §7021(a): confirm receipt of a know, delete or correct request. */
export const CONFIRM_BUSINESS_DAYS = 10;
/** §7021(b): respond within 45 calendar days of receipt. */
export const RESPONSE_CALENDAR_DAYS = 45;
/** §7021(b): one extension of up to another 45 days, with notice and a reason. */
export const EXTENSION_CALENDAR_DAYS = 45;
/** §7026(f), §7027(g): act on an opt-out of sale/sharing or a limit request. */
export const OPT_OUT_BUSINESS_DAYS = 15;
/** A request within this many days of its due date is flagged so staff act before it lapses. */
export const DUE_SOON_DAYS = 7;
export const DUE_SOON_MS = DUE_SOON_DAYS * DAY_MS;

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function ymd(year: number, month: number, day: number): CalendarDate {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: CalendarDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The nth (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, day: number, n: number): CalendarDate {
  const first = ymd(year, month, 1);
  const offset = (day - weekday(first) + 7) % 7;
  return addDays(first, offset + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, day: number): CalendarDate {
  const last = addDays(month === 12 ? ymd(year + 1, 1, 1) : ymd(year, month + 1, 1), -1);
  return addDays(last, -((weekday(last) - day + 7) % 7));
}

/** 5 U.S.C. §6103(b): a Saturday holiday is observed the Friday before, a Sunday one the Monday after. */
function observed(date: CalendarDate): CalendarDate {
  const day = weekday(date);
  if (day === 6) return addDays(date, -1);
  if (day === 0) return addDays(date, 1);
  return date;
}

const holidayCache = new Map<number, readonly CalendarDate[]>();

/**
 * The observed dates of the U.S. federal holidays (5 U.S.C. §6103(a)) that fall in `year`, sorted.
 * A New Year's Day on a Saturday is observed on December 31, so it belongs to the year before:
 * 2027 has twelve dates (2027-12-31 for 1 January 2028) and 2028 only ten.
 */
export function federalHolidays(year: number): CalendarDate[] {
  const cached = holidayCache.get(year);
  if (cached) return [...cached];
  const candidates = [
    observed(ymd(year, 1, 1)),
    nthWeekday(year, 1, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    lastWeekday(year, 5, 1), // Memorial Day
    // Juneteenth became a federal holiday in 2021.
    ...(year >= 2021 ? [observed(ymd(year, 6, 19))] : []),
    observed(ymd(year, 7, 4)),
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus Day
    observed(ymd(year, 11, 11)),
    nthWeekday(year, 11, 4, 4), // Thanksgiving Day
    observed(ymd(year, 12, 25)),
    observed(ymd(year + 1, 1, 1)),
  ];
  const prefix = `${year}-`;
  const dates = [...new Set(candidates.filter((date) => date.startsWith(prefix)))].sort();
  holidayCache.set(year, dates);
  return [...dates];
}

/** §7001(d): "business day" means Monday through Friday, excluding national holidays. */
export function isBusinessDay(date: CalendarDate): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return !federalHolidays(Number(date.slice(0, 4))).includes(date);
}

/** The nth business day after `date` (the day itself is not counted; n = 0 gives `date`). */
export function addBusinessDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0: ${n}`);
  let current = date;
  let remaining = n;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isBusinessDay(current)) remaining -= 1;
  }
  return current;
}

function endOfDayAt(date: CalendarDate, timeZone: string): Date {
  return startOfDayAt(addDays(date, 1), timeZone);
}

export interface PrivacyDeadlines {
  /** §7021(a): confirmation of receipt is due before this instant. */
  confirmBy: Date;
  /** §7021(b): the substantive response is due before this instant. */
  dueAt: Date;
  /** §7021(b): the outer limit with the one permitted extension. */
  latestExtendedDueAt: Date;
}

/** The day of receipt is day 0; each deadline ends with its local day in `timeZone`. */
export function privacyDeadlines(receivedAt: Date, timeZone: string): PrivacyDeadlines {
  const received = calendarDateAt(receivedAt, timeZone);
  return {
    confirmBy: endOfDayAt(addBusinessDays(received, CONFIRM_BUSINESS_DAYS), timeZone),
    dueAt: endOfDayAt(addDays(received, RESPONSE_CALENDAR_DAYS), timeZone),
    latestExtendedDueAt: endOfDayAt(addDays(received, RESPONSE_CALENDAR_DAYS + EXTENSION_CALENDAR_DAYS), timeZone),
  };
}

/**
 * §7021(b): the due date after the one extension, 45 calendar days on at the same local time of
 * day. Going through the local date keeps a clock change in between from shifting it by an hour.
 */
export function extendedDueAt(dueAt: Date, timeZone: string): Date {
  const local = new TZDate(dueAt.getTime(), timeZone);
  const [y, m, d] = addDays(calendarDateAt(dueAt, timeZone), EXTENSION_CALENDAR_DAYS).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  const shifted = new TZDate(
    y,
    m - 1,
    d,
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
    timeZone,
  );
  return new Date(shifted.getTime());
}

/** §7026(f), §7027(g): an opt-out or limit request takes effect by the end of the 15th business day. */
export function optOutEffectiveBy(receivedAt: Date, timeZone: string): Date {
  return endOfDayAt(addBusinessDays(calendarDateAt(receivedAt, timeZone), OPT_OUT_BUSINESS_DAYS), timeZone);
}

export type SlaState = "CLOSED" | "OVERDUE" | "DUE_SOON" | "ON_TRACK";

export function slaState(input: { status: string; dueAt: Date }, now: Date): SlaState {
  if (input.status === "COMPLETED" || input.status === "DENIED") return "CLOSED";
  const remaining = input.dueAt.getTime() - now.getTime();
  if (remaining <= 0) return "OVERDUE";
  if (remaining <= DUE_SOON_MS) return "DUE_SOON";
  return "ON_TRACK";
}

/**
 * §7102(a): days to a substantive response, counted in whole local days. A completion
 * recorded before receipt (bad data) gives a negative number rather than being hidden.
 */
export function daysToRespond(receivedAt: Date, completedAt: Date, timeZone: string): number {
  return daysBetween(calendarDateAt(receivedAt, timeZone), calendarDateAt(completedAt, timeZone));
}
