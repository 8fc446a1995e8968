import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@homeport/db";
import { displayPhone } from "../provider/display-phone.ts";
import { type ProviderProfile, providerProfile } from "../provider/profile.ts";

/**
 * The help center: Markdown articles kept as content files (packages/core/content/help/<locale>/),
 * copied into the HelpArticle table by `syncHelpArticles`, and read back with the provider's own
 * host names, ports and phone number filled in.
 */

export const HELP_LOCALES = ["en", "es"] as const;
export type HelpLocale = (typeof HELP_LOCALES)[number];

export const HELP_CATEGORIES = [
  "internet",
  "tv",
  "phone",
  "billing",
  "account",
  "email",
  "equipment",
  "outages",
  "privacy",
] as const;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];

export interface HelpArticleContent {
  slug: string;
  locale: HelpLocale;
  category: HelpCategory;
  title: string;
  summary: string;
  keywords: string[];
  body: string;
}

export class HelpContentError extends Error {
  override name = "HelpContentError";
}

/** Where the content files live: packages/core/content/help, next to src/. */
export function defaultHelpContentDir(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ path.join(path.dirname(fileURLToPath(import.meta.url)), "../../content/help"),
  );
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A tiny front-matter parser: `---`, then `key: value` lines (keywords as a comma list or
 * `[a, b]`), then `---` and the Markdown body.
 */
export function parseHelpArticle(source: string, locale: HelpLocale, fileName = "article"): HelpArticleContent {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!match) throw new HelpContentError(`${fileName}: missing front matter`);
  const fields: Record<string, string> = {};
  for (const line of match[1]!.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon < 1) throw new HelpContentError(`${fileName}: bad front-matter line "${line}"`);
    fields[line.slice(0, colon).trim()] = unquote(line.slice(colon + 1).trim());
  }
  const need = (key: string) => {
    const value = fields[key];
    if (!value) throw new HelpContentError(`${fileName}: front matter needs "${key}"`);
    return value;
  };
  const slug = need("slug");
  if (!SLUG.test(slug)) throw new HelpContentError(`${fileName}: slug "${slug}" is not kebab-case`);
  const category = need("category");
  if (!(HELP_CATEGORIES as readonly string[]).includes(category)) {
    throw new HelpContentError(`${fileName}: unknown category "${category}"`);
  }
  const keywords = (fields.keywords ?? "")
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((word) => unquote(word.trim()))
    .filter(Boolean);
  const body = match[2]!.trim();
  if (!body) throw new HelpContentError(`${fileName}: empty body`);
  return {
    slug,
    locale,
    category: category as HelpCategory,
    title: need("title"),
    summary: need("summary"),
    keywords,
    body,
  };
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** Every article file, both languages; throws on a malformed file so a bad article fails the seed. */
export function loadHelpContent(dir = defaultHelpContentDir()): HelpArticleContent[] {
  const articles: HelpArticleContent[] = [];
  for (const locale of HELP_LOCALES) {
    let files: string[];
    try {
      files = readdirSync(path.join(dir, locale)).filter((name) => name.endsWith(".md"));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      const article = parseHelpArticle(readFileSync(path.join(dir, locale, file), "utf8"), locale, `${locale}/${file}`);
      if (`${article.slug}.md` !== file) {
        throw new HelpContentError(`${locale}/${file}: slug "${article.slug}" does not match the file name`);
      }
      articles.push(article);
    }
  }
  return articles;
}

/**
 * Copies the content files into HelpArticle: new and changed articles are written, unchanged ones
 * left alone (so running it on every start is cheap and idempotent), rows whose file is gone removed.
 */
export async function syncHelpArticles(
  db: Db,
  options: { dir?: string; articles?: HelpArticleContent[] } = {},
): Promise<{ created: number; updated: number; removed: number }> {
  const articles = options.articles ?? loadHelpContent(options.dir);
  return db.$transaction(
    async (tx) => {
      // Two processes starting at once (web and worker) take turns instead of racing on inserts.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('homeport.help-articles'))`;
      const existing = await tx.helpArticle.findMany();
      const byKey = new Map(existing.map((row) => [`${row.locale}/${row.slug}`, row]));
      let created = 0;
      let updated = 0;
      for (const article of articles) {
        const data = {
          category: article.category,
          title: article.title,
          summary: article.summary,
          body: article.body,
          keywords: article.keywords,
        };
        const row = byKey.get(`${article.locale}/${article.slug}`);
        byKey.delete(`${article.locale}/${article.slug}`);
        if (
          row &&
          row.category === data.category &&
          row.title === data.title &&
          row.summary === data.summary &&
          row.body === data.body &&
          row.keywords.join("\n") === data.keywords.join("\n")
        ) {
          continue;
        }
        await tx.helpArticle.upsert({
          where: { slug_locale: { slug: article.slug, locale: article.locale } },
          create: { slug: article.slug, locale: article.locale, ...data },
          update: data,
        });
        if (row) updated += 1;
        else created += 1;
      }
      const gone = [...byKey.values()];
      for (const row of gone) {
        await tx.helpArticle.deleteMany({ where: { slug: row.slug, locale: row.locale } });
      }
      return { created, updated, removed: gone.length };
    },
    { timeout: 30_000 },
  );
}

