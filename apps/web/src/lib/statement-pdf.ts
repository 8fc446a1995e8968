import PDFDocument from "pdfkit";

/**
 * A bill statement ready to print. Every string arrives already translated and formatted
 * (amounts such as "$79.99" or "79,99 US$"); the renderer only lays them out.
 */
export interface PrintableStatement {
  brandName: string;
  /** e.g. "Statement for October 2026", already localised. */
  title: string;
  /** "en" | "es": the PDF's Lang entry. */
  locale: string;
  account: { label: string; value: string }[];
  summary: { label: string; amount: string; emphasis?: boolean }[];
  sections: {
    title: string;
    lines: { label: string; detail?: string; amount: string }[];
    subtotal?: { label: string; amount: string };
  }[];
  /** "What changed since your last bill": plain-language sentences. */
  changes?: { title: string; items: string[] };
  /** Footer notes: how to pay, support phone, "Amounts in US dollars". */
  notes: string[];
}

/* ---------------------------------------------------------------------------------------------
 * WinAnsi
 *
 * pdfkit's standard (AFM) fonts encode text as WinAnsi (Windows-1252). Anything outside it is
 * printed as a wrong glyph, so every string goes through toWinAnsi first.
 * ------------------------------------------------------------------------------------------- */

/** The code points Windows-1252 has in 0x80-0x9F (the rest of that range is undefined). */
const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
]);

/** Characters outside WinAnsi that have a faithful WinAnsi stand-in. */
const WIN_ANSI_REPLACEMENTS: Record<string, string> = {
  "\u202f": " ", // narrow no-break space (Intl, e.g. French amounts and some time formats)
  "\u2009": " ", // thin space
  "\u2007": " ", // figure space
  "\u2002": " ", // en space
  "\u2003": " ", // em space
  "\t": " ",
  "\u2192": "->", // rightwards arrow
  "\u2212": "-", // minus sign
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
};

function isWinAnsi(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRA.has(codePoint)
  );
}

/**
 * Makes text printable with pdfkit's standard fonts: composes accents (NFC), maps a few
 * characters to WinAnsi equivalents (U+202F/U+2009 to a space, "→" to "->", "−" to "-"),
 * and drops anything else WinAnsi cannot encode (emoji, "≥", zero-width characters...).
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const replacement = WIN_ANSI_REPLACEMENTS[char];
    if (replacement !== undefined) out += replacement;
    else if (isWinAnsi(char.codePointAt(0) ?? 0)) out += char;
  }
  return out;
}

/* ---------------------------------------------------------------------------------------------
 * Layout
 * ------------------------------------------------------------------------------------------- */

const MARGIN = 54;
const FONT = "Helvetica";
const FONT_BOLD = "Helvetica-Bold";

/** Colours of the portal's light theme (packages/ui/src/theme.css). */
const COLOR = {
  brand: "#0b5cad",
  onBrand: "#ffffff",
  fg: "#111827",
  muted: "#4b5563",
  border: "#dde2e8",
  borderStrong: "#858f9c",
  surfaceMuted: "#f4f6f9",
} as const;

/** Width of the right-aligned amount column, and the gap between label and amount. */
const AMOUNT_WIDTH = 110;
const COLUMN_GAP = 16;
const ROW_PADDING = 3.5;

type Doc = PDFKit.PDFDocument;

interface TextStyle {
  font: string;
  size: number;
  color: string;
}

const STYLE = {
  body: { font: FONT, size: 9.5, color: COLOR.fg },
  bodyBold: { font: FONT_BOLD, size: 9.5, color: COLOR.fg },
  label: { font: FONT, size: 8.5, color: COLOR.muted },
  detail: { font: FONT, size: 8, color: COLOR.muted },
  sectionTitle: { font: FONT_BOLD, size: 12, color: COLOR.fg },
  total: { font: FONT_BOLD, size: 13, color: COLOR.fg },
  note: { font: FONT, size: 8, color: COLOR.muted },
  running: { font: FONT, size: 8.5, color: COLOR.muted },
} satisfies Record<string, TextStyle>;

/** Lays the statement out top to bottom, starting a new page whenever the next block does not fit. */
class StatementLayout {
  readonly left = MARGIN;
  readonly width: number;
  y = MARGIN;

  constructor(
    private readonly doc: Doc,
    private readonly statement: PrintableStatement,
  ) {
    this.width = doc.page.width - 2 * MARGIN;
  }

  /** Lowest y content may reach; the page number sits in the bottom margin below it. */
  get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  measure(text: string, style: TextStyle, width: number): number {
    if (text === "") return 0;
    this.doc.font(style.font).fontSize(style.size);
    return this.doc.heightOfString(text, { width });
  }

