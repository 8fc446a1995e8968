import type { DbTx } from "@homeport/db";
import { strToU8, zipSync } from "fflate";
import {
  CCPA_CATEGORIES,
  type CcpaCategory,
  delegateOf,
  type InventoryEntry,
  PRIVACY_INVENTORY,
  type PrivacySubject,
  resolveSubjectKeys,
} from "./inventory.ts";

/** A translator of the `privacyExport` namespace (keys without the prefix). */
export type ExportTranslate = (key: string, values?: Record<string, string | number>) => string;

export interface PrivacyExportOptions {
  /** KNOW_SPECIFIC: copies of the data (§7024); otherwise KNOW_CATEGORIES: categories only. */
  specific: boolean;
  now: Date;
  /** The account's time zone, for the "generated on" line. */
  timeZone: string;
  t: ExportTranslate;
}

export interface PrivacyExportFile {
  zip: Uint8Array;
  fileName: string;
  summary: { category: string; count: number }[];
}

interface Section {
  entry: InventoryEntry;
  count: number;
  rows: Record<string, unknown>[];
}

/**
 * Builds the response to a request to know (Civ. Code §1798.110, 11 CCR §7024): a ZIP with a
 * readable summary.html and, for specific pieces, each table's rows as JSON and CSV — a portable,
 * readily usable format (§1798.130(a)(2)(B)). Only the inventory's exportFields leave the database.
 */
export async function buildPrivacyExport(
  db: DbTx,
  subject: PrivacySubject,
  options: PrivacyExportOptions,
): Promise<PrivacyExportFile> {
  const keys = await resolveSubjectKeys(db, subject);
  const sections: Section[] = [];
  for (const entry of PRIVACY_INVENTORY) {
    const where = entry.where(keys);
    if (where === null) continue;
    const delegate = delegateOf(db, entry);
    if (options.specific) {
      const select = Object.fromEntries(entry.exportFields.map((f) => [f, true as const]));
      const rows = await delegate.findMany({ where, select });
      if (rows.length > 0) sections.push({ entry, count: rows.length, rows });
    } else {
      const count = await delegate.count({ where });
      if (count > 0) sections.push({ entry, count, rows: [] });
    }
  }

  const summary = CCPA_CATEGORIES.map((category) => ({
    category,
    count: sections.filter((s) => s.entry.category === category).reduce((sum, s) => sum + s.count, 0),
  })).filter((c) => c.count > 0);

  const who = await describeSubject(db, subject);
  const files: Record<string, Uint8Array> = {
    "summary.html": strToU8(renderSummary(sections, summary, who, options)),
  };
  if (options.specific) {
    for (const { entry, rows } of sections) {
      const plain = rows.map((row) => Object.fromEntries(entry.exportFields.map((f) => [f, toJsonValue(row[f])])));
      files[`data/${entry.model}.json`] = strToU8(`${JSON.stringify(plain, null, 2)}\n`);
      files[`data/${entry.model}.csv`] = strToU8(toCsv(entry.exportFields, rows));
    }
  }

  const day = localDay(options.now, options.timeZone);
  return {
    zip: zipSync(files, { level: 6, mtime: options.now }),
    fileName: `privacy-${options.specific ? "data" : "categories"}-${day}.zip`,
    summary,
  };
}

interface Who {
  name: string | null;
  email: string | null;
  accountNumber: string | null;
}

async function describeSubject(db: DbTx, subject: PrivacySubject): Promise<Who> {
  const user = subject.userId
    ? await db.user.findUnique({ where: { id: subject.userId }, select: { name: true, email: true } })
    : null;
  const account =
    subject.accountId && subject.accountRole === "OWNER"
      ? await db.serviceAccount.findUnique({
          where: { id: subject.accountId },
          select: { accountNumber: true, holderName: true },
        })
      : null;
  return {
    name: user?.name ?? account?.holderName ?? null,
    email: user?.email ?? null,
    accountNumber: account?.accountNumber ?? null,
  };
}

