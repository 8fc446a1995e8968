import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import es from "../../messages/es.json";
import { negotiateLocale } from "./locales.ts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

describe("message catalogs", () => {
  it("have the same keys in English and Spanish", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it("use the same placeholders in both languages", () => {
    const lookup = (tree: unknown, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keys(en)) {
      expect(placeholders(lookup(es, key)), key).toEqual(placeholders(lookup(en, key)));
    }
  });
});

describe("language negotiation", () => {
  it("picks the best supported language", () => {
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(negotiateLocale("fr-FR,en;q=0.5,es;q=0.7")).toBe("es");
    expect(negotiateLocale("de")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale("es;q=0")).toBe("en");
  });
});
