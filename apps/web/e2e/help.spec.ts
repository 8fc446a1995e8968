import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn, signInStaff } from "./fixtures.ts";

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

async function signInAsAgent(page: Page) {
  await signInStaff(page, DEMO.agent);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a visitor searches the help center and reads an article with the provider's settings", async ({ page }) => {
  await page.goto("/help");
  await expect(page.getByRole("heading", { level: 1, name: "Help center" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "(833) 876-1550" }).first()).toHaveAttribute("href", "tel:+18338761550");
  await expect(page.getByRole("heading", { name: "Email", exact: true })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search help articles" }).fill("wifi passw");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/help\?q=wifi\+passw/);
  await expect(page.getByRole("heading", { name: /results? for “wifi passw”/ })).toBeVisible();
  await page.getByRole("link", { name: "Change your WiFi name and password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Change your WiFi name and password" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Choosing a good password" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Related articles" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Accent- and case-insensitive search, and placeholders filled from the provider profile.
  await page.goto("/help?q=IMAP");
  await page.getByRole("link", { name: "Email server settings (IMAP, POP3 and SMTP)" }).click();
  await expect(page.getByRole("cell", { name: "mobile.charter.net" }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "993", exact: true })).toBeVisible();
  await expect(page.getByText("{{")).toHaveCount(0);

  await page.goto("/help?q=zzzqqq");
  await expect(page.getByText("No articles match your search.")).toBeVisible();
  await page.goto("/help/no-such-article");
  await expect(page.getByRole("heading", { level: 1, name: "We could not find that page" })).toBeVisible();
});

test("the callback form asks a visitor to sign in first", async ({ page }) => {
  await page.goto("/help");
  await page.getByRole("link", { name: "Request a callback" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fhelp%2Fcallback/);
});

test("a subscriber requests a callback and a support agent resolves it", async ({ page }) => {
  await signIn(page);
  await page.goto("/help");
  // Signed in, the help center sits inside the portal.
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("link", { name: "Request a callback" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Request a callback" })).toBeVisible();

  const phone = page.getByLabel("Phone number");
  await phone.fill("555-0142");
  await page.getByLabel("What is it about?").selectOption({ label: "Internet & WiFi" });
  await page.getByLabel("Details").fill("The modem's online light blinks every evening.");
  await page.getByRole("button", { name: "Request callback" }).click();
  await expect(page.getByText("Enter a 10-digit US phone number, including the area code.")).toBeVisible();
  await expect(page.getByLabel("Phone number")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Phone number").fill("(916) 555-0142");
  await page.getByLabel("Afternoon").check();
  await page.getByRole("button", { name: "Request callback" }).click();
  await expect(page).toHaveURL(/\/help\/callback\?requested=HP-/);
  const confirmation = page.getByText(/We'll call you\. Your reference is HP-[0-9A-Z]{4}-[0-9A-Z]{4}\./);
  await expect(confirmation).toBeVisible();
  const reference = /HP-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(await confirmation.innerText())![0];
  const requests = page.getByRole("region", { name: "Your requests" });
  const row = requests.getByRole("row").filter({ hasText: reference });
  await expect(row).toContainText("Callback · Internet & WiFi");
  await expect(row).toContainText("Open");
  expect(await axeViolations(page)).toEqual([]);

  // The staff queue doesn't exist for subscribers.
  const denied = await page.goto("/admin/tickets");
  expect(denied?.status()).toBe(404);

  await page.goto("/help/callback");
  await signOut(page);
  await signInAsAgent(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/tickets$/);
  await expect(page.getByRole("heading", { level: 1, name: "Support tickets" })).toBeVisible();
  await page.getByLabel("Type").selectOption({ label: "Callback" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/kind=CALLBACK/);

  const ticket = page.getByRole("listitem").filter({ hasText: reference });
  await expect(ticket).toContainText("Maria Rivera");
  await expect(ticket).toContainText("(916) 555-0142");
  const form = ticket.getByRole("form", { name: `Update ${reference}` });
  await form.getByLabel("Status").selectOption({ label: "Resolved" });
  await form.getByLabel("Note").fill("Called back; the modem was replaced.");
  await form.getByRole("button", { name: "Update ticket" }).click();
  await expect(ticket.getByText("Ticket updated.")).toBeVisible();
  await expect(ticket).toContainText("Called back; the modem was replaced.");
  await expect(ticket.getByText("Resolved", { exact: true }).first()).toBeVisible();

  await signOut(page);
  await signIn(page);
  await page.goto("/help/callback");
  await expect(
    page.getByRole("region", { name: "Your requests" }).getByRole("row").filter({ hasText: reference }),
  ).toContainText("Resolved");
});
