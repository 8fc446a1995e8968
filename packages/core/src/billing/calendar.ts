import { TZDate } from "@date-fns/tz";

/**
 * Billing happens in calendar days at the service address, not in instants. A CalendarDate is
 * "YYYY-MM-DD"; arithmetic is done on UTC midnights so no clock change can shift a day.
 */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(date: CalendarDate): number {
  const match = PATTERN.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function fromUtc(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  const match = PATTERN.exec(value);
  return !!match && fromUtc(toUtc(value)) === value;
}

/** The calendar date at a place (IANA time zone) at an instant. */
export function calendarDateAt(instant: Date, timeZone: string): CalendarDate {
  const local = new TZDate(instant.getTime(), timeZone);
  const month = String(local.getMonth() + 1).padStart(2, "0");
  const day = String(local.getDate()).padStart(2, "0");
  return `${local.getFullYear()}-${month}-${day}`;
}

/** The instant a calendar date starts (local midnight) at a place, plus optional hours. */
export function startOfDayAt(date: CalendarDate, timeZone: string, hours = 0): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hours, 0, 0, timeZone).getTime());
}

/** Prisma returns @db.Date columns as UTC midnights. */
export function fromDbDate(value: Date): CalendarDate {
  return value.toISOString().slice(0, 10);
}

export function toDbDate(date: CalendarDate): Date {
  return new Date(toUtc(date));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Same day of month, n months later, clamped to the month's last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d, lastDay)));
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}

export interface BillingPeriod {
  start: CalendarDate;
  /** Last day of the period (inclusive). */
  end: CalendarDate;
}

/** The billing cycle that contains a date, for an account whose cycles start on cycleDay (1–28). */
export function cycleContaining(date: CalendarDate, cycleDay: number): BillingPeriod {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const thisMonthStart = `${y}-${String(m).padStart(2, "0")}-${String(cycleDay).padStart(2, "0")}`;
  const start = d >= cycleDay ? thisMonthStart : addMonths(thisMonthStart, -1);
  return { start, end: addDays(addMonths(start, 1), -1) };
}

export function periodDays(period: BillingPeriod): number {
  return daysBetween(period.start, period.end) + 1;
}

/** Monday–Friday; the provider's holidays are not modelled, so the count errs on the early side. */
export function subtractBusinessDays(date: CalendarDate, days: number): CalendarDate {
  let current = date;
  let remaining = days;
  while (remaining > 0) {
    current = addDays(current, -1);
    const weekday = new Date(toUtc(current)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining -= 1;
  }
  return current;
}