  write(text: string, style: TextStyle, x: number, y: number, width: number, align: "left" | "right" = "left"): void {
    if (text === "") return;
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color).text(text, x, y, { width, align });
  }

  /** One line only: text that does not fit is cut with an ellipsis. */
  writeLine(
    text: string,
    style: TextStyle,
    x: number,
    y: number,
    width: number,
    align: "left" | "right" = "left",
  ): void {
    if (text === "") return;
    this.doc.font(style.font).fontSize(style.size).fillColor(style.color);
    this.doc.text(text, x, y, { width, align, height: this.doc.currentLineHeight(true), ellipsis: true });
  }

  rule(y: number, color: string = COLOR.border, lineWidth = 0.5, x = this.left, width = this.width): void {
    this.doc
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(lineWidth)
      .strokeColor(color)
      .stroke();
  }

  fits(height: number): boolean {
    return this.y + height <= this.bottom;
  }

  private get runningHeaderHeight(): number {
    return this.measure("X", STYLE.running, this.width);
  }

  /** Height available for content on a continuation page. */
  get freshPageHeight(): number {
    return this.bottom - (MARGIN + this.runningHeaderHeight + 16);
  }

  /** Starts a new page with a running header (brand name and statement title). */
  newPage(): void {
    this.doc.addPage();
    const { brandName, title } = this.statement;
    const half = (this.width - COLUMN_GAP) / 2;
    this.writeLine(brandName, { ...STYLE.running, font: FONT_BOLD, color: COLOR.brand }, this.left, MARGIN, half);
    this.writeLine(title, STYLE.running, this.left + half + COLUMN_GAP, MARGIN, half, "right");
    const height = this.runningHeaderHeight;
    this.rule(MARGIN + height + 2);
    this.y = MARGIN + height + 16;
  }

  ensure(height: number): void {
    if (!this.fits(height)) this.newPage();
  }

  /* ---- header band ---- */

  header(): void {
    const { brandName, title } = this.statement;
    const pad = 16;
    const inner = this.width - 2 * pad;
    const brandStyle = { font: FONT_BOLD, size: 10, color: COLOR.onBrand };
    const titleStyle = { font: FONT_BOLD, size: 18, color: COLOR.onBrand };
    const brandHeight = this.measure(brandName, brandStyle, inner);
    const titleHeight = this.measure(title, titleStyle, inner);
    const height = pad + brandHeight + 6 + titleHeight + pad - 4;

    this.doc.roundedRect(this.left, this.y, this.width, height, 4).fill(COLOR.brand);
    this.write(brandName, brandStyle, this.left + pad, this.y + pad, inner);
    this.write(title, titleStyle, this.left + pad, this.y + pad + brandHeight + 6, inner);
    this.y += height + 18;
  }

  /* ---- account grid: label column | value column ---- */

  account(): void {
    const labelWidth = 140;
    const valueX = this.left + labelWidth + COLUMN_GAP;
    const valueWidth = this.width - labelWidth - COLUMN_GAP;
    for (const { label, value } of this.statement.account) {
      const height = Math.max(
        this.measure(label, STYLE.label, labelWidth) + 1,
        this.measure(value, STYLE.body, valueWidth),
      );
      this.ensure(height);
      this.write(label, STYLE.label, this.left, this.y + 1, labelWidth);
      this.write(value, STYLE.body, valueX, this.y, valueWidth);
      this.y += height + 3;
    }
    this.y += 14;
  }

  /* ---- summary box ---- */

  summary(): void {
    const rows = this.statement.summary;
    if (rows.length === 0) return;
    const pad = 12;
    const amountX = this.left + this.width - pad - AMOUNT_WIDTH;
    const labelWidth = this.width - 2 * pad - AMOUNT_WIDTH - COLUMN_GAP;

    const layout = rows.map((row) => {
      const style = row.emphasis ? STYLE.total : STYLE.body;
      const height = Math.max(
        this.measure(row.label, style, labelWidth),
        this.measure(row.amount, style, AMOUNT_WIDTH),
      );
      // An emphasised row gets a rule and some air above it.
      return { row, style, height, before: row.emphasis ? 8 : 0 };
    });
    const height = pad + layout.reduce((sum, r) => sum + r.before + r.height + ROW_PADDING, 0) - ROW_PADDING + pad;

    this.ensure(height);
    this.doc
      .roundedRect(this.left, this.y, this.width, height, 4)
      .lineWidth(0.75)
      .fillAndStroke(COLOR.surfaceMuted, COLOR.border);

    let y = this.y + pad;
    for (const { row, style, height: rowHeight, before } of layout) {
      if (row.emphasis) {
        this.rule(y + before / 2 - 1, COLOR.borderStrong, 0.75, this.left + pad, this.width - 2 * pad);
        y += before;
      }
      this.write(row.label, style, this.left + pad, y, labelWidth);
      this.write(row.amount, style, amountX, y, AMOUNT_WIDTH, "right");
      y += rowHeight + ROW_PADDING;
    }
    this.y += height + 22;
  }

  /* ---- sections ---- */

  private sectionTitleHeight(title: string): number {
    return this.measure(title, STYLE.sectionTitle, this.width) + 8;
  }

  private drawSectionTitle(title: string): void {
    const height = this.sectionTitleHeight(title);
    this.write(title, STYLE.sectionTitle, this.left, this.y, this.width);
    this.rule(this.y + height - 4, COLOR.fg, 0.75);
    this.y += height;
  }

  section(section: PrintableStatement["sections"][number]): void {
    const labelWidth = this.width - AMOUNT_WIDTH - COLUMN_GAP;
    const amountX = this.left + this.width - AMOUNT_WIDTH;

    const rows = section.lines.map((line) => {
      const labelHeight = this.measure(line.label, STYLE.body, labelWidth);
      const detailHeight = line.detail ? this.measure(line.detail, STYLE.detail, labelWidth) + 1 : 0;
      const amountHeight = this.measure(line.amount, STYLE.body, AMOUNT_WIDTH);
      return {
        line,
        labelHeight,
        height: ROW_PADDING + Math.max(labelHeight + detailHeight, amountHeight) + ROW_PADDING,
      };
    });
    const subtotal = section.subtotal;
    const subtotalHeight = subtotal
      ? 6 +
        Math.max(
          this.measure(subtotal.label, STYLE.bodyBold, labelWidth),
          this.measure(subtotal.amount, STYLE.bodyBold, AMOUNT_WIDTH),
        ) +
        ROW_PADDING
      : 0;

    // Keep the title with the first row (or with the subtotal when there are no lines).
    const titleHeight = this.sectionTitleHeight(section.title);
    this.ensure(titleHeight + (rows[0]?.height ?? subtotalHeight));
    this.drawSectionTitle(section.title);

    rows.forEach(({ line, labelHeight, height }, index) => {
      if (!this.fits(height)) {
        this.newPage();
        this.drawSectionTitle(section.title);
      } else if (index > 0) {
        this.rule(this.y, COLOR.border, 0.5);
      }
      const top = this.y + ROW_PADDING;
      this.write(line.label, STYLE.body, this.left, top, labelWidth);
      if (line.detail) this.write(line.detail, STYLE.detail, this.left, top + labelHeight + 1, labelWidth);
      this.write(line.amount, STYLE.body, amountX, top, AMOUNT_WIDTH, "right");
      this.y += height;
    });

    if (subtotal) {
      if (!this.fits(subtotalHeight)) {
        this.newPage();
        this.drawSectionTitle(section.title);
      }
      this.rule(this.y + 1, COLOR.borderStrong, 0.75);
      this.write(subtotal.label, STYLE.bodyBold, this.left, this.y + 6, labelWidth);
      this.write(subtotal.amount, STYLE.bodyBold, amountX, this.y + 6, AMOUNT_WIDTH, "right");
      this.y += subtotalHeight;
    }
    this.y += 20;
  }

  /* ---- "what changed" box: a bulleted list, split across pages if it must be ---- */

  changes(): void {
    const changes = this.statement.changes;
    if (!changes || changes.items.length === 0) return;
    const pad = 12;
    const bulletIndent = 12;
    const textWidth = this.width - 2 * pad - bulletIndent;
    const titleHeight = this.measure(changes.title, STYLE.bodyBold, this.width - 2 * pad) + 6;
    const items = changes.items.map((text) => ({ text, height: this.measure(text, STYLE.body, textWidth) + 4 }));
    // Keep the box whole when it fits on a page of its own; split it only when it is taller than that.
    const fullHeight = pad + titleHeight + items.reduce((sum, item) => sum + item.height, 0) + pad;
    if (!this.fits(fullHeight) && fullHeight <= this.freshPageHeight) this.newPage();

    let next = 0;
    while (next < items.length) {
      // Take as many items as fit below the title on this page (at least one, on a fresh page).
      let height = pad + titleHeight + pad;
      let count = 0;
      while (next + count < items.length && this.fits(height + items[next + count]!.height)) {
        height += items[next + count]!.height;
        count++;
      }
      if (count === 0) {
        if (this.y > MARGIN + 40) {
          this.newPage();
          continue;
        }
        height += items[next]!.height; // taller than a page: let it overflow rather than loop
        count = 1;
      }

      this.doc
        .roundedRect(this.left, this.y, this.width, height - 4, 4)
        .lineWidth(0.75)
        .fillAndStroke("#ffffff", COLOR.brand);
      this.write(changes.title, STYLE.bodyBold, this.left + pad, this.y + pad, this.width - 2 * pad);
      let y = this.y + pad + titleHeight;
      for (const item of items.slice(next, next + count)) {
        this.write("\u2022", { ...STYLE.body, color: COLOR.brand }, this.left + pad, y, bulletIndent);
        this.write(item.text, STYLE.body, this.left + pad + bulletIndent, y, textWidth);
        y += item.height;
      }
      next += count;
      this.y += height;
      if (next < items.length) this.newPage();
    }
    this.y += 16;
  }

  /* ---- notes at the bottom of the last page ---- */

  notes(): void {
    const notes = this.statement.notes.filter((note) => note !== "");
    if (notes.length === 0) return;
    const heights = notes.map((note) => this.measure(note, STYLE.note, this.width) + 2);
    const height = 10 + heights.reduce((sum, h) => sum + h, 0);
    if (!this.fits(height + 8)) this.newPage();

    let y = this.bottom - height;
    this.rule(y, COLOR.border, 0.5);
    y += 10;
    notes.forEach((note, index) => {
      this.write(note, STYLE.note, this.left, y, this.width);
      y += heights[index]!;
    });
    this.y = this.bottom;
  }

  /** "n / N" and the brand name in the bottom margin of every page. */
  pageNumbers(): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = start; index < start + count; index++) {
      this.doc.switchToPage(index);
      const page = this.doc.page;
      const bottomMargin = page.margins.bottom;
      page.margins.bottom = 0; // writing below the margin would otherwise start a new page
      const y = page.height - MARGIN + 16;
      const numberWidth = 60;
      const brandWidth = this.width - numberWidth - COLUMN_GAP;
      this.writeLine(this.statement.brandName, STYLE.running, this.left, y, brandWidth);
      this.writeLine(
        `${index - start + 1} / ${count}`,
        STYLE.running,
        this.left + brandWidth + COLUMN_GAP,
        y,
        numberWidth,
        "right",
      );
      page.margins.bottom = bottomMargin;
    }
  }
}

