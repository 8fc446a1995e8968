import { describe, expect, it } from "vitest";
import { toCsv, ZPaymentFilter } from "./history.ts";

describe("toCsv", () => {
  it("writes plain cells as they are, with CRLF line ends", () => {
    expect(
      toCsv([
        ["Date", "Amount", "Status"],
        ["2026-03-09", 12_345, "SUCCEEDED"],
      ]),
    ).toBe("Date,Amount,Status\r\n2026-03-09,12345,SUCCEEDED\r\n");
  });

  it("quotes cells with commas, quotes or line breaks, doubling quotes (RFC 4180)", () => {
    expect(toCsv([["Visa, ending 4242", 'say "hi"', "two\nlines", "cr\rhere", "crlf\r\nend"]])).toBe(
      '"Visa, ending 4242","say ""hi""","two\nlines","cr\rhere","crlf\r\nend"\r\n',
    );
    expect(toCsv([['"', ""]])).toBe('"""",\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+15551234567", "'+15551234567"],
    ["-500", "'-500"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["=1+2,3", `"'=1+2,3"`],
  ])("neutralises the formula-like string %j", (cell, expected) => {
    expect(toCsv([[cell]])).toBe(`${expected}\r\n`);
  });

  it("leaves numbers alone, negatives included", () => {
    expect(toCsv([[-500, 0, 12.5, "a-b", "x=y", "1+1"]])).toBe("-500,0,12.5,a-b,x=y,1+1\r\n");
  });

  it("keeps every row's cell count when parsed back", () => {
    const rows = [
      ["a", "b,c", 'd"e', "f\r\ng"],
      [1, -2, "=3", "@4"],
    ];
    const csv = toCsv(rows);
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = parseCsv(csv);
    expect(parsed).toEqual([
      ["a", "b,c", 'd"e', "f\r\ng"],
      ["1", "-2", "'=3", "'@4"],
    ]);
  });
});

/** A minimal RFC 4180 reader, to check the writer's output is well formed. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe("ZPaymentFilter", () => {
  it("accepts an empty filter", () => {
    expect(ZPaymentFilter.parse({})).toEqual({});
  });

  it("treats empty strings as absent", () => {
    const parsed = ZPaymentFilter.parse({ status: "", source: "", from: "", to: "" });
    expect(parsed.status).toBeUndefined();
    expect(parsed.source).toBeUndefined();
    expect(parsed.from).toBeUndefined();
    expect(parsed.to).toBeUndefined();
    expect(ZPaymentFilter.parse({ from: "2026-03-01", to: "" })).toMatchObject({ from: "2026-03-01" });
  });

  it("accepts a range in order, a single day and either end alone", () => {
    expect(ZPaymentFilter.parse({ from: "2026-01-01", to: "2026-03-31", status: "FAILED", source: "AUTOPAY" })).toEqual(
      { from: "2026-01-01", to: "2026-03-31", status: "FAILED", source: "AUTOPAY" },
    );
    expect(ZPaymentFilter.safeParse({ from: "2026-03-09", to: "2026-03-09" }).success).toBe(true);
    expect(ZPaymentFilter.safeParse({ to: "2026-03-09" }).success).toBe(true);
  });

  it("refuses a range that ends before it starts, on the `to` field", () => {
    const result = ZPaymentFilter.safeParse({ from: "2026-03-10", to: "2026-03-09" });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toMatchObject([{ message: "range_invalid", path: ["to"] }]);
  });

  it.each(["2026-02-30", "2026-13-01", "2026-3-9", "03/09/2026", "yesterday", "2026-03-09T00:00:00Z"])(
    "refuses the date %j",
    (date) => {
      expect(ZPaymentFilter.safeParse({ from: date }).success).toBe(false);
      expect(ZPaymentFilter.safeParse({ to: date }).success).toBe(false);
    },
  );

  it("refuses unknown statuses and sources", () => {
    expect(ZPaymentFilter.safeParse({ status: "PAID" }).success).toBe(false);
    expect(ZPaymentFilter.safeParse({ source: "CASH" }).success).toBe(false);
  });
});
