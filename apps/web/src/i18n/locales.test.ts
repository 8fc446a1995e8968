import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogParts, catalogs } from "../../messages/catalog.ts";
import { negotiateLocale } from "./locales.ts";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** The ICU arguments of a message, including those inside select branches (but not branch text). */
function placeholders(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (/\s/.test(text[i] ?? "")) i += 1;
  };
  const word = () => {
    skipSpace();
    const match = /^=?[\w-]+/.exec(text.slice(i));
    i += match?.[0].length ?? 0;
    skipSpace();
    return match?.[0] ?? "";
  };
  const message = (end: string | null) => {
    while (i < text.length && text[i] !== end) {
      if (text[i] === "{") argument();
      else i += 1;
    }
  };
  const argument = () => {
    i += 1;
    found.push(word());
    if (text[i] === ",") {
      i += 1;
      const type = word();
      if (text[i] === "," && (type === "select" || type === "plural")) {
        i += 1;
        while (word() && text[i] === "{") {
          i += 1;
          message("}");
          i += 1;
        }
      }
    }
    while (i < text.length && text[i] !== "}") i += 1;
    i += 1;
  };
  message(null);
  return found.sort();
}

const { en, es } = catalogs;

describe("message catalogs", () => {
  it("give each top-level namespace to one file only", () => {
    for (const parts of [catalogParts.en, catalogParts.es]) {
      const namespaces = parts.flatMap((part) => Object.keys(part));
      expect(namespaces.length).toBe(new Set(namespaces).size);
    }
  });

  it("have the same keys in English and Spanish", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it("reads arguments inside select branches but not the branch text", () => {
    expect(placeholders("a {x} {d, select, up {went {y} up} other {down}} {n, number}")).toEqual(["d", "n", "x", "y"]);
  });

  it("use the same placeholders in both languages", () => {
    const lookup = (tree: unknown, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keys(en)) {
      expect(placeholders(lookup(es, key)), key).toEqual(placeholders(lookup(en, key)));
    }
  });
});

describe("every message", () => {
  it("parses as ICU in both languages (a select key may not contain a hyphen, for one)", () => {
    const invalid: string[] = [];
    for (const [locale, messages] of Object.entries(catalogs)) {
      const t = createTranslator({
        locale,
        messages,
        onError: (error) => {
          if (error.code === "INVALID_MESSAGE") invalid.push(`${locale}: ${error.message}`);
        },
      });
      for (const key of keys(messages)) {
        const values = Object.fromEntries(placeholders(String(t.raw(key as never))).map((name) => [name, 1]));
        t(key as never, values as never);
      }
    }
    expect(invalid).toEqual([]);
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
