import type { PrivacyRequestType } from "@homeport/db";
import { describe, expect, it } from "vitest";
import {
  PRIVACY_METRICS_HEADER,
  PRIVACY_REQUEST_TYPES,
  privacyMetrics,
  privacyMetricsCsv,
  type PrivacyMetricsOutcome,
  type PrivacyMetricsRow,
  type PrivacyTypeMetrics,
} from "./metrics.ts";

const LA = "America/Los_Angeles";

function row(
  type: PrivacyRequestType,
  receivedAt: string,
  outcome: PrivacyMetricsOutcome | null = null,
  completedAt: string | null = null,
  denialReason: string | null = null,
): PrivacyMetricsRow {
  return {
    type,
    receivedAt: new Date(receivedAt),
    completedAt: completedAt === null ? null : new Date(completedAt),
    outcome,
    denialReason,
  };
}

const rows: PrivacyMetricsRow[] = [
  // 21:00 on 31 Dec 2025 in Los Angeles: last year's, although already 2026 in UTC.
  row("KNOW_CATEGORIES", "2026-01-01T05:00:00Z"),
  // 01:00 on 1 Jan 2026 in Los Angeles; answered on 11 Jan.
  row("KNOW_CATEGORIES", "2026-01-01T09:00:00Z", "COMPLIED", "2026-01-11T20:00:00Z"),
  row("KNOW_CATEGORIES", "2026-03-02T18:00:00Z", "COMPLIED_IN_PART", "2026-03-05T18:00:00Z"),
  row("KNOW_CATEGORIES", "2026-12-31T23:00:00Z"),
  // 23:30 on 31 Dec 2026 in Los Angeles: this year's, although 2027 in UTC; answered 20 Jan 2027.
  row("KNOW_CATEGORIES", "2027-01-01T07:30:00Z", "DENIED", "2027-01-20T20:00:00Z", "UNVERIFIED"),
  row("DELETE", "2026-05-01T16:00:00Z", "DENIED", "2026-05-05T16:00:00Z", "UNVERIFIED"),
  row("DELETE", "2026-05-02T16:00:00Z", "DENIED", "2026-05-12T16:00:00Z", "LEGAL_OBLIGATION"),
  row("DELETE", "2026-05-03T16:00:00Z", "DENIED", "2026-05-04T16:00:00Z"),
  row("DELETE", "2026-05-04T16:00:00Z", "COMPLIED", "2026-05-06T16:00:00Z"),
  // An outcome without a completion time counts as answered but has no days to report.
  row("CORRECT", "2026-06-01T16:00:00Z", "COMPLIED"),
  row("OPT_OUT_SALE_SHARING", "2026-07-01T16:00:00Z", "COMPLIED", "2026-07-01T23:00:00Z"),
  row("OPT_OUT_SALE_SHARING", "2026-07-02T16:00:00Z", "COMPLIED", "2026-07-03T16:00:00Z"),
  row("KNOW_SPECIFIC", "2025-06-01T16:00:00Z", "COMPLIED", "2025-06-20T16:00:00Z"),
];

const empty = (type: PrivacyRequestType): PrivacyTypeMetrics => ({
  type,
  received: 0,
  compliedInWhole: 0,
  compliedInPart: 0,
  denied: 0,
  deniedByReason: {},
  pending: 0,
  medianDays: null,
  meanDays: null,
});

