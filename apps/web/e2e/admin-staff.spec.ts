import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { DEMO, signInStaff } from "./fixtures.ts";

/**
 * The administrator manages the staff roster (invite → the invitee sets a password from the
 * emailed link → signs in and is sent to set up two-step sign-in; role change; deactivation) and
 * the usage API keys (the secret shown once; a revoked key is refused by the usage API at once).
 * A support agent finds neither page. The invitation email is read from the outbox in the e2e
 * database; the usage records go to a service account made for this run, not the demo household.
 */

const ADMIN = {
  email: "admin@example.com",
  password: "homeport-admin-demo-2026",
  totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
};
/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const tag = randomBytes(3).toString("hex");
const INVITEE = {
  email: `new-agent-${tag}@example.com`,
  name: `Nia Newcomer ${tag}`,
  password: `copper lantern meadow ${tag}`,
};
const accountNumber = `8353${Date.now().toString().slice(-12)}`;

let db: pg.Client;

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

/** Staff sign-in with the authenticator code; if an earlier spec used this 30-second code, the next one. */
const signInAsStaff = signInStaff;

async function sendUsage(request: APIRequestContext, key: string, id: string) {
  return request.post("/api/usage/records", {
    headers: { authorization: `Bearer ${key}` },
    data: {
      records: [
        {
          id,
          accountNumber,
          intervalStart: "2026-03-15T07:00:00Z",
          intervalEnd: "2026-03-15T08:00:00Z",
          bytesDown: "1500000",
          bytesUp: 20000,
        },
      ],
    },
  });
}

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(
    `INSERT INTO "ServiceAccount"
       ("id", "accountNumber", "holderName", "addressLine1", "city", "state", "zip", "timeZone", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'Usage Feed Test', '3 Relay Road', 'Sacramento', 'CA', '95816',
             'America/Los_Angeles', now())`,
    [accountNumber],
  );
});

test.afterAll(async () => {
  await db?.end();
});

