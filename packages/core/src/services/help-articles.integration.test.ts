import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { getHelpArticle, listHelpArticles } from "./help-articles.ts";
import { loadHelpContent, syncHelpArticles } from "./help-content.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());

describe("help articles", () => {
  it("syncs the content files idempotently, updates changed ones and removes deleted ones", async () => {
    const content = loadHelpContent();
    const first = await syncHelpArticles(db, { articles: content });
    expect(first.created + first.updated).toBeGreaterThan(0);
    expect(await db.helpArticle.count()).toBe(content.length);

    expect(await syncHelpArticles(db)).toEqual({ created: 0, updated: 0, removed: 0 });

    const [changed, ...rest] = content;
    const edited = { ...changed!, title: `${changed!.title} (edited)` };
    const withExtra = [edited, ...rest, { ...changed!, slug: "gone-soon", locale: "en" as const }];
    expect(await syncHelpArticles(db, { articles: withExtra })).toEqual({ created: 1, updated: 1, removed: 0 });
    expect(await syncHelpArticles(db, { articles: content })).toEqual({ created: 0, updated: 1, removed: 1 });
    expect(await db.helpArticle.count()).toBe(content.length);

    // Two starts at once leave one row per article.
    await Promise.all([syncHelpArticles(db, { articles: withExtra }), syncHelpArticles(db, { articles: withExtra })]);
    await syncHelpArticles(db);
    expect(await db.helpArticle.count()).toBe(content.length);
  });

  it("reads articles with the provider's details filled in, by language and category", async () => {
    await syncHelpArticles(db);
    const en = await getHelpArticle(db, "email-server-settings", "en", ctx.profile);
    expect(en?.body).toContain("`mobile.charter.net`");
    expect(en?.body).not.toContain("{{");
    expect(en?.summary).toContain("Spectrum");
    const es = await getHelpArticle(db, "email-server-settings", "es", ctx.profile);
    expect(es?.title).toMatch(/Configuración/);
    // Unknown languages fall back to English; unknown or malformed slugs are not found.
    expect((await getHelpArticle(db, "email-server-settings", "fr", ctx.profile))?.title).toBe(en?.title);
    expect(await getHelpArticle(db, "no-such-article", "en", ctx.profile)).toBeNull();
    expect(await getHelpArticle(db, "../etc", "en", ctx.profile)).toBeNull();

    const email = await listHelpArticles(db, "es", "email", ctx.profile);
    expect(email.length).toBeGreaterThanOrEqual(6);
    expect(email.every((a) => a.category === "email" && a.locale === "es")).toBe(true);
    expect((await listHelpArticles(db, "en", null, ctx.profile)).length).toBe(
      loadHelpContent().filter((a) => a.locale === "en").length,
    );
  });
});
