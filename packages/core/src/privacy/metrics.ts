import type { PrivacyRequestType } from "@homeport/db";
import { calendarDateAt } from "../billing/calendar.ts";
import { daysToRespond } from "./deadlines.ts";

/**
 * §7102(a): the yearly request metrics a business handling the personal information of
 * 10,000,000 or more consumers must publish by July 1, per request type.
 */

export const PRIVACY_REQUEST_TYPES = [
  "KNOW_CATEGORIES",
  "KNOW_SPECIFIC",
  "DELETE",
  "CORRECT",
  "OPT_OUT_SALE_SHARING",
  "LIMIT_SENSITIVE",
] as const satisfies readonly PrivacyRequestType[];

export type PrivacyMetricsOutcome = "COMPLIED" | "COMPLIED_IN_PART" | "DENIED";

export interface PrivacyMetricsRow {
  type: PrivacyRequestType;
  receivedAt: Date;
  completedAt: Date | null;
  outcome: PrivacyMetricsOutcome | null;
  denialReason: string | null;
}

/** The key a denial without a recorded reason is counted under. */
export const UNSPECIFIED_DENIAL_REASON = "UNSPECIFIED";

export interface PrivacyTypeMetrics {
  type: PrivacyRequestType;
  received: number;
  compliedInWhole: number;
  compliedInPart: number;
  denied: number;
  /** §7102(a): denials may be broken down by the basis for denial. */
  deniedByReason: Record<string, number>;
  /** Received in the year and not answered yet. */
  pending: number;
  /** Whole days to the substantive response over the requests answered, null when none was. */
  medianDays: number | null;
  /** Rounded to one decimal. */
  meanDays: number | null;
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle]!;
  return (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 10) / 10;
}

/**
 * A request counts in the year it was received, by the local date where the business is, so a
 * request sent on New Year's Eve evening in California stays in the old year.
 */
export function privacyMetrics(
  rows: readonly PrivacyMetricsRow[],
  year: number,
  timeZone: string,
): PrivacyTypeMetrics[] {
  const prefix = `${String(year).padStart(4, "0")}-`;
  const inYear = rows.filter((row) => calendarDateAt(row.receivedAt, timeZone).startsWith(prefix));
  return PRIVACY_REQUEST_TYPES.map((type) => {
    const ofType = inYear.filter((row) => row.type === type);
    const deniedByReason: Record<string, number> = {};
    const days: number[] = [];
    let compliedInWhole = 0;
    let compliedInPart = 0;
    let denied = 0;
    for (const row of ofType) {
      if (row.outcome === "COMPLIED") compliedInWhole += 1;
      else if (row.outcome === "COMPLIED_IN_PART") compliedInPart += 1;
      else if (row.outcome === "DENIED") {
        denied += 1;
        const reason = row.denialReason?.trim() || UNSPECIFIED_DENIAL_REASON;
        deniedByReason[reason] = (deniedByReason[reason] ?? 0) + 1;
      }
      if (row.outcome !== null && row.completedAt !== null) {
        days.push(daysToRespond(row.receivedAt, row.completedAt, timeZone));
      }
    }
    days.sort((a, b) => a - b);
    return {
      type,
      received: ofType.length,
      compliedInWhole,
      compliedInPart,
      denied,
      deniedByReason,
      pending: ofType.filter((row) => row.outcome === null).length,
      medianDays: median(days),
      meanDays: mean(days),
    };
  });
}

/** Column headings in English, in the order privacyMetricsCsv writes the columns. */
export const PRIVACY_METRICS_HEADER = [
  "type",
  "received",
  "complied in whole",
  "complied in part",
  "denied",
  "denied by reason",
  "still open",
  "median days",
  "mean days",
] as const;

export interface PrivacyMetricsLabels {
  /** One heading per column of PRIVACY_METRICS_HEADER, in that order. */
  header: readonly string[];
  type: (type: PrivacyRequestType) => string;
  reason: (reason: string) => string;
}

/** RFC 4180 §2: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvNumber(value: number | null): string {
  return value === null ? "" : String(value);
}

/** Most frequent reason first so the published table reads from the main basis for denial down. */
function reasonSummary(byReason: Record<string, number>, label: (reason: string) => string): string {
  return Object.entries(byReason)
    .map(([reason, count]) => [label(reason), count] as const)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([reason, count]) => `${reason}: ${count}`)
    .join("; ");
}

/** RFC 4180 text with CRLF line ends, one line per request type after the header. */
export function privacyMetricsCsv(metrics: readonly PrivacyTypeMetrics[], labels: PrivacyMetricsLabels): string {
  if (labels.header.length !== PRIVACY_METRICS_HEADER.length) {
    throw new RangeError(`expected ${PRIVACY_METRICS_HEADER.length} column headings, got ${labels.header.length}`);
  }
  const lines = [
    labels.header,
    ...metrics.map((row) => [
      labels.type(row.type),
      String(row.received),
      String(row.compliedInWhole),
      String(row.compliedInPart),
      String(row.denied),
      reasonSummary(row.deniedByReason, labels.reason),
      String(row.pending),
      csvNumber(row.medianDays),
      csvNumber(row.meanDays),
    ]),
  ];
  return lines.map((fields) => fields.map(csvField).join(",")).join("\r\n") + "\r\n";
}
