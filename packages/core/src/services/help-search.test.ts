import { describe, expect, it } from "vitest";
import {
  foldText,
  makeSnippet,
  plainText,
  queryTerms,
  searchHelpArticles,
  type SearchableArticle,
} from "./help-search.ts";

const article = (slug: string, fields: Partial<SearchableArticle>): SearchableArticle => ({
  slug,
  category: "internet",
  title: "",
  summary: "",
  keywords: [],
  body: "",
  ...fields,
});

const articles = [
  article("restart-equipment", {
    title: "Restart your equipment",
    summary: "Unplug the modem and router for 60 seconds.",
    keywords: ["reboot", "power cycle"],
    body: "Most problems with the internet go away after a restart of the modem.",
  }),
  article("wifi-name-password", {
    title: "Change your WiFi name and password",
    summary: "Pick a new network name and a strong password.",
    keywords: ["ssid", "network key"],
    body: "Open WiFi settings and type a new password.",
  }),
  article("email-troubleshooting", {
    category: "email",
    title: "Email troubleshooting",
    summary: "When you can't send or receive mail.",
    keywords: ["password", "smtp"],
    body: "Check the outgoing server and your password. Your password is the one for your mailbox.",
  }),
  article("two-step", {
    category: "account",
    title: "Two-step sign-in",
    summary: "Codes from an app protect the account even if your password leaks.",
    body: "Set up an authenticator app.",
  }),
];

const contrasena = [
  article("cambiar-wifi", {
    title: "Cambia el nombre y la contraseña de tu WiFi",
    summary: "Elige un nombre de red nuevo.",
    keywords: ["SSID", "clave de red"],
    body: "Abre la configuración del WiFi.",
  }),
  article("factura", {
    category: "billing",
    title: "Entiende tu factura",
    summary: "Cargos, impuestos y cargos prorrateados.",
    body: "Tu factura muestra la contraseña… no, muestra los cargos del mes.",
  }),
];

describe("help search", () => {
  it("folds accents and case", () => {
    expect(foldText("Contraseña ÁRBOL")).toBe("contrasena arbol");
    expect(searchHelpArticles(contrasena, "CONTRASENA").map((hit) => hit.article.slug)).toEqual([
      "cambiar-wifi",
      "factura",
    ]);
    expect(searchHelpArticles(contrasena, "facturación").map((hit) => hit.article.slug)).toEqual([]);
    expect(searchHelpArticles(contrasena, "facturas")[0]?.article.slug).toBe("factura");
  });

  it("weighs a title over keywords over summary over body", () => {
    const ranked = searchHelpArticles(articles, "password").map((hit) => hit.article.slug);
    expect(ranked).toEqual(["wifi-name-password", "email-troubleshooting", "two-step"]);

    const field = (where: keyof SearchableArticle) =>
      article(where, { title: "x", summary: "y", body: "z", [where]: where === "keywords" ? ["modem"] : "modem" });
    const order = searchHelpArticles([field("body"), field("summary"), field("keywords"), field("title")], "modem");
    expect(order.map((hit) => hit.article.slug)).toEqual(["title", "keywords", "summary", "body"]);
  });

  it("treats the last word as a prefix while it is being typed", () => {
    expect(searchHelpArticles(articles, "rout").map((hit) => hit.article.slug)).toEqual(["restart-equipment"]);
    // With a trailing space the word is finished, and "rout" is not a word in any article.
    expect(searchHelpArticles(articles, "rout ")).toEqual([]);
    // Only the last word is a prefix.
    expect(searchHelpArticles(articles, "rout modem")[0]?.article.slug).toBe("restart-equipment");
    expect(queryTerms("how do I reset my rout")).toEqual({ terms: ["reset", "rout"], lastIsPrefix: true });
  });

  it("needs every meaningful word, but falls back to any word rather than nothing", () => {
    expect(searchHelpArticles(articles, "change wifi password").map((hit) => hit.article.slug)[0]).toBe(
      "wifi-name-password",
    );
    expect(searchHelpArticles(articles, "wifi password").map((hit) => hit.article.slug)).toEqual([
      "wifi-name-password",
    ]);
    expect(searchHelpArticles(articles, "password zebra").map((hit) => hit.article.slug)).toContain(
      "email-troubleshooting",
    );
    expect(searchHelpArticles(articles, "")).toEqual([]);
    expect(searchHelpArticles(articles, " ¿? ")).toEqual([]);
  });

  it("ignores common words in both languages", () => {
    expect(queryTerms("¿Cómo cambio la contraseña de mi WiFi?").terms).toEqual(["cambio", "contrasena", "wifi"]);
    expect(queryTerms("what is the ssid").terms).toEqual(["ssid"]);
  });

  it("gives a plain-text snippet around the match", () => {
    const long = `# Heading\n\n${"Intro words here. ".repeat(20)}Then **check the outgoing server** with [the checker](/email).`;
    const snippet = makeSnippet(long, ["outgoing"], false);
    expect(snippet).toContain("check the outgoing server");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet).not.toMatch(/[#*[\]]/);
    expect(plainText("| a | b |\n| --- | --- |\n| 1 | 2 |")).toBe("a b 1 2");
    const hit = searchHelpArticles(articles, "outgoing")[0];
    expect(hit?.snippet).toContain("outgoing server");
    // A title-only match shows the summary.
    expect(searchHelpArticles(articles, "two-step")[0]?.snippet).toBe(articles[3]!.summary);
  });
});