/** The values an article may name as `{{name}}`, taken from the provider profile. */
export function helpPlaceholders(profile: ProviderProfile): Record<string, string> {
  const { imap, pop3 } = profile.email.incoming;
  const { smtp } = profile.email.outgoing;
  const socket = (value: string) => (value === "SSL" ? "SSL/TLS" : value === "STARTTLS" ? "STARTTLS" : "None");
  return {
    brandName: profile.brandName,
    shortName: profile.shortName,
    supportPhone: displayPhone(profile.supportPhone),
    supportPhoneE164: profile.supportPhone,
    "email.domain": profile.email.domains[0] ?? "",
    "email.domains": profile.email.domains.join(", "),
    "email.displayName": profile.email.displayName,
    "imap.hostname": imap.hostname,
    "imap.port": String(imap.port),
    "imap.security": socket(imap.socket),
    "pop3.hostname": pop3.hostname,
    "pop3.port": String(pop3.port),
    "pop3.security": socket(pop3.socket),
    "smtp.hostname": smtp.hostname,
    "smtp.port": String(smtp.port),
    "smtp.security": socket(smtp.socket),
    "email.maxMessageMb": String(Math.floor(profile.email.limits.maxMessageBytes / 1024 ** 2)),
    "email.quotaGb": String(Math.floor(profile.email.limits.mailboxQuotaBytes / 1024 ** 3)),
    "email.idleLockDays": String(profile.email.limits.idleLockDays),
    "usage.blockGb": String(profile.usage.overage.blockGb),
    "outage.minimumHours": String(profile.services.outageCredit.minimumHours),
    "appointments.daysAhead": String(profile.services.appointments.daysAhead),
    "appointments.changeCutoffHours": String(profile.services.appointments.changeCutoffHours),
    "billing.dueDays": String(profile.billing.dueDays),
    "billing.arrangementMaxDays": String(profile.billing.arrangement.maxDaysOut),
  };
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9.]+)\s*\}\}/g;

/** Names used in `text` that `values` does not know (the content test keeps this empty). */
export function unknownPlaceholders(text: string, values: Record<string, string>): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(name in values));
}

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

export interface HelpArticle {
  slug: string;
  locale: string;
  category: HelpCategory;
  title: string;
  summary: string;
  keywords: string[];
  body: string;
  updatedAt: Date;
}

type Row = Awaited<ReturnType<Db["helpArticle"]["findMany"]>>[number];

function present(row: Row, values: Record<string, string>): HelpArticle {
  return {
    slug: row.slug,
    locale: row.locale,
    category: row.category as HelpCategory,
    title: fillPlaceholders(row.title, values),
    summary: fillPlaceholders(row.summary, values),
    keywords: row.keywords,
    body: fillPlaceholders(row.body, values),
    updatedAt: row.updatedAt,
  };
}

export function helpLocale(locale: string): HelpLocale {
  return locale === "es" ? "es" : "en";
}

/** A language's articles (optionally one category), in category then title order, ready to show. */
export async function listHelpArticles(
  db: Db,
  locale: string,
  category?: string | null,
  profile?: ProviderProfile,
): Promise<HelpArticle[]> {
  const values = helpPlaceholders(profile ?? providerProfile());
  const rows = await db.helpArticle.findMany({
    where: { locale: helpLocale(locale), ...(category ? { category } : {}) },
    orderBy: [{ category: "asc" }, { title: "asc" }],
  });
  return rows.map((row) => present(row, values));
}

/** One article in the reader's language, with the provider's details filled in; null if unknown. */
export async function getHelpArticle(
  db: Db,
  slug: string,
  locale: string,
  profile?: ProviderProfile,
): Promise<HelpArticle | null> {
  if (!SLUG.test(slug)) return null;
  const row = await db.helpArticle.findUnique({ where: { slug_locale: { slug, locale: helpLocale(locale) } } });
  if (!row) return null;
  return present(row, helpPlaceholders(profile ?? providerProfile()));
}