test("the admin invites a support agent, who sets a password and must set up 2FA; then role change and deactivation", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsStaff(page, ADMIN);

  await page.goto("/admin/staff");
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Staff members" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel("Work email").fill(INVITEE.email);
  await page.getByLabel("Full name").fill(INVITEE.name);
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("SUPPORT_AGENT");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Invitation sent.", { exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: INVITEE.email });
  // Cells by column (the row's role picker lists every role name, so the row as a whole would not do).
  const roleCell = row.getByRole("cell").nth(2);
  const statusCell = row.getByRole("cell").nth(5);
  await expect(roleCell).toHaveText("Support agent");
  await expect(statusCell).toHaveText("Invitation sent");
  await expect(row.getByRole("cell").nth(3)).toHaveText("Not set up");

  // Inviting the same address again is refused.
  await page.getByLabel("Work email").fill(INVITEE.email);
  await page.getByLabel("Full name").fill(INVITEE.name);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("That email address already has a sign-in.")).toBeVisible();

  // The link from the invitation email, as the outbox holds it.
  const { rows } = await db.query<{ body: string }>(
    `SELECT "body" FROM "OutboxMessage" WHERE "recipient" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [INVITEE.email],
  );
  const link = /\/staff-invite\?token=[A-Za-z0-9_-]+/.exec(rows[0]?.body ?? "")?.[0];
  expect(link, rows[0]?.body).toBeTruthy();

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  try {
    await invitee.goto(link!);
    await expect(invitee.getByRole("heading", { level: 1, name: "Set up your staff sign-in" })).toBeVisible();
    await expect(invitee.getByText(INVITEE.email)).toBeVisible();
    expect(await axeViolations(invitee)).toEqual([]);

    // A subscriber-length password is too short for staff (15 characters at least): the browser
    // stops it (the server says so too, without script); two different entries come back refused.
    const password = invitee.getByRole("textbox", { name: "New password", exact: true });
    await password.fill("short pass 1");
    await invitee.getByLabel("Repeat the password").fill("short pass 1");
    await invitee.getByRole("button", { name: "Set password" }).click();
    expect(await password.evaluate((field: HTMLInputElement) => field.validity.tooShort)).toBe(true);
    await password.fill(INVITEE.password);
    await invitee.getByLabel("Repeat the password").fill(`${INVITEE.password}!`);
    await invitee.getByRole("button", { name: "Set password" }).click();
    await expect(invitee.getByText("The two passwords are not the same.")).toBeVisible();

    await invitee.getByRole("textbox", { name: "New password", exact: true }).fill(INVITEE.password);
    await invitee.getByLabel("Repeat the password").fill(INVITEE.password);
    await invitee.getByRole("button", { name: "Set password" }).click();
    await expect(invitee.getByRole("heading", { level: 1, name: "Your password is set" })).toBeVisible();
    await invitee.getByRole("link", { name: "Go to sign-in" }).click();
    await expect(invitee).toHaveURL(/\/login/);

    // The link works once.
    await invitee.goto(link!);
    await expect(invitee.getByText("This invitation link does not work")).toBeVisible();

    // Signing in works, and as staff without two-step sign-in they may only set it up.
    await invitee.goto("/login");
    await invitee.getByLabel("Email").fill(INVITEE.email);
    await invitee.getByLabel("Password").fill(INVITEE.password);
    await invitee.getByRole("button", { name: "Sign in" }).click();
    await expect(invitee).toHaveURL(/\/security\/two-factor\?required=staff$/);
    await invitee.goto("/admin/tickets");
    await expect(invitee).toHaveURL(/\/security\/two-factor\?required=staff$/);

    // The admin sees the sign-in, changes the role, then deactivates them.
    await page.goto("/admin/staff");
    await expect(statusCell).toHaveText("Active");
    await expect(row.getByRole("cell").nth(4)).not.toHaveText("Never");
    await page.getByLabel(`Role for ${INVITEE.name}`).selectOption("PRIVACY_OFFICER");
    await page.getByRole("button", { name: `Change role of ${INVITEE.name}` }).click();
    await expect(page.getByText("Role changed.", { exact: false })).toBeVisible();
    await expect(roleCell).toHaveText("Privacy officer");

    await page.getByRole("button", { name: `Deactivate ${INVITEE.name}` }).click();
    await expect(page.getByText("Staff member deactivated and signed out everywhere.")).toBeVisible();
    await expect(statusCell).toHaveText("Deactivated");
    await expect(page.getByRole("button", { name: `Reactivate ${INVITEE.name}` })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Their session ended, and they can no longer sign in.
    await invitee.goto("/security/two-factor");
    await expect(invitee).toHaveURL(/\/login/);
    await invitee.getByLabel("Email").fill(INVITEE.email);
    await invitee.getByLabel("Password").fill(INVITEE.password);
    await invitee.getByRole("button", { name: "Sign in" }).click();
    await expect(invitee.getByText("This online account is locked.", { exact: false })).toBeVisible();
    await expect(invitee).toHaveURL(/\/login/);
  } finally {
    await inviteeContext.close();
  }

  // The admin cannot change their own role: their row has no forms.
  const own = page.getByRole("row").filter({ hasText: ADMIN.email });
  await expect(own.getByRole("button")).toHaveCount(0);
});

test("an API key is shown once, works against the usage API, and stops working the moment it is revoked", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsStaff(page, ADMIN);
  const name = `Mediation ${tag}`;

  await page.goto("/admin/keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await page.getByLabel("Name of the sending system").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Key created: copy it now")).toBeVisible();
  const secret = await page.getByLabel("New API key").inputValue();
  const prefix = /^hpk_([0-9a-f]{8})_[A-Za-z0-9_-]{32}$/.exec(secret)?.[1];
  expect(prefix, secret).toBeTruthy();
  expect(page.url()).not.toContain(secret);
  const row = page.getByRole("table", { name: "API keys, active first" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(`hpk_${prefix}`);
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText(secret);
  expect(await axeViolations(page)).toEqual([]);

  const accepted = await sendUsage(page.request, secret, `e2e-${tag}-1`);
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ accepted: 1, rejected: 0 });

  // Shown once: after a reload only the prefix is left.
  await page.reload();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  await expect(row).not.toContainText("Never");

  await row.getByRole("button", { name: `Revoke key ${name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: "Revoke this key?" });
  await expect(dialog).toContainText(`hpk_${prefix}`);
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText("The key is revoked.")).toBeVisible();
  await expect(row).toContainText("Revoked");

  const refused = await sendUsage(page.request, secret, `e2e-${tag}-2`);
  expect(refused.status()).toBe(401);
});

test("a support agent finds neither the staff nor the keys page", async ({ page }) => {
  await signInAsStaff(page, DEMO.agent);
  for (const path of ["/admin/staff", "/admin/keys"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Staff", exact: true })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "API keys", exact: true })).toHaveCount(0);
  }
});
