import { describe, expect, it } from "vitest";
import { formatMessageTime, renderTemplate, TEMPLATE_CATALOGS } from "./templates.ts";

describe("outgoing message templates", () => {
  it("exist in both languages with the same placeholders", () => {
    const names = Object.keys(TEMPLATE_CATALOGS.en).sort();
    expect(Object.keys(TEMPLATE_CATALOGS.es).sort()).toEqual(names);
    const holes = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const name of names as (keyof typeof TEMPLATE_CATALOGS.en)[]) {
      for (const part of ["subject", "body"] as const) {
        expect(holes(TEMPLATE_CATALOGS.es[name][part]), `${name}.${part}`).toEqual(
          holes(TEMPLATE_CATALOGS.en[name][part]),
        );
      }
    }
  });

  it("fills values and falls back to English", () => {
    const message = renderTemplate("password_changed", "fr", {
      name: "Maria",
      brand: "Spectrum",
      time: "now",
      phone: "(833) 876-1550",
    });
    expect(message.subject).toBe("Your Spectrum password was changed");
    expect(message.body).toContain("Hi Maria");
  });

  it("writes times in the reader's language and time zone", () => {
    const when = new Date("2026-11-22T02:30:00Z");
    expect(formatMessageTime(when, "en", "America/Los_Angeles")).toMatch(/November 21, 2026.*6:30.*PM.*PST/);
    expect(formatMessageTime(when, "es", "America/Los_Angeles")).toMatch(/21 de noviembre de 2026/);
  });
});
