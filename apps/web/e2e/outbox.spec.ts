import { expect, test } from "@playwright/test";

test("the development outbox lists captured messages and filters them", async ({ page }) => {
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Development outbox" })).toBeVisible();
  await page.getByLabel("Recipient contains").fill("nobody-here@example.com");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No messages yet.")).toBeVisible();
});