function sanitize(statement: PrintableStatement): PrintableStatement {
  return {
    brandName: toWinAnsi(statement.brandName),
    title: toWinAnsi(statement.title),
    locale: statement.locale,
    account: statement.account.map((row) => ({ label: toWinAnsi(row.label), value: toWinAnsi(row.value) })),
    summary: statement.summary.map((row) => ({ ...row, label: toWinAnsi(row.label), amount: toWinAnsi(row.amount) })),
    sections: statement.sections.map((section) => ({
      title: toWinAnsi(section.title),
      lines: section.lines.map((line) => ({
        label: toWinAnsi(line.label),
        detail: line.detail === undefined ? undefined : toWinAnsi(line.detail),
        amount: toWinAnsi(line.amount),
      })),
      subtotal: section.subtotal && {
        label: toWinAnsi(section.subtotal.label),
        amount: toWinAnsi(section.subtotal.amount),
      },
    })),
    changes: statement.changes && {
      title: toWinAnsi(statement.changes.title),
      items: statement.changes.items.map(toWinAnsi),
    },
    notes: statement.notes.map(toWinAnsi),
  };
}

/**
 * Renders a statement as a US Letter PDF with pdfkit's built-in Helvetica (no font files to
 * fetch or ship). `compress: false` leaves content streams readable, for tests.
 */
export async function renderStatementPdf(
  statement: PrintableStatement,
  options?: { compress?: boolean },
): Promise<Buffer> {
  const data = sanitize(statement);
  const doc = new PDFDocument({
    size: "LETTER",
    margin: MARGIN,
    bufferPages: true,
    compress: options?.compress ?? true,
    lang: data.locale,
    displayTitle: true,
    font: FONT,
    info: { Title: data.title, Author: data.brandName },
  });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const layout = new StatementLayout(doc, data);
  layout.header();
  layout.account();
  layout.summary();
  for (const section of data.sections) layout.section(section);
  layout.changes();
  layout.notes();
  layout.pageNumbers();

  doc.end();
  return done;
}
