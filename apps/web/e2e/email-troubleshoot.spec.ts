import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";

/**
 * The email settings checker: the settings an old guide gives, each mistake explained with the
 * fix; the fixed settings all pass; the mailbox's real state (the seeded household has a locked
 * mailbox, sofia.rivera@…); and the client guides showing the reader's own address. Runs before
 * email.spec.ts, which unlocks that mailbox, and changes nothing itself.
 */

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

interface AppSettings {
  type: "IMAP" | "POP3";
  incomingServer: string;
  incomingPort: string;
  incomingSecurity: "SSL/TLS" | "STARTTLS" | "None";
  username: string;
  outgoingServer: string;
  outgoingPort: string;
  outgoingSecurity: "SSL/TLS" | "STARTTLS" | "None";
  auth: boolean;
}

async function check(page: Page, settings: AppSettings) {
  await page.getByLabel("Account type", { exact: true }).selectOption({ label: settings.type });
  await page.getByLabel("Incoming server", { exact: true }).fill(settings.incomingServer);
  await page.getByLabel("Incoming port", { exact: true }).fill(settings.incomingPort);
  await page.getByLabel("Incoming security", { exact: true }).selectOption({ label: settings.incomingSecurity });
  await page.getByLabel("User name", { exact: true }).fill(settings.username);
  await page.getByLabel("Outgoing server (SMTP)", { exact: true }).fill(settings.outgoingServer);
  await page.getByLabel("Outgoing port", { exact: true }).fill(settings.outgoingPort);
  await page.getByLabel("Outgoing security", { exact: true }).selectOption({ label: settings.outgoingSecurity });
  await page.getByLabel("Outgoing server requires authentication").setChecked(settings.auth);
  await page.getByRole("button", { name: "Check my settings" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Results" })).toBeFocused();
}

/** The result row of one setting, found by its label ("Incoming server: …"). */
function row(page: Page, label: string) {
  return page
    .getByRole("list", { name: "Settings", exact: true })
    .getByRole("listitem")
    .filter({ hasText: `${label}:` });
}

const FROM_AN_OLD_GUIDE: AppSettings = {
  type: "IMAP",
  incomingServer: "imap.charter.net",
  incomingPort: "993",
  incomingSecurity: "SSL/TLS",
  username: "maria.rivera",
  outgoingServer: "smtp.charter.net",
  outgoingPort: "25",
  outgoingSecurity: "STARTTLS",
  auth: false,
};

const RIGHT: AppSettings = {
  type: "IMAP",
  incomingServer: "mobile.charter.net",
  incomingPort: "993",
  incomingSecurity: "SSL/TLS",
  username: "maria.rivera@charter.net",
  outgoingServer: "mobile.charter.net",
  outgoingPort: "587",
  outgoingSecurity: "SSL/TLS",
  auth: true,
};

test("the settings checker explains each mistake from an old guide, then passes the fixed settings", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/email/troubleshoot");
  await expect(page.getByRole("heading", { level: 1, name: "Check your email settings" })).toBeVisible();
  await expect(page.getByText("Fill in the form and choose “Check my settings”", { exact: false })).toBeVisible();
  // The household has several mailboxes; the primary one is checked unless another is chosen.
  await expect(page.getByLabel("Mailbox", { exact: true }).locator("option:checked")).toHaveText(
    "maria.rivera@charter.net",
  );
  await axe(page);

  // An empty form says what is missing, field by field.
  await page.getByRole("button", { name: "Check my settings" }).click();
  await expect(page.getByText("Some settings are missing or not in the right form.", { exact: false })).toBeVisible();
  await expect(page.getByText("Choose IMAP or POP3.")).toBeVisible();
  await expect(page.getByText("Enter the server name.").first()).toBeVisible();

  await check(page, FROM_AN_OLD_GUIDE);
  await expect(page.getByText("Checked for maria.rivera@charter.net")).toBeVisible();
  await expect(page.getByText("6 settings need fixing.")).toBeVisible();

  await expect(row(page, "Account type")).toContainText("OK");
  await expect(row(page, "Account type")).toContainText("IMAP is right.");
  await expect(row(page, "Incoming server")).toContainText("Fix this");
  await expect(row(page, "Incoming server")).toContainText(
    "Incoming server: imap.charter.net is an old name. Use mobile.charter.net.",
  );
  await expect(row(page, "Incoming port")).toContainText("993 is right.");
  await expect(row(page, "Incoming security")).toContainText("SSL/TLS is right.");
  await expect(row(page, "User name")).toContainText("Fix this");
  await expect(row(page, "User name")).toContainText(
    "Enter your full email address, maria.rivera@charter.net, not just the part before the @.",
  );
  await expect(row(page, "Outgoing server (SMTP)")).toContainText(
    "smtp.charter.net is an old name. Use mobile.charter.net.",
  );
  await expect(row(page, "Outgoing port")).toContainText("Fix this");
  await expect(row(page, "Outgoing port")).toContainText("Most internet providers block port 25");
  await expect(row(page, "Outgoing port")).toContainText("Use port 587.");
  await expect(row(page, "Outgoing security")).toContainText("Choose SSL/TLS, not STARTTLS.");
  await expect(row(page, "Outgoing server requires authentication")).toContainText(
    "Turn on authentication for the outgoing server",
  );
  // What was typed stays in the form, so fixing it is a matter of changing what is wrong.
  await expect(page.getByLabel("Incoming server", { exact: true })).toHaveValue("imap.charter.net");
  await expect(page.getByLabel("Outgoing port", { exact: true })).toHaveValue("25");

  const general = page.getByRole("list", { name: "General checks", exact: true });
  await expect(general.getByRole("listitem").filter({ hasText: "What to do without internet" })).toContainText("Tip");
  await expect(general.getByRole("link", { name: "What to do without internet" })).toHaveAttribute(
    "href",
    "/help/no-internet-connection",
  );
  await axe(page);

  await check(page, RIGHT);
  await expect(page.getByText("All your settings are right.", { exact: false })).toBeVisible();
  const rows = page.getByRole("list", { name: "Settings", exact: true }).getByRole("listitem");
  await expect(rows).toHaveCount(9);
  await expect(rows.filter({ hasText: /^OK/ })).toHaveCount(9);
  await expect(rows.filter({ hasText: /^Fix this/ })).toHaveCount(0);
  await expect(row(page, "Incoming server")).toContainText("mobile.charter.net is right.");
  await expect(general).toContainText("maria.rivera@charter.net is active.");
});

test("the checker shows the mailbox's real state: locked, with the way to unlock it, or about to lock", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/email/troubleshoot");
  await page.getByLabel("Mailbox", { exact: true }).selectOption({ label: "sofia.rivera@charter.net" });
  await check(page, { ...RIGHT, username: "sofia.rivera@charter.net" });
  await expect(page.getByText("Checked for sofia.rivera@charter.net")).toBeVisible();
  const mailbox = page
    .getByRole("list", { name: "General checks", exact: true })
    .getByRole("listitem")
    .filter({ hasText: "sofia.rivera@charter.net is locked" });
  await expect(mailbox).toContainText("Fix this");
  await expect(mailbox).toContainText("unlock it by resetting its password");
  await expect(mailbox.getByRole("link", { name: "Reset the password for sofia.rivera@charter.net" })).toHaveAttribute(
    "href",
    /^\/email\/mailboxes\/[0-9a-f-]{36}$/,
  );
  await expect(
    page.getByText("Your settings are right, but there is a problem with the mailbox.", { exact: false }),
  ).toBeVisible();
  await axe(page);

  // Alex's mailbox has not been used for a long time: a warning with the date it will lock.
  await page.getByLabel("Mailbox", { exact: true }).selectOption({ label: "alex.rivera@charter.net" });
  await check(page, { ...RIGHT, username: "alex.rivera@charter.net" });
  const idle = page
    .getByRole("list", { name: "General checks", exact: true })
    .getByRole("listitem")
    .filter({ hasText: "alex.rivera@charter.net" });
  await expect(idle).toContainText("Check this");
  await expect(idle).toContainText(/will be locked in \d+ days/);
  await expect(page.getByText("Your settings look right. Check the notes below.")).toBeVisible();
});

