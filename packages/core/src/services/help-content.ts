import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "@homeport/db";
import {
  HELP_CATEGORIES,
  HELP_LOCALES,
  HELP_SLUG,
  type HelpArticleContent,
  type HelpCategory,
  type HelpLocale,
} from "./help-articles.ts";

/** Reading the help content files and copying them into the database, at start-up and in the seed. */

export class HelpContentError extends Error {
  override name = "HelpContentError";
}

/** Where the content files live: packages/core/content/help, next to src/. */
export function defaultHelpContentDir(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ path.join(path.dirname(fileURLToPath(import.meta.url)), "../../content/help"),
  );
}

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
  if (!HELP_SLUG.test(slug)) throw new HelpContentError(`${fileName}: slug "${slug}" is not kebab-case`);
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
