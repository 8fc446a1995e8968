import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { DEMO, signIn } from "./fixtures.ts";

/**
 * Mailboxes: the household's list with quota and the idle lock, a new mailbox, its rules
 * (forwarding confirmed from the link the target receives, auto-reply, blocked senders, spam),
 * the generated Sieve file, a password reset that unlocks, and deleting. The mailbox this spec
 * creates it deletes again.
 */

const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const tag = Math.random().toString(36).slice(2, 8);

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** The confirmation link in the newest message to `address` (the outbox keeps what was sent). */
async function confirmationLink(address: string): Promise<string> {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ body: string }>(
      `SELECT "body" FROM "OutboxMessage" WHERE "recipient" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
      [address],
    );
    const link = /https?:\/\/\S+\/forwarding\/confirm\?token=[\w-]+/.exec(rows[0]?.body ?? "")?.[0];
    if (!link) throw new Error(`no confirmation message to ${address}`);
    return new URL(link).pathname + new URL(link).search;
  } finally {
    await db.end();
  }
}

async function confirmPasswordIfAsked(page: Page) {
  if (!page.url().includes("/security/confirm")) return;
  await page.getByLabel("Password").fill(DEMO.owner.password);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("the household's mailboxes: quota, the idle lock, and a locked one unlocked by a new password", async ({
  page,
}) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Email" }).click();
  await expect(page).toHaveURL(/\/email$/);
  await expect(page.getByRole("heading", { level: 1, name: "Email" })).toBeVisible();
  const list = page.getByRole("list", { name: "Mailboxes" });
  await expect(list.getByRole("heading", { name: "maria.rivera@charter.net" })).toBeVisible();
  await expect(list.getByRole("meter", { name: "Storage used by maria.rivera@charter.net" })).toBeVisible();
  await expect(page.getByText(/Trash is emptied after 3 days and Spam after 14 days/)).toBeVisible();
  await axe(page);

  await page.getByRole("link", { name: "Manage sofia.rivera@charter.net" }).click();
  await expect(page.getByText("This mailbox is locked")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("harbor lantern orchard 7");
  await page.getByLabel("New password again").fill("harbor lantern orchard 7");
  await page.getByRole("button", { name: "Set new password" }).click();
  await confirmPasswordIfAsked(page);
  if (!(await page.getByText("The password was changed.", { exact: false }).isVisible())) {
    await page.getByLabel("New password", { exact: true }).fill("harbor lantern orchard 7");
    await page.getByLabel("New password again").fill("harbor lantern orchard 7");
    await page.getByRole("button", { name: "Set new password" }).click();
  }
  await expect(page.getByText("The password was changed.", { exact: false })).toBeVisible();
  await page.reload();
  await expect(page.getByText("This mailbox is locked")).toHaveCount(0);
});

test("add a mailbox, set its rules, confirm forwarding from the link, download the rules, delete it", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/email");
  await page.getByRole("link", { name: "Add a mailbox" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a mailbox" })).toBeVisible();

  // The address rules are explained, and broken ones named.
  await page.getByLabel("Name before the @").fill("postmaster");
  await page.getByLabel("Name shown to people you write to").fill("Guest");
  await page.getByLabel("Password").fill("harbor lantern orchard 7");
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page.getByText("That name is reserved. Choose another.")).toBeVisible();

  const local = `guest.${tag}`;
  const address = `${local}@charter.net`;
  await page.getByLabel("Name before the @").fill(local);
  await page.getByLabel("Name shown to people you write to").fill("Guest");
  await page.getByLabel("Password").fill("harbor lantern orchard 7");
  await page.getByRole("button", { name: "Create mailbox" }).click();
  await expect(page).toHaveURL(/\/email\/mailboxes\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name: address })).toBeVisible();
  await axe(page);

  // Forwarding waits for the target to confirm.
  const forwarding = page.getByRole("region", { name: "Forwarding" });
  const target = `friend-${tag}@example.com`;
  await forwarding.getByLabel("Forward to").fill(address);
  await forwarding.getByRole("button", { name: "Add forwarding address" }).click();
  await expect(forwarding.getByText("A mailbox can't forward to itself.")).toBeVisible();
  await forwarding.getByLabel("Forward to").fill(target);
  await forwarding.getByRole("button", { name: "Add forwarding address" }).click();
  await expect(forwarding.getByText("We sent a confirmation link to that address.", { exact: false })).toBeVisible();
  await expect(forwarding.getByText("Waiting for confirmation")).toBeVisible();

  const mailboxUrl = page.url().split("?")[0]!;
  await page.goto(await confirmationLink(target));
  await expect(page.getByRole("heading", { level: 1, name: "Confirm email forwarding" })).toBeVisible();
  await page.getByRole("button", { name: "Yes, forward mail to me" }).click();
  await expect(
    page.getByText(`mail from ${address} will now be forwarded to ${target}`, { exact: false }),
  ).toBeVisible();
  await page.goto(mailboxUrl);
  await expect(
    page.getByRole("list", { name: "Forwarding addresses" }).getByText("Forwarding", { exact: true }),
  ).toBeVisible();

  // Auto-reply, a blocked domain and strict spam filtering.
  const autoReply = page.getByRole("region", { name: "Automatic reply" });
  await autoReply.getByLabel("Send an automatic reply").check();
  await autoReply.getByRole("button", { name: "Save" }).click();
  await expect(autoReply.getByText("Enter a subject for the automatic reply.")).toBeVisible();
  await autoReply.getByLabel("Send an automatic reply").check();
  await autoReply.getByLabel("Subject").fill('Away "until" Monday');
  await autoReply.getByLabel("Message").fill("Thanks for writing. I'm back on Monday.");
  await autoReply.getByRole("button", { name: "Save" }).click();
  await expect(autoReply.getByText("Saved.")).toBeVisible();

  const blocked = page.getByRole("region", { name: "Blocked senders" });
  await blocked.getByLabel("Address or domain").fill("not an address");
  await blocked.getByRole("button", { name: "Block" }).click();
  await expect(
    blocked.getByText("Enter an email address (name@example.com) or a domain (@example.com)."),
  ).toBeVisible();
  await blocked.getByLabel("Address or domain").fill("@spammy.example");
  await blocked.getByRole("button", { name: "Block" }).click();
  await expect(blocked.getByText("Everyone at spammy.example")).toBeVisible();

  const spam = page.getByRole("region", { name: "Spam filter" });
  await spam.getByLabel("Filtering").selectOption("STRICT");
  await spam.getByLabel("What to do with spam").selectOption("FOLDER");
  await spam.getByRole("button", { name: "Save" }).click();
  await expect(spam.getByText("Saved.")).toBeVisible();
  await axe(page);

  // The rules as the mail server runs them.
  const rules = await page.request.get(`${mailboxUrl}/rules.sieve`);
  expect(rules.status()).toBe(200);
  const script = await rules.text();
  expect(script).toContain("# rule:[Forwarding]");
  expect(script).toContain(`redirect :copy "${target}"`);
  expect(script).toContain('"Away \\"until\\" Monday"');
  expect(script).toContain("spammy.example");

  // Deleting says what is lost, and asks first.
  await page.getByRole("button", { name: "Delete mailbox" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`All mail in ${address}`);
  await dialog.getByRole("button", { name: "Delete mailbox" }).click();
  await expect(page).toHaveURL(/\/email\?deleted=1$/);
  await expect(page.getByRole("heading", { name: address })).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the email pages never scroll sideways", async ({ page }) => {
    await signIn(page);
    for (const path of ["/email", "/email/mailboxes/new"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const widens = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
      );
      expect(widens, path).toBe(false);
    }
  });
});
