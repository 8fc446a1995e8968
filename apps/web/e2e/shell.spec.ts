import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

test.describe("portal shell on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("navigates between areas with the sidebar and shows the user menu", async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole("heading", { level: 1, name: "Hello, Maria" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    await nav.getByRole("link", { name: "Security" }).click();
    await expect(page).toHaveURL(/\/security$/);
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Security" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    await page.getByRole("button", { name: /Account menu for Maria Rivera/ }).click();
    await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  });

  test("the dashboard shows the household and passes an accessibility scan", async ({ page }) => {
    await signIn(page);
    await expect(page.getByText("8352 1000 1234 5678")).toBeVisible();
    await expect(page.getByText("2417 Alder Street, Sacramento, CA 95816")).toBeVisible();
    const household = page
      .getByRole("heading", { name: "Household" })
      .locator("xpath=ancestor::*[contains(@class,'rounded')][1]");
    await expect(household.getByText(DEMO.member.name)).toBeVisible();
    await expect(household.getByText("Account owner")).toBeVisible();

    const notifications = page
      .getByRole("heading", { name: "Notifications" })
      .locator("xpath=ancestor::*[contains(@class,'rounded')][1]");
    // Other specs (paying a bill) add notifications too, so take the newest unread one.
    const unread = notifications
      .getByRole("listitem")
      .filter({ has: page.getByRole("button", { name: "Mark as read" }) });
    const newest = unread.first();
    const text = (await newest.getByRole("paragraph").first().textContent()) ?? "";
    await newest.getByRole("button", { name: "Mark as read" }).click();
    const read = notifications.getByRole("listitem").filter({ hasText: text });
    await expect(read.getByRole("button", { name: "Mark as read" })).toHaveCount(0);
    await expect(read.getByText("New", { exact: true })).toHaveCount(0);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  });
});

test.describe("portal shell on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("opens the menu, navigates, and never scrolls sideways", async ({ page }) => {
    await signIn(page);
    const menuButton = page.getByRole("button", { name: "Open menu" });
    await expect(menuButton).toBeVisible();
    await menuButton.click();
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
    await drawer.getByRole("link", { name: "Security" }).click();
    await expect(page).toHaveURL(/\/security$/);
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: "Open menu" }).click();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
  });

  test("works in Spanish", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Language").selectOption("es");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.goto("/login");
    await page.getByLabel("Correo electrónico").fill(DEMO.owner.email);
    await page.getByLabel("Contraseña").fill(DEMO.owner.password);
    await page.getByRole("button", { name: "Iniciar sesión" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hola, Maria" })).toBeVisible();
    await page.getByRole("button", { name: "Abrir menú" }).click();
    await expect(page.getByRole("dialog").getByRole("link", { name: "Seguridad" })).toBeVisible();
  });
});