describe("privacy request metrics", () => {
  const metrics = privacyMetrics(rows, 2026, LA);

  it("reports every type, in a fixed order", () => {
    expect(metrics.map((m) => m.type)).toEqual([...PRIVACY_REQUEST_TYPES]);
    expect(privacyMetrics([], 2026, LA)).toEqual(PRIVACY_REQUEST_TYPES.map(empty));
  });

  it("counts a request in the local year it was received", () => {
    expect(metrics[0]).toEqual({
      type: "KNOW_CATEGORIES",
      received: 4,
      compliedInWhole: 1,
      compliedInPart: 1,
      denied: 1,
      deniedByReason: { UNVERIFIED: 1 },
      pending: 1,
      // Days 10, 3 and 20 (31 Dec to 20 Jan).
      medianDays: 10,
      meanDays: 11,
    });
    expect(privacyMetrics(rows, 2025, LA)[0]).toMatchObject({ received: 1, pending: 1, medianDays: null });
    expect(privacyMetrics(rows, 2025, "UTC")[0]).toMatchObject({ received: 0 });
    expect(privacyMetrics(rows, 2027, "UTC")[0]).toMatchObject({ received: 1, denied: 1 });
  });

  it("splits denials by reason and takes the median of an even count as the mean of the middle two", () => {
    expect(metrics[2]).toEqual({
      type: "DELETE",
      received: 4,
      compliedInWhole: 1,
      compliedInPart: 0,
      denied: 3,
      deniedByReason: { UNVERIFIED: 1, LEGAL_OBLIGATION: 1, UNSPECIFIED: 1 },
      pending: 0,
      // Days 4, 10, 1 and 2: median (2 + 4) / 2, mean 17 / 4 = 4.25.
      medianDays: 3,
      meanDays: 4.3,
    });
  });

  it("leaves days empty when no answered request has a completion time", () => {
    expect(metrics[3]).toMatchObject({
      type: "CORRECT",
      received: 1,
      compliedInWhole: 1,
      medianDays: null,
      meanDays: null,
    });
  });

  it("counts a same-day answer as zero days", () => {
    expect(metrics[4]).toMatchObject({ type: "OPT_OUT_SALE_SHARING", received: 2, medianDays: 0.5, meanDays: 0.5 });
  });

  it("keeps other years' requests out", () => {
    expect(metrics[1]).toEqual(empty("KNOW_SPECIFIC"));
    expect(metrics[5]).toEqual(empty("LIMIT_SENSITIVE"));
  });
});

describe("privacy metrics CSV", () => {
  const typeLabels: Record<PrivacyRequestType, string> = {
    KNOW_CATEGORIES: "Know (categories)",
    KNOW_SPECIFIC: "Know (specific pieces)",
    DELETE: "Delete",
    CORRECT: "Correct",
    OPT_OUT_SALE_SHARING: "Opt out of sale, sharing",
    LIMIT_SENSITIVE: "Limit sensitive",
  };
  const reasonLabels: Record<string, string> = {
    UNVERIFIED: "Could not verify",
    LEGAL_OBLIGATION: 'Exempt: "legal obligation"',
    UNSPECIFIED: "Other",
  };
  const labels = {
    header: [...PRIVACY_METRICS_HEADER],
    type: (type: PrivacyRequestType) => typeLabels[type],
    reason: (reason: string) => reasonLabels[reason] ?? reason,
  };

  it("writes RFC 4180 text with one line per type", () => {
    const csv = privacyMetricsCsv(privacyMetrics(rows, 2026, LA), labels);
    expect(csv.split("\r\n")).toEqual([
      "type,received,complied in whole,complied in part,denied,denied by reason,still open,median days,mean days",
      "Know (categories),4,1,1,1,Could not verify: 1,1,10,11",
      "Know (specific pieces),0,0,0,0,,0,,",
      'Delete,4,1,0,3,"Could not verify: 1; Exempt: ""legal obligation"": 1; Other: 1",0,3,4.3',
      "Correct,1,1,0,0,,0,,",
      '"Opt out of sale, sharing",2,2,0,0,,0,0.5,0.5',
      "Limit sensitive,0,0,0,0,,0,,",
      "",
    ]);
  });

  it("lists the most frequent denial reason first", () => {
    const csv = privacyMetricsCsv(
      [{ ...privacyMetrics([], 2026, LA)[2]!, denied: 5, deniedByReason: { A: 1, B: 3, C: 1 } }],
      { ...labels, reason: (reason) => reason },
    );
    expect(csv.split("\r\n")[1]).toBe("Delete,0,0,0,5,B: 3; A: 1; C: 1,0,,");
  });

  it("quotes headings with line breaks and refuses a header of the wrong width", () => {
    const header = ["Type\nof request", ...PRIVACY_METRICS_HEADER.slice(1)];
    expect(privacyMetricsCsv([], { ...labels, header })).toBe(`"Type\nof request",${header.slice(1).join(",")}\r\n`);
    expect(() => privacyMetricsCsv([], { ...labels, header: ["type"] })).toThrow(RangeError);
  });
});
