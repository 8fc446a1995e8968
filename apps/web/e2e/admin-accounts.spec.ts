import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { DEMO, signIn, signInMember, totp, signInStaff } from "./fixtures.ts";

/**
 * The support agent finds Maria's account, opens it with a reason, locks it (the household cannot
 * sign in and is told why), unlocks it, and signs Alex out of every device; the privacy officer
 * sees the same view without the lock. The demo household is unlocked again before the test ends,
 * and afterAll makes sure of it even if a step fails, so later specs can sign in.
 */

const PRIVACY_OFFICER = {
  email: "privacy@example.com",
  password: "homeport-privacy-demo-2026",
  totpSecret: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
};
/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const DEMO_ACCOUNT = "8352100012345678";
const REASON = "Caller asked about the March bill and a sign-in problem";

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

const signInAsStaff = signInStaff;

/**
 * Submits an action form and waits for its answer. Admin actions need a step-up within 10 minutes;
 * the agent's sign-in counts, but a slow run may be asked again: then confirm and submit once more.
 */
async function act(page: Page, submit: () => Promise<void>, done: string) {
  await submit();
  const answer = page.getByText(done);
  // The race's loser keeps waiting until its timeout; its rejection then means nothing.
  await Promise.race([
    page.waitForURL(/\/security\/confirm/).catch(() => undefined),
    answer.waitFor().catch(() => undefined),
  ]);
  if (page.url().includes("/security/confirm")) {
    await page.getByLabel("Password").fill(DEMO.agent.password);
    await page.getByLabel("Authentication code").fill(await totp(DEMO.agent.totpSecret, 1));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/admin\/accounts\/[0-9a-f-]{36}\?access=\d+$/);
    await submit();
  }
  await expect(answer).toBeVisible();
}

async function openDemoAccount(page: Page) {
  await page.goto("/admin/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search accounts" }).fill("Rivera");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\?q=Rivera$/);
  const results = page.getByRole("table", { name: "Accounts matching your search" });
  const row = results.getByRole("row").filter({ hasText: DEMO_ACCOUNT });
  await expect(row).toContainText("Maria Rivera");
  await expect(row).toContainText(/holder name/);
  await axe(page);

  await row.getByRole("link", { name: `Open account ${DEMO_ACCOUNT}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Why are you opening this account?" })).toBeVisible();
  // Nothing about the account is shown before a reason is given.
  await expect(page.getByText("2417 Alder Street")).toHaveCount(0);
  await axe(page);
  await page.getByRole("textbox", { name: /^Reason for access/ }).fill(REASON);
  await page.getByRole("button", { name: "Open account", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\/[0-9a-f-]{36}\?access=\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Maria Rivera" })).toBeVisible();
  await expect(page.getByText(`Opened for: “${REASON}”`, { exact: false })).toBeVisible();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test.afterAll(async () => {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    await db.query(`UPDATE "ServiceAccount" SET "lockedAt" = NULL, "lockReason" = NULL WHERE "accountNumber" = $1`, [
      DEMO_ACCOUNT,
    ]);
  } finally {
    await db.end();
  }
});

test("the support agent finds, opens, locks and unlocks an account, and signs a user out", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // Alex is signed in elsewhere, so the view has a session to show and the sign-out has one to end.
  const alex = await newPage(browser);
  await signInMember(alex.page);

  await signInAsStaff(page, DEMO.agent);
  await openDemoAccount(page);

  await expect(page.getByRole("region", { name: "Services" })).toContainText(/Internet/);
  const balance = page.getByRole("region", { name: "Balance" });
  await expect(balance).toContainText(/\$\d/);
  const payments = page.getByRole("table", { name: "The last 5 payments" });
  await expect(payments).toContainText(/ending \d{4}/);
  // A card is its brand and last 4 digits, never more.
  expect(await payments.innerText()).not.toMatch(/\d{5,}/);
  await expect(page.getByRole("heading", { level: 3, name: "Maria Rivera", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Alex Rivera", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Active sessions of Alex Rivera" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Mailboxes" })).toContainText("maria.rivera@charter.net");
  await expect(page.getByRole("region", { name: "Open privacy requests" })).toBeVisible();
  await expect(page.getByRole("table", { name: "The last 20 events on this account" })).toContainText(
    "admin.account.viewed",
  );
  await axe(page);

  // Lock: the household is signed out and cannot sign in, and is told why.
  const lock = page.getByRole("region", { name: "Lock online access", exact: true });
  await act(
    page,
    async () => {
      await lock.getByRole("combobox", { name: "Reason" }).selectOption("security_review");
      await lock.getByRole("textbox", { name: /^Note/ }).fill("Caller reported a stolen laptop; securing the account");
      await lock.getByRole("button", { name: "Lock account" }).click();
    },
    "The account is locked and the household was signed out.",
  );
  await expect(page.getByText(/Online access is locked \(Security review\)/)).toBeVisible();
  await axe(page);

  const demo = await newPage(browser);
  await demo.page.goto("/login");
  await demo.page.getByLabel("Email").fill(DEMO.owner.email);
  await demo.page.getByLabel("Password").fill(DEMO.owner.password);
  await demo.page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    demo.page.getByText(/Your account is locked: we are reviewing its security\. Call \(\d{3}\) \d{3}-\d{4}\./),
  ).toBeVisible();
  await expect(demo.page).toHaveURL(/\/login/);

  // Unlock: the household can sign in again.
  const unlock = page.getByRole("region", { name: "Unlock online access", exact: true });
  await act(
    page,
    async () => {
      await unlock.getByRole("textbox", { name: /^Note/ }).fill("Customer confirmed the laptop was found");
      await unlock.getByRole("button", { name: "Unlock account" }).click();
    },
    "The account is unlocked.",
  );
  await signIn(demo.page);
  await demo.context.close();

  // Force sign-out: Alex's open session goes to the sign-in page on its next navigation.
  await signInMember(alex.page);
  await page.reload();
  const alexActions = page.getByRole("region", { name: "Actions for Alex Rivera" });
  await act(
    page,
    async () => {
      await alexActions.getByRole("textbox", { name: /^Note/ }).fill("Caller thinks someone else is signed in");
      await alexActions.getByRole("button", { name: "Sign out Alex Rivera everywhere" }).click();
    },
    "That user was signed out of every device.",
  );
  await alex.page.goto("/dashboard");
  await expect(alex.page).toHaveURL(/\/login/);
  await alex.context.close();
});

test("the privacy officer sees the account view but cannot lock it", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsStaff(page, PRIVACY_OFFICER);
  await openDemoAccount(page);
  await expect(page.getByRole("region", { name: "Services" })).toBeVisible();
  await expect(page.getByRole("table", { name: "The last 5 payments" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Actions", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lock account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Sign out .* everywhere/ })).toHaveCount(0);
  await axe(page);
});
