import type { Db } from "@homeport/db";
import { displayPhone } from "../provider/display-phone.ts";
import { type ProviderProfile, providerProfile } from "../provider/profile.ts";

/**
 * The help center: Markdown articles kept as content files (packages/core/content/help/<locale>/),
 * copied into the HelpArticle table by `syncHelpArticles` (help-content.ts, which pages never
 * import), and read back here with the provider's own host names, ports and phone number filled in.
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

export const HELP_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface HelpArticleContent {
  slug: string;
  locale: HelpLocale;
  category: HelpCategory;
  title: string;
  summary: string;
  keywords: string[];
  body: string;
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
  if (!HELP_SLUG.test(slug)) return null;
  const row = await db.helpArticle.findUnique({ where: { slug_locale: { slug, locale: helpLocale(locale) } } });
  if (!row) return null;
  return present(row, helpPlaceholders(profile ?? providerProfile()));
}