function renderSummary(
  sections: Section[],
  summary: { category: CcpaCategory; count: number }[],
  who: Who,
  { specific, now, timeZone, t }: PrivacyExportOptions,
): string {
  const locale = usableLocale(t("locale"));
  const generated = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(now);
  const text = (key: string, values?: Record<string, string | number>) => escapeHtml(t(key, values));
  const unique = <T>(items: T[]) => [...new Set(items)];

  const categories = summary.map(({ category, count }) => {
    const inCategory = sections.filter((s) => s.entry.category === category);
    const purposes = unique(inCategory.flatMap((s) => [...s.entry.purposes]));
    const sources = unique(inCategory.flatMap((s) => [...s.entry.sources]));
    const tables = inCategory.map(({ entry, count: rows }) => {
      const label = `${text(`table.${entry.model}`)} — ${text("recordCount", { count: rows })}`;
      const filesNote = specific
        ? ` <span class="files">data/${escapeHtml(entry.model)}.json, data/${escapeHtml(entry.model)}.csv</span>`
        : "";
      return `<li>${label}${filesNote}</li>`;
    });
    return `<section>
<h3>${text(`category.${category}`)} <small>(${text("recordCount", { count })})</small></h3>
<p><strong>${text("purposesLabel")}</strong> ${purposes.map((p) => text(`purpose.${p}`)).join("; ")}</p>
<p><strong>${text("sourcesLabel")}</strong> ${sources.map((s) => text(`source.${s}`)).join("; ")}</p>
<p><strong>${text("recordsLabel")}</strong></p>
<ul>${tables.join("")}</ul>
</section>`;
  });

  const whoLines = [
    who.name ? `<p>${text("whoName", { name: who.name })}</p>` : "",
    who.email ? `<p>${text("whoEmail", { email: who.email })}</p>` : "",
    who.accountNumber ? `<p>${text("whoAccount", { accountNumber: who.accountNumber })}</p>` : "",
  ].join("");

  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${text("title")}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.1rem; margin-bottom: 0.25rem; }
section { border-top: 1px solid #ddd; padding-top: 0.5rem; } small, .files { color: #555; } .files { font-family: monospace; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>${text("title")}</h1>
${whoLines}
<p>${text("generatedAt", { date: generated, timeZone })}</p>
<p>${text(specific ? "introSpecific" : "introCategories")}</p>
<h2>${text("categoriesHeading")}</h2>
${categories.length > 0 ? categories.join("\n") : `<p>${text("nothingHeld")}</p>`}
${specific && categories.length > 0 ? `<p>${text("filesNote")}</p>` : ""}
<h2>${text("notIncludedHeading")}</h2>
<ul>
<li>${text("notIncludedSecrets")}</li>
<li>${text("notIncludedOthers")}</li>
<li>${text("notIncludedPublic")}</li>
</ul>
<p>${text("footer")}</p>
</body>
</html>
`;
}

/** The catalog names its own BCP 47 tag; anything else (a test's stub) falls back to en-US. */
function usableLocale(tag: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : "en-US";
  } catch {
    return "en-US";
  }
}

function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (value === undefined) return null;
  return value;
}

function csvCell(value: unknown): string {
  const plain = toJsonValue(value);
  if (plain === null) return "";
  let cell = typeof plain === "object" ? JSON.stringify(plain) : String(plain);
  // A text cell starting with = + - @ runs as a formula in a spreadsheet (OWASP CSV injection);
  // the quote makes it text. Numbers are left alone, so negative amounts stay numbers.
  if (typeof plain === "string" && /^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** RFC 4180: CRLF line ends, a header row, quoted fields where needed. */
export function toCsv(fields: readonly string[], rows: Record<string, unknown>[]): string {
  const lines = [fields.map(csvCell).join(","), ...rows.map((row) => fields.map((f) => csvCell(row[f])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
