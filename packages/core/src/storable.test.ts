import { describe, expect, it } from "vitest";
import { ZActivityFilter } from "./admin/activity.ts";
import { ZPaymentFilter } from "./billing/history.ts";
import { ZCompleteRegistration } from "./identity/registration.ts";
import { ZPublicOptOut, ZPublicRequest } from "./privacy/requests.ts";
import { ZOutageReport } from "./services/outages.ts";
import { ZTicketFilter } from "./services/staff-tickets.ts";
import { isStorableInstant, isStorableText } from "./storable.ts";
import { ZUsageRecordInput } from "./usage/ingest.ts";

const ID = "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
/** Parses as an ISO time, but JavaScript makes it year 0, which PostgreSQL refuses. */
const YEAR_ZERO = "0001-01-01T00:00:00+01:00";

describe("isStorableText", () => {
  it("allows any printable text, tabs and line breaks", () => {
    expect(isStorableText("Zoë O'Brien-Łukasz 👩‍👩‍👧\tline\r\nnext")).toBe(true);
  });

  it("refuses NUL, the other control characters and unpaired surrogates", () => {
    for (const text of ["a\u0000b", "\u0001", "bell\u0007", "\u001b[31m", "del\u007f", "\ud800", "a\udfffb"]) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe("isStorableInstant", () => {
  it("allows 1970 to the end of 9998", () => {
    expect(isStorableInstant(new Date("1970-01-01T00:00:00Z"))).toBe(true);
    expect(isStorableInstant(new Date("9998-12-31T23:59:59.999Z"))).toBe(true);
  });

  it("refuses earlier, later and invalid instants", () => {
    for (const instant of [YEAR_ZERO, "1969-12-31T23:59:59Z", "9999-01-01T00:00:00Z", "not a time"]) {
      expect(isStorableInstant(new Date(instant)), instant).toBe(false);
    }
  });
});

describe("input schemas refuse what the database cannot hold", () => {
  const record = {
    id: "r-1",
    accountNumber: "8352100012345678",
    intervalStart: "2026-05-04T00:00:00Z",
    intervalEnd: "2026-05-04T01:00:00Z",
    bytesDown: 1,
    bytesUp: 1,
  };

  it("usage records: a control character in the id, a time outside the years", () => {
    expect(ZUsageRecordInput.safeParse(record).success).toBe(true);
    expect(ZUsageRecordInput.safeParse({ ...record, id: "r\u00001" }).error?.issues[0]).toMatchObject({
      path: ["id"],
      message: "must not contain control characters or unpaired surrogates",
    });
    const early = { ...record, intervalStart: YEAR_ZERO, intervalEnd: "0001-01-01T00:30:00+01:00" };
    expect(ZUsageRecordInput.safeParse(early).error?.issues[0]).toMatchObject({
      path: ["intervalStart"],
      message: "must be in the years 1970 to 9998",
    });
  });

  it("outage reports: a time outside the years", () => {
    const report = { ref: "INC-1", zips: ["94110"], services: ["TV"], status: "IDENTIFIED", startedAt: YEAR_ZERO };
    expect(ZOutageReport.safeParse(report).error?.issues[0]?.path).toEqual(["startedAt"]);
  });

  it("the activity filter and the ticket cursor: a time outside the years", () => {
    expect(ZActivityFilter.safeParse({ from: YEAR_ZERO }).error?.issues[0]?.message).toBe("INSTANT_INVALID");
    const cursor = Buffer.from(`${YEAR_ZERO}|${ID}`, "utf8").toString("base64url");
    expect(ZTicketFilter.parse({ after: cursor }).after).toBeUndefined();
  });

  it("the payment history filter: a range whose end would fall in year 10000", () => {
    expect(ZPaymentFilter.safeParse({ from: "2026-01-01", to: "9998-12-31" }).success).toBe(true);
    expect(ZPaymentFilter.safeParse({ to: "9999-12-31" }).error?.issues[0]).toMatchObject({
      path: ["to"],
      message: "date_invalid",
    });
  });

  it("public privacy forms and registration: NUL in free text", () => {
    const claimed = { email: "ana@example.com", name: "Ana\u0000", addressLine1: "1 Main St" };
    expect(ZPublicOptOut.safeParse({ type: "LIMIT_SENSITIVE", claimed }).error?.issues[0]?.path).toEqual([
      "claimed",
      "name",
    ]);
    const request = {
      type: "CORRECT",
      claimed: { email: "ana@example.com" },
      correction: { field: "name", value: "Ana\u0000Rivera" },
    };
    expect(ZPublicRequest.safeParse(request).error?.issues[0]?.path).toEqual(["correction", "value"]);
    const completion = {
      registrationId: ID,
      completion: "c".repeat(43),
      name: "Ana\u0000",
      email: "ana@example.com",
      password: "a good passphrase",
    };
    expect(ZCompleteRegistration.safeParse(completion).error?.issues[0]?.message).toBe("name_invalid");
  });
});
