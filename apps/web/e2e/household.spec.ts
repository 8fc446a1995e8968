import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

test("the owner invites a member, who joins with their own login; members cannot manage the household; the owner removes them", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.owner);
  await page.getByRole("link", { name: "Manage household" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Household" })).toBeVisible();
  await page.getByLabel("Their email").fill("not-an-email");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await page.getByLabel("Their email").fill("jamie.rivera@example.com");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("jamie.rivera@example.com")).toBeVisible();

  await page.goto("/dev/outbox?recipient=jamie.rivera");
  const mail = await page.getByRole("article").first().innerText();
  const link = /https?:\/\/[^\s]+(\/invite\/[A-Za-z0-9_-]+)/.exec(mail)?.[1];
  expect(link).toBeTruthy();

  const guest = await browser.newContext();
  const jamie = await guest.newPage();
  await jamie.goto(link!);
  await expect(jamie.getByText("Maria Rivera invited jamie.rivera@example.com.", { exact: false })).toBeVisible();
  await jamie.getByLabel("Your name").fill("Jamie Rivera");
  await jamie.getByLabel("Password").fill("paper kite orchard");
  await jamie.getByLabel("Type it again").fill("paper kite orchard");
  await jamie.getByRole("button", { name: "Create my sign-in" }).click();
  await expect(jamie.getByText("Welcome to the household!", { exact: false })).toBeVisible();
  await signIn(jamie, { email: "jamie.rivera@example.com", password: "paper kite orchard" });
  await jamie.goto("/household");
  await expect(jamie.getByText("Only the account owner can invite or remove members.", { exact: false })).toBeVisible();
  await expect(jamie.getByRole("button", { name: "Send the invitation" })).toHaveCount(0);

  await page.goto("/household");
  await page.getByRole("button", { name: "Remove Jamie Rivera" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("jamie.rivera@example.com")).toHaveCount(0);

  await jamie.goto("/dashboard");
  await expect(jamie).toHaveURL(/\/login/);
  await guest.close();
});
