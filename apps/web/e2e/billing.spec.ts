import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

test.describe.configure({ mode: "serial" });

async function fillCard(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByLabel("Expiry date").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByLabel("Name on card").fill("Maria Rivera");
}

test("the balance is on the dashboard; a statement explains itself and downloads as a PDF", async ({ page }) => {
  await signIn(page);
  const card = page
    .getByRole("heading", { name: "Your bill" })
    .locator("xpath=ancestor::*[contains(@class,'rounded')][1]");
  await expect(card.getByText("Current balance")).toBeVisible();
  await expect(card.getByText(/Due \w+ \d+, \d{4}/)).toBeVisible();

  await page.getByRole("link", { name: "Billing" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("Demo payments — no money moves")).toBeVisible();
  await expect(page.getByText(/You changed from Internet Premier to Internet Gig/)).toBeVisible();

  await page.getByRole("link", { name: "View statement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Statement for/ })).toBeVisible();
  for (const section of ["Internet", "TV", "Phone", "Equipment", "Taxes, fees and surcharges"]) {
    await expect(page.getByRole("heading", { level: 3, name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByText("Broadcast TV surcharge")).toBeVisible();
  await expect(page.getByText(/Prorated: .* 15 of 3\d days/)).toBeVisible();
  await expect(page.getByText(/Your promotional price for TV Select ended/)).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/^statement-\d{4}-\d{2}\.pdf$/);
  const bytes = await readFile(await pdf.path());
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

  await page.getByRole("link", { name: "Statements", exact: true }).click();
  await expect(page.getByRole("link", { name: /^Statement for/ })).toHaveCount(24);
});

test("paying: a bad amount and a declined card are explained, then a payment goes through", async ({ page }) => {
  await signIn(page);
  await page.goto("/billing/pay");
  await expect(page.getByRole("heading", { level: 1, name: "Pay your bill" })).toBeVisible();

  await page.getByLabel("Another amount").check();
  await page.getByLabel("Amount in dollars").fill("abc");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByText("Enter an amount in dollars greater than $0.00")).toBeVisible();

  await page.getByLabel("Amount in dollars").fill("100000");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByText(/That is more than you owe\. Enter at most \$\d+\.\d\d\./)).toBeVisible();

  await page.getByLabel("Amount in dollars").fill("25");
  await page.getByLabel("A new card").check();
  await fillCard(page, "4000 0000 0000 0002");
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  await expect(page.getByText("Your bank declined the card. Try another card, or call your bank.")).toBeVisible();

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: "Pay $25.00" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, your payment was received" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Payment history" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("$25.00")).toBeVisible();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();

  // The bank asks the cardholder to confirm; approving completes the payment.
  await page.goto("/billing/pay");
  await page.getByLabel("Another amount").check();
  await page.getByLabel("Amount in dollars").fill("1.50");
  await page.getByLabel("A new card").check();
  await fillCard(page, "4000 0025 0000 3155");
  await page.getByRole("button", { name: "Pay $1.50" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your payment" })).toBeVisible();
  await page.getByRole("button", { name: "Approve payment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, your payment was received" })).toBeVisible();

  // A double click is one payment.
  await page.goto("/billing/pay");
  await page.getByLabel("Another amount").check();
  await page.getByLabel("Amount in dollars").fill("5.05");
  await page.getByRole("radio", { name: "Visa ending 4242" }).check();
  await page.getByRole("button", { name: "Pay $5.05" }).dblclick();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you, your payment was received" })).toBeVisible();

  await page.getByRole("link", { name: "All payments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payment history" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^\$5\.05/ })).toHaveCount(1);
  // The declined attempt is in the history too, marked as such.
  await expect(page.getByRole("link", { name: /^\$25\.00/ })).toHaveCount(2);

  await page.getByLabel("Status").selectOption("FAILED");
  await page.getByRole("button", { name: "Show payments" }).click();
  await expect(page.getByRole("link", { name: /^\$25\.00/ })).toHaveCount(1);
  await expect(page.getByRole("link", { name: /^\$5\.05/ })).toHaveCount(0);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("Date,Amount,Currency,Status,How,Method,Receipt number");
  expect(csv).toContain("25.00,USD,Declined");
  expect(csv).not.toContain("5.05");
});

test("a saved card, then autopay on it with the next draft shown, then autopay off", async ({ page }) => {
  await signIn(page);
  await page.goto("/billing/methods");
  await page.getByRole("link", { name: "Add a card" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a card" })).toBeVisible();
  await fillCard(page, "4000 0000 0000 0069");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Your bank says this card has expired.", { exact: false })).toBeVisible();
  await page.getByLabel("Card number").fill("5555 5555 5555 4444");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByText("Card saved.")).toBeVisible();
  await expect(page.getByText("Mastercard ending 4444")).toBeVisible();
  await page.getByRole("button", { name: "Make Mastercard ending 4444 the default" }).click();
  await expect(page.getByRole("button", { name: "Make Visa ending 4242 the default" })).toBeVisible();

  await page.getByRole("link", { name: "Autopay" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Autopay" })).toBeVisible();
  await page.getByRole("radio", { name: "Mastercard ending 4444" }).check();
  await page.getByRole("button", { name: "Turn on autopay" }).click();
  await expect(page.getByText("Autopay is set.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Paying with Mastercard ending 4444.")).toBeVisible();

  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByText("On", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Autopay" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Autopay" })).toBeVisible();
  await page.getByRole("button", { name: "Turn off autopay" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByText("Autopay is off.")).toBeVisible();
});

test("paperless billing can be turned off and on, saying what changes", async ({ page }) => {
  await signIn(page);
  await page.goto("/billing");
  await expect(page.getByText("On: your statements arrive by email only.")).toBeVisible();
  await page.getByRole("button", { name: "Mail me paper statements" }).click();
  await expect(page.getByText("Paper statements are back on, starting with your next bill.")).toBeVisible();
  await page.getByRole("button", { name: "Go paperless" }).click();
  await expect(page.getByText("Paperless billing is on.", { exact: false })).toBeVisible();
});

test("a household with a past-due balance arranges to pay it later", async ({ page }) => {
  await signIn(page, DEMO.neighbour);
  await page.goto("/billing");
  await expect(page.getByText("Part of your balance is past due")).toBeVisible();
  await page.getByRole("link", { name: "Set up an arrangement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Payment arrangement" })).toBeVisible();

  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("I will pay by").fill(inDays(10));
  await page.getByRole("button", { name: "Confirm the arrangement" }).click();
  await expect(page.getByText('Please read the terms and tick "I agree" to continue.')).toBeVisible();

  await page.getByLabel("I will pay by").fill(inDays(90));
  await page.getByLabel("I agree to these terms").check();
  await page.getByRole("button", { name: "Confirm the arrangement" }).click();
  await expect(page.getByText("Choose a date between tomorrow and the last date shown.")).toBeVisible();

  await page.getByLabel("I will pay by").fill(inDays(10));
  await page.getByLabel("I agree to these terms").check();
  await page.getByRole("button", { name: "Confirm the arrangement" }).click();
  await expect(page.getByText("Your payment arrangement is set.")).toBeVisible();
  await expect(page.getByText(/^Pay \$\d+\.\d\d by /)).toBeVisible();

  await page.goto("/billing");
  await expect(page.getByText(/^Payment arrangement: \$\d+\.\d\d by /)).toBeVisible();
});

test("a household member can pay but not change how the household pays", async ({ page }) => {
  await signIn(page, DEMO.member);
  await page.goto("/billing/methods");
  await expect(page.locator("main").getByRole("link", { name: /add/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /remove/i })).toHaveCount(0);
});

test("the billing pages pass an accessibility scan", async ({ page }) => {
  await signIn(page);
  await page.goto("/billing");
  const statement = await page.getByRole("link", { name: "View statement" }).getAttribute("href");
  for (const path of [
    "/billing",
    statement ?? "/billing/statements",
    "/billing/statements",
    "/billing/history",
    "/billing/methods",
    "/billing/methods/new",
    "/billing/autopay",
    "/billing/arrangement",
    "/billing/pay",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (path === "/billing/pay") await page.getByLabel("A new card").check();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
    expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }
});
