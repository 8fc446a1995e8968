import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

test("the usage page shows the meter, the forecast with its cost, the charts' numbers and a CSV", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { name: "This cycle" })).toBeVisible();
  await page.getByRole("link", { name: "See your usage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data usage" })).toBeVisible();
  await expect(page.getByText(/^[\d,.]+ GB of 1,200 GB$/)).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Share of your data allowance used" })).toBeVisible();
  await expect(page.getByText(/At this pace you will use about [\d,.]+ GB by/)).toBeVisible();
  // The demo household streams heavily: over the cap at this pace, and its courtesy cycle is spent.
  await expect(page.getByText(/At this pace you would go over by \d+ blocks of 50 GB \(\$10\.00 each\)/)).toBeVisible();
  await expect(page.getByText("1 GB is 1,000,000,000 bytes.", { exact: false })).toBeVisible();

  await page.getByText("Show the numbers as a table").last().click();
  await expect(page.getByRole("columnheader", { name: "Cycle" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Over" })).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "By device this cycle" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("Day,Download (bytes),Upload (bytes),Total (bytes)");
  expect(csv.split("\r\n").length).toBeGreaterThan(300);

  await page.getByLabel(/^50% of the allowance/).check();
  await page.getByRole("button", { name: "Save alert settings" }).click();
  await expect(page.getByText("Alert settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^50% of the allowance/)).toBeChecked();

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});

test("a light household is on track", async ({ page }) => {
  await signIn(page, DEMO.neighbour);
  await page.goto("/usage");
  await expect(page.getByText("At this pace you will stay within your allowance.")).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the usage and billing pages never scroll sideways", async ({ page }) => {
    await signIn(page);
    for (const path of ["/usage", "/billing", "/billing/statements", "/billing/pay", "/billing/history"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});
