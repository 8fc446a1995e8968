/**
 * Help-center search: a pure ranking over the articles of one language. Words are compared
 * without accents or case ("contraseña" finds "contrasena"), a plural finds its singular, and the
 * last word counts as a prefix while it is still being typed ("rout" finds "router").
 */

export interface SearchableArticle {
  slug: string;
  category: string;
  title: string;
  summary: string;
  keywords: string[];
  body: string;
}

export interface HelpSearchHit<A extends SearchableArticle = SearchableArticle> {
  article: A;
  score: number;
  /** Plain text from the article around the first match, at most about 200 characters. */
  snippet: string;
}

const WEIGHT = { title: 10, keywords: 6, summary: 3, body: 1 } as const;
type Field = keyof typeof WEIGHT;

/** Words too common to rank by, in both languages. */
const STOP_WORDS = new Set(
  [
    // English
    "a an and are as at be by can do does for from how i if in is it me my of on or so the this to what when where why with you your",
    // Spanish
    "a al como con cual cuando de del el en es esta este la las lo los me mi mis o para por que se si su sus te tu un una y yo",
  ]
    .join(" ")
    .split(" "),
);

export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export function tokenize(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The words of a query that carry meaning; all of them when the query is only common words. */
export function queryTerms(query: string): { terms: string[]; lastIsPrefix: boolean } {
  const words = tokenize(query).slice(0, 12);
  // "can't" splits into "can" and "t": a lone letter carries no meaning.
  const meaningful = words.filter((word) => !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word)));
  const terms = meaningful.length > 0 ? meaningful : words;
  // The last word is still being typed unless the query ends with a space or punctuation.
  const lastIsPrefix = terms.length > 0 && /[\p{L}\p{N}]$/u.test(query.trim()) && !/\s$/.test(query);
  return { terms: [...new Set(terms)], lastIsPrefix };
}

/** One-letter-s plurals (routers, facturas) and -es plurals (boxes, contraseñas) find their singular. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("es") && !word.endsWith("ses")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

interface IndexedField {
  tokens: string[];
  stems: Set<string>;
}

function indexField(text: string): IndexedField {
  const tokens = tokenize(text);
  return { tokens, stems: new Set(tokens.map(stem)) };
}

/** How well a field matches a term: 1 for the word itself, 0.6 for a prefix being typed, else 0. */
function fieldMatch(field: IndexedField, term: string, prefix: boolean): number {
  if (field.stems.has(stem(term))) return 1;
  if (prefix && term.length >= 2 && field.tokens.some((token) => token.startsWith(term))) return 0.6;
  return 0;
}

function countMatches(field: IndexedField, term: string, prefix: boolean): number {
  const s = stem(term);
  let count = 0;
  for (const token of field.tokens) {
    if (stem(token) === s || (prefix && term.length >= 2 && token.startsWith(term))) count += 1;
  }
  return count;
}

/** Markdown to plain text for snippets: no markup, links as their text, one line. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/gm, " ")
    .replace(/\|/g, " ")
    .replace(/[*_~]{1,3}([^*_~]+)[*_~]{1,3}/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

const SNIPPET_LENGTH = 200;

/** A window of the text around the first word matching a term (or the start when none does). */
export function makeSnippet(text: string, terms: string[], lastIsPrefix: boolean): string {
  const plain = plainText(text);
  if (plain.length <= SNIPPET_LENGTH) return plain;
  const folded = foldText(plain);
  let at = -1;
  terms.forEach((term, index) => {
    const prefix = lastIsPrefix && index === terms.length - 1;
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(prefix ? term : stem(term))}`, "u");
    const found = pattern.exec(folded);
    if (found) {
      const position = found.index + found[1]!.length;
      if (at === -1 || position < at) at = position;
    }
  });
  let start = Math.max(0, at === -1 ? 0 : at - 60);
  if (start > 0) {
    const space = plain.indexOf(" ", start);
    start = space === -1 || space > start + 20 ? start : space + 1;
  }
  let end = Math.min(plain.length, start + SNIPPET_LENGTH);
  if (end < plain.length) {
    const space = plain.lastIndexOf(" ", end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  return `${start > 0 ? "…" : ""}${plain.slice(start, end).trim()}${end < plain.length ? "…" : ""}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Ranks articles for a query. An article must match every meaningful word somewhere; when none
 * does, articles matching any word are returned instead, so a stray word doesn't empty the page.
 * A word in the title weighs more than one in the keywords, than one in the summary, than the body.
 */
export function searchHelpArticles<A extends SearchableArticle>(
  articles: readonly A[],
  query: string,
  options: { limit?: number } = {},
): HelpSearchHit<A>[] {
  const { terms, lastIsPrefix } = queryTerms(query);
  if (terms.length === 0) return [];
  const limit = options.limit ?? 20;

  const scored = articles.map((article) => {
    const fields: Record<Field, IndexedField> = {
      title: indexField(article.title),
      keywords: indexField(article.keywords.join(" ")),
      summary: indexField(article.summary),
      body: indexField(plainText(article.body)),
    };
    let score = 0;
    let matched = 0;
    terms.forEach((term, index) => {
      const prefix = lastIsPrefix && index === terms.length - 1;
      let best = 0;
      for (const field of ["title", "keywords", "summary"] as const) {
        best = Math.max(best, WEIGHT[field] * fieldMatch(fields[field], term, prefix));
      }
      // Body matches add up a little with repetition, but never outweigh a title hit.
      const inBody = countMatches(fields.body, term, prefix);
      const body =
        inBody > 0
          ? WEIGHT.body * Math.min(3, 1 + Math.log2(inBody)) * (fieldMatch(fields.body, term, false) ? 1 : 0.6)
          : 0;
      const termScore = best + body;
      if (termScore > 0) matched += 1;
      score += termScore;
    });
    // The whole query as a phrase in the title is the best sign of all.
    const phrase = terms.join(" ");
    if (terms.length > 1 && fields.title.tokens.join(" ").includes(phrase)) score += WEIGHT.title;
    return { article, score, matched };
  });

  const all = scored.filter((entry) => entry.matched === terms.length);
  const chosen = all.length > 0 ? all : scored.filter((entry) => entry.matched > 0);
  return chosen
    .sort((a, b) => b.matched - a.matched || b.score - a.score || a.article.title.localeCompare(b.article.title))
    .slice(0, limit)
    .map(({ article, score }) => ({ article, score, snippet: snippetFor(article, terms, lastIsPrefix) }));
}

/** The body around the first match, or the summary when the match is only in the title or keywords. */
function snippetFor(article: SearchableArticle, terms: string[], lastIsPrefix: boolean): string {
  const body = indexField(plainText(article.body));
  const inBody = terms.some((term, index) => fieldMatch(body, term, lastIsPrefix && index === terms.length - 1) > 0);
  return inBody ? makeSnippet(article.body, terms, lastIsPrefix) : article.summary;
}