test("the client guides show the reader's own address, and a neutral example to visitors", async ({ page }) => {
  await page.goto("/help/email-setup-outlook");
  await expect(page.getByRole("heading", { level: 1, name: "Set up email in Outlook" })).toBeVisible();
  await expect(
    page.getByText("Enter your full email address (for example name@charter.net).", { exact: false }),
  ).toBeVisible();
  await expect(page.getByText("[[emailAddress]]")).toHaveCount(0);

  await signIn(page);
  await page.goto("/help");
  await page.getByRole("searchbox", { name: "Search help articles" }).fill("outlook");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Set up email in Outlook" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up email in Outlook" })).toBeVisible();
  const steps = page.getByRole("article").getByRole("listitem");
  await expect(steps.filter({ hasText: "Enter maria.rivera@charter.net." })).toBeVisible();
  await expect(page.getByText("[[emailAddress]]")).toHaveCount(0);
  await expect(page.getByText("for example name@charter.net")).toHaveCount(0);
  await axe(page);

  await page.goto("/help/email-setup-apple-mail");
  await expect(page.getByRole("heading", { level: 1, name: "Set up email in Apple Mail on a Mac" })).toBeVisible();
  await expect(page.getByRole("article")).toContainText("User Name: maria.rivera@charter.net");
  await page.goto("/help/email-webmail");
  await expect(
    page.getByRole("heading", { level: 1, name: "Read your email in a web browser (webmail)" }),
  ).toBeVisible();
  await expect(page.getByRole("article")).toContainText("Enter maria.rivera@charter.net and your email password.");
});
