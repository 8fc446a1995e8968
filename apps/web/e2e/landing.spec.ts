import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test.describe("landing page", () => {
  test("renders in English with a way to sign in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveTitle(/Spectrum account/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Everything about your service, without the wait on hold.",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  });

  test("switches to Spanish and remembers the choice", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Language").selectOption("es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Todo sobre su servicio, sin esperar en la línea.",
    );
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.reload();
    await expect(page.getByRole("main").getByRole("link", { name: "Iniciar sesión" })).toBeVisible();
    await page.getByLabel("Idioma").selectOption("en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Everything about your service/);
  });

  test.describe("a Spanish-speaking browser", () => {
    test.use({ locale: "es-MX" });
    test("gets Spanish without choosing", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Todo sobre su servicio/);
    });
  });

  test("has no detectable accessibility violations", async ({ page }) => {
    await page.goto("/");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  });
});
