import { describe, expect, it } from "vitest";
import { renderStatementPdf, toWinAnsi, type PrintableStatement } from "./statement-pdf.ts";

function line(index: number) {
  return {
    label:
      index % 20 === 7
        ? `Pay-per-view event ${index}: Championship boxing, live from Las Vegas, including replay rights for 48 hours after the broadcast`
        : `Line item ${index}`,
    detail: index % 5 === 0 ? `Oct 1 – Oct 31, 2026 · service ref ${1000 + index}` : undefined,
    amount: `$${(index * 1.25).toFixed(2)}`,
  };
}

/** 3 sections, 34 lines and a "what changed" box: two Letter pages. */
function sampleStatement(): PrintableStatement {
  return {
    brandName: "Homeport Cable",
    title: "Statement for October 2026",
    locale: "en",
    account: [
      { label: "Account number", value: "8352 1000 1234 5678" },
      { label: "Service address", value: "1234 Elm Street, Apt 5B, Springfield, IL 62704" },
      { label: "Statement date", value: "Nov 1, 2026" },
      { label: "Due date", value: "Nov 21, 2026" },
    ],
    summary: [
      { label: "Previous balance", amount: "$182.40" },
      { label: "Payments received — thank you", amount: "\u2212$182.40" },
      { label: "New charges", amount: "$196.25" },
      { label: "Total due", amount: "$196.25", emphasis: true },
    ],
    sections: [
      {
        title: "Internet",
        lines: Array.from({ length: 12 }, (_, i) => line(i + 1)),
        subtotal: { label: "Internet subtotal", amount: "$131.25" },
      },
      {
        title: "TV",
        lines: Array.from({ length: 12 }, (_, i) => line(i + 13)),
        subtotal: { label: "TV subtotal", amount: "$380.63" },
      },
      {
        title: "Taxes, fees and surcharges",
        lines: Array.from({ length: 10 }, (_, i) => line(i + 25)),
        subtotal: { label: "Taxes and fees subtotal", amount: "$437.50" },
      },
    ],
    changes: {
      title: "What changed since your last bill",
      items: [
        "Your Internet plan changed from 300 Mbps → 500 Mbps on Oct 12; you were charged for 20 days of the new plan.",
        "A 12-month promotional discount of $10.00 ended on Oct 1.",
        "You rented 2 movies this month.",
      ],
    },
    notes: [
      "Pay online at homeport.example, by phone at 1-800-555-0100, or by mail with the slip on your paper bill.",
      "Questions about this statement? Call support at 1-800-555-0100, 24 hours a day.",
      "Amounts in US dollars.",
    ],
  };
}

/** The text of every TJ operator in an uncompressed PDF (pdfkit writes hex strings split at kerning pairs). */
function shownText(pdf: Buffer): string[] {
  return [...pdf.toString("latin1").matchAll(/\[([^\]]*)\] TJ/g)].map((match) =>
    [...match[1]!.matchAll(/<([0-9a-f]*)>/g)].map((hex) => Buffer.from(hex[1]!, "hex").toString("latin1")).join(""),
  );
}

function pageCount(pdf: Buffer): number {
  return pdf.toString("latin1").match(/\/Type \/Page(?![a-zA-Z])/g)?.length ?? 0;
}

describe("statement PDF", () => {
  it("renders a multi-page statement", async () => {
    let started = performance.now();
    const pdf = await renderStatementPdf(sampleStatement(), { compress: false });
    const first = performance.now() - started;
    started = performance.now();
    await renderStatementPdf(sampleStatement());
    const again = performance.now() - started;
    console.log(
      `statement-pdf: one ${pageCount(pdf)}-page render took ${first.toFixed(1)} ms (first in process), ` +
        `${again.toFixed(1)} ms (next, compressed)`,
    );

    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    const text = shownText(pdf);
    expect(text).toContain("Service address");
    expect(text).toContain("Taxes and fees subtotal");
    expect(text).toContain("-$182.40"); // U+2212 minus mapped to "-"
    expect(text.join(" ")).toContain("300 Mbps -> 500 Mbps");
    expect(text.filter((t) => t === "Taxes, fees and surcharges").length).toBeGreaterThanOrEqual(1);
    expect(text).toContain(`1 / ${pageCount(pdf)}`);
    expect(text).toContain(`${pageCount(pdf)} / ${pageCount(pdf)}`);
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (en)");
  });

  it("renders compressed by default, with Spanish text", async () => {
    const statement = sampleStatement();
    statement.locale = "es";
    statement.title = "Estado de cuenta de octubre de 2026";
    statement.sections[0]!.title = "Señal de cable ¿Qué incluye? ¡Todo!";
    const pdf = await renderStatementPdf(statement);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(shownText(pdf)).toEqual([]); // content streams are compressed
  });

  it("toWinAnsi keeps WinAnsi text and replaces or drops the rest", () => {
    expect(toWinAnsi("Señal ¿Qué? ¡Sí! áéíóú")).toBe("Señal ¿Qué? ¡Sí! áéíóú");
    expect(toWinAnsi("79,99\u00a0US$")).toBe("79,99\u00a0US$");
    expect(toWinAnsi("10:30\u202fa.\u00a0m.")).toBe("10:30 a.\u00a0m.");
    expect(toWinAnsi("1\u2009234")).toBe("1 234");
    expect(toWinAnsi("300 Mbps → 500 Mbps")).toBe("300 Mbps -> 500 Mbps");
    expect(toWinAnsi("\u2212$5.00")).toBe("-$5.00");
    expect(toWinAnsi("speed ≥ 500 Mbps 🎉")).toBe("speed  500 Mbps ");
    expect(toWinAnsi("€ — “quoted” • …")).toBe("€ — “quoted” • …");
    expect(toWinAnsi("Sen\u0303al")).toBe("Señal"); // decomposed accent is composed
  });
});
