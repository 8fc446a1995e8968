import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

/**
 * The signed-in privacy center: choices with their history, the opt-out preference signal, and
 * a request to know specific pieces made, fulfilled by the job and downloaded after a step-up.
 * Nothing here deletes the demo household: later specs sign in as it.
 */

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** A sign-in a moment ago counts as a recent one; later, the password is asked for again. */
async function confirmPasswordIfAsked(page: Page) {
  await page.waitForURL(/\/(security\/confirm|privacy\/requests\/new)/);
  if (!page.url().includes("/security/confirm")) return;
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill(DEMO.owner.password);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("choices are saved with their history; opting out of sale turns sharing off", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Privacy" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
  await expect(page.getByText("Service messages (bills, payment receipts", { exact: false })).toBeVisible();
  await axe(page);

  const sms = page.getByLabel("Offers by text message");
  const wasOn = await sms.isChecked();
  await sms.setChecked(!wasOn);
  const optOut = page.getByLabel("Do not sell or share my personal information");
  await optOut.check();
  await expect(page.getByLabel("Share with partners")).toBeDisabled();
  await expect(page.getByLabel("Personalised advertising")).toBeDisabled();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(page.getByText("Your choices were saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Offers by text message")).toBeChecked({ checked: !wasOn });
  await expect(page.getByLabel("Do not sell or share my personal information")).toBeChecked();
  const history = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "How" }) });
  await expect(history.getByRole("row").filter({ hasText: "Offers by text message" }).first()).toContainText(
    "By you, here",
  );
});

test("a browser's Global Privacy Control signal is honoured for the signed-in consumer", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "Sec-GPC": "1" } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto("/privacy");
  await expect(page.getByText("Opt-out preference signal honoured")).toBeVisible();
  await expect(page.getByLabel("Do not sell or share my personal information")).toBeChecked();
  await context.close();
});

test("ask for a copy: confirm the password, follow the request, download the ZIP", async ({ page }) => {
  await signIn(page);
  await page.goto("/privacy");
  await page.getByRole("link", { name: "Get a copy of my information" }).click();
  await confirmPasswordIfAsked(page);
  await expect(page.getByRole("heading", { level: 1, name: "Get a copy of my information" })).toBeVisible();
  await page.getByRole("button", { name: "Request my copy" }).click();
  await expect(page).toHaveURL(/\/privacy\/requests\/[0-9a-f-]{36}\?submitted=1$/);
  await expect(page.getByText("We received your request.", { exact: false })).toBeVisible();
  await expect(page.getByText(/^Reference PR-[2-9A-Z]{4}-[2-9A-Z]{4}$/)).toBeVisible();
  await axe(page);

  // The worker builds the export in the background; the page shows it once it is done.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("link", { name: "Download ZIP" })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });
  await expect(page.getByText("Completed").first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download ZIP" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.zip$/);

  // The request is listed in the privacy center.
  await page.goto("/privacy");
  await expect(page.getByRole("link", { name: /^PR-/ }).first()).toBeVisible();
});

test("a correction needs a field and a value", async ({ page }) => {
  await signIn(page);
  await page.goto("/privacy/requests/new?type=CORRECT");
  await confirmPasswordIfAsked(page);
  await expect(page.getByRole("heading", { level: 1, name: "Correct my information" })).toBeVisible();
  await page.getByLabel("What is wrong").selectOption({ label: "My phone number" });
  await page.getByLabel("What it should say").fill("(916) 555-0199");
  await page.getByRole("button", { name: "Send correction" }).click();
  await expect(page).toHaveURL(/\/privacy\/requests\/[0-9a-f-]{36}\?submitted=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Correct my information" })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the privacy center never scrolls sideways", async ({ page }) => {
    await signIn(page);
    await page.goto("/privacy");
    await expect(page.getByRole("heading", { level: 1, name: "Privacy" })).toBeVisible();
    const widens = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    expect(widens).toBe(false);
  });
});
