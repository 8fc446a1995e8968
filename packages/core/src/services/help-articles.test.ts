import { describe, expect, it } from "vitest";
import { charterProfile } from "../provider/charter.ts";
import { ZProviderProfile } from "../provider/profile.ts";
import { fillPlaceholders, HELP_CATEGORIES, helpPlaceholders, unknownPlaceholders } from "./help-articles.ts";
import { loadHelpContent, parseHelpArticle } from "./help-content.ts";

const profile = ZProviderProfile.parse(charterProfile);
const articles = loadHelpContent();

describe("help content files", () => {
  it("has at least 16 articles in each language, with the same slugs and categories", () => {
    const en = articles.filter((a) => a.locale === "en");
    const es = articles.filter((a) => a.locale === "es");
    expect(en.length).toBeGreaterThanOrEqual(16);
    expect(es.map((a) => `${a.slug}:${a.category}`)).toEqual(en.map((a) => `${a.slug}:${a.category}`));
    // Spanish is translated, not copied.
    for (const article of en) {
      expect(es.find((a) => a.slug === article.slug)?.title, article.slug).not.toBe(article.title);
    }
  });

  it("uses only placeholders the provider profile fills, and no raw HTML", () => {
    const values = helpPlaceholders(profile);
    for (const article of articles) {
      const text = [article.title, article.summary, article.body].join("\n");
      expect(unknownPlaceholders(text, values), `${article.locale}/${article.slug}`).toEqual([]);
      expect(text, `${article.locale}/${article.slug}`).not.toMatch(/<[a-z!/]/i);
      expect(article.keywords.length, `${article.locale}/${article.slug}`).toBeGreaterThan(2);
    }
  });

  it("links only to help articles that exist", () => {
    const slugs = new Set(articles.map((a) => a.slug));
    for (const article of articles) {
      for (const [, slug] of article.body.matchAll(/\]\(\/help\/([a-z0-9-]+)\)/g)) {
        if (slug !== "callback") expect(slugs.has(slug!), `${article.locale}/${article.slug} -> ${slug}`).toBe(true);
      }
    }
  });

  it("covers every category that has a page", () => {
    const used = new Set(articles.map((a) => a.category));
    expect([...HELP_CATEGORIES].filter((c) => !used.has(c))).toEqual([]);
  });

  it("fills the email settings from the profile", () => {
    const en = articles.find((a) => a.slug === "email-server-settings" && a.locale === "en")!;
    const body = fillPlaceholders(en.body, helpPlaceholders(profile));
    expect(body).toContain("`mobile.charter.net`");
    expect(body).toContain("`993`");
    expect(body).toContain("`995`");
    expect(body).toContain("`587`");
    expect(body).not.toContain("{{");
    expect(helpPlaceholders(profile).supportPhone).toBe("(833) 876-1550");
  });
});

describe("front matter", () => {
  it("parses fields, quoted values and bracketed keywords", () => {
    const article = parseHelpArticle(
      `---\nslug: a-b\ncategory: tv\ntitle: "Title: with colon"\nsummary: Short\nkeywords: [one, "two words"]\n---\n\n# Body\n`,
      "en",
    );
    expect(article).toEqual({
      slug: "a-b",
      locale: "en",
      category: "tv",
      title: "Title: with colon",
      summary: "Short",
      keywords: ["one", "two words"],
      body: "# Body",
    });
  });

  it("rejects a missing field, a bad slug or category, and a file without front matter", () => {
    const file = (front: string) => `---\n${front}\n---\nBody`;
    expect(() => parseHelpArticle("Body only", "en")).toThrow(/front matter/);
    expect(() => parseHelpArticle(file("slug: x\ncategory: tv\ntitle: T"), "en")).toThrow(/summary/);
    expect(() => parseHelpArticle(file("slug: Bad Slug\ncategory: tv\ntitle: T\nsummary: S"), "en")).toThrow(/slug/);
    expect(() => parseHelpArticle(file("slug: x\ncategory: cooking\ntitle: T\nsummary: S"), "en")).toThrow(/category/);
  });

  it("leaves unknown placeholders visible rather than blank", () => {
    expect(fillPlaceholders("Call {{supportPhone}} {{nope}}", { supportPhone: "1" })).toBe("Call 1 {{nope}}");
  });
});
