import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { signInStaff } from "./fixtures.ts";

/**
 * The privacy officer works the CCPA queue: requests are put straight into the e2e database (the
 * consumer side is another spec's business), then worked through the admin pages.
 */

const OFFICER = {
  email: "privacy@example.com",
  password: "homeport-privacy-demo-2026",
  totpSecret: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
};
/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const DAY = 86_400_000;
const tag = randomBytes(2).toString("hex").toUpperCase();
const accountNumber = `8352${Date.now().toString().slice(-10)}`;
const ref = (suffix: string) => `PR-${tag}-${suffix}`;

let db: pg.Client;
const ids: Record<string, string> = {};

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

async function insertRequest(
  suffix: string,
  fields: {
    type: string;
    channel: string;
    status: string;
    dueAt: Date;
    claimed: Record<string, string>;
    accountId?: string | null;
    correction?: Record<string, string> | null;
    verification?: Record<string, unknown> | null;
  },
) {
  const received = new Date(fields.dueAt.getTime() - 45 * DAY);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "PrivacyRequest"
       ("id", "reference", "type", "channel", "status", "accountId", "claimed", "verification", "correction",
        "receivedAt", "verifiedAt", "dueAt", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2::"PrivacyRequestType", $3::"PrivacyRequestChannel",
             $4::"PrivacyRequestStatus", $5::uuid, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11, now())
     RETURNING "id"`,
    [
      ref(suffix),
      fields.type,
      fields.channel,
      fields.status,
      fields.accountId ?? null,
      JSON.stringify(fields.claimed),
      fields.verification ? JSON.stringify(fields.verification) : null,
      fields.correction ? JSON.stringify(fields.correction) : null,
      received,
      fields.status === "VERIFIED" ? received : null,
      fields.dueAt,
    ],
  );
  ids[suffix] = rows[0]!.id;
}

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const now = Date.now();
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "ServiceAccount"
       ("id", "accountNumber", "holderName", "addressLine1", "city", "state", "zip", "timeZone", "phoneOnFile",
        "emailOnFile", "updatedAt")
     VALUES (gen_random_uuid(), $1, 'Jordan Privacy', '12 Oak Avenue', 'Sacramento', 'CA', '95816',
             'America/Los_Angeles', '+19165550100', $2, now())
     RETURNING "id"`,
    [accountNumber, `jordan-${tag.toLowerCase()}@example.com`],
  );
  const accountId = rows[0]!.id;
  const consumer = { name: "Jordan Privacy", email: `jordan-${tag.toLowerCase()}@example.com`, zip: "95816" };
  const unverified = { matched: ["email"], count: 1, needed: 2, declaration: false, method: "data_points" };
  await insertRequest("OVRD", {
    type: "KNOW_CATEGORIES",
    channel: "PUBLIC_FORM",
    status: "RECEIVED",
    dueAt: new Date(now - 2 * DAY),
    claimed: consumer,
    verification: unverified,
  });
  // Not yet verified: the fulfilment job (every minute) carries out a verified deletion, and would
  // close this request before the officer gets to extend it.
  await insertRequest("EXTN", {
    type: "DELETE",
    channel: "PUBLIC_FORM",
    status: "RECEIVED",
    dueAt: new Date(now + 20 * DAY),
    claimed: consumer,
    verification: unverified,
  });
  await insertRequest("CORR", {
    type: "CORRECT",
    channel: "PORTAL",
    status: "VERIFIED",
    dueAt: new Date(now + 30 * DAY),
    claimed: consumer,
    accountId,
    correction: { field: "phone", value: "(916) 555-0177" },
    verification: { matched: [], count: 0, needed: 0, declaration: false, method: "signed_in" },
  });
  await insertRequest("VRFY", {
    type: "KNOW_CATEGORIES",
    channel: "PUBLIC_FORM",
    status: "RECEIVED",
    dueAt: new Date(now + 40 * DAY),
    claimed: { ...consumer, accountNumber },
    verification: unverified,
  });
});

test.afterAll(async () => {
  await db?.end();
});

async function signInAsPrivacyOfficer(page: Page) {
  await signInStaff(page, OFFICER);
}

async function dueAt(suffix: string): Promise<Date> {
  const { rows } = await db.query<{ dueAt: Date }>(`SELECT "dueAt" FROM "PrivacyRequest" WHERE "id" = $1`, [
    ids[suffix],
  ]);
  return rows[0]!.dueAt;
}

test("the privacy officer works the queue: assign, note, extend, correct, verify, and the §7102 metrics", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsPrivacyOfficer(page);

  // The queue, narrowed to this run's requests, soonest due first, with the overdue one flagged.
  await page.goto(`/admin/privacy?q=${encodeURIComponent(`PR-${tag}`)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy requests" })).toBeVisible();
  const table = page.getByRole("table", { name: "Privacy requests, soonest due first" });
  const overdueRow = table.getByRole("row").filter({ hasText: ref("OVRD") });
  await expect(overdueRow.getByText("Overdue", { exact: true })).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText(ref("OVRD"));
  expect(await axeViolations(page)).toEqual([]);

  // Overdue request: assign it to me and note what is happening.
  await overdueRow.getByRole("link", { name: ref("OVRD") }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/privacy/${ids.OVRD}$`));
  await expect(page.getByRole("heading", { level: 1, name: ref("OVRD") })).toBeVisible();
  await expect(page.getByText("Overdue", { exact: true })).toBeVisible();
  // The deadline has passed, so §7021(b) allows no extension any more.
  await expect(page.getByRole("button", { name: "Extend by 45 days" })).toHaveCount(0);
  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByText("The request is assigned to you.")).toBeVisible();
  await expect(page.getByText("This request is assigned to you.")).toBeVisible();
  await page.getByRole("textbox", { name: /^Note\b/ }).fill("Called the consumer; waiting for a second identifier.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Note added.")).toBeVisible();
  const history = page.getByRole("list", { name: "History" });
  await expect(history).toContainText("Assigned");
  await expect(history).toContainText("Called the consumer; waiting for a second identifier.");
  await expect(history).toContainText("by Avery Chen");
  expect(await axeViolations(page)).toEqual([]);

  // Extension: once, with a reason; the due date moves 45 days on.
  const before = await dueAt("EXTN");
  await page.goto(`/admin/privacy/${ids.EXTN}`);
  // Too short a reason is stopped in the browser (the server says so too, without script).
  const reason = page.getByLabel("Reason for the extension");
  await reason.fill("short");
  await page.getByRole("button", { name: "Extend by 45 days" }).click();
  expect(await reason.evaluate((field: HTMLTextAreaElement) => field.validity.tooShort)).toBe(true);
  await page
    .getByLabel("Reason for the extension")
    .fill("We are collecting records held by our billing vendor, which takes longer than 45 days.");
  await page.getByRole("button", { name: "Extend by 45 days" }).click();
  await expect(page.getByText("The deadline was extended by 45 days.", { exact: false })).toBeVisible();
  const after = await dueAt("EXTN");
  // 45 calendar days at the same local time; a clock change in between shifts UTC by an hour at most.
  expect(Math.abs(after.getTime() - before.getTime() - 45 * DAY)).toBeLessThanOrEqual(3_600_000);
  await expect(page.getByText(/Extended on .*billing vendor/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Extend by 45 days" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "History" })).toContainText("Deadline extended");

  // A correction of the phone on file: applied to the account and the request completed.
  await page.goto(`/admin/privacy/${ids.CORR}`);
  await expect(page.getByText("(916) 555-0177")).toBeVisible();
  await page.getByRole("button", { name: "Apply correction" }).click();
  await expect(page.getByText("The correction was applied and the request completed.")).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  const { rows: phone } = await db.query<{ phoneOnFile: string }>(
    `SELECT "phoneOnFile" FROM "ServiceAccount" WHERE "accountNumber" = $1`,
    [accountNumber],
  );
  expect(phone[0]?.phoneOnFile).toBe("+19165550177");

  // A public request that did not verify automatically: verified by hand against the account.
  await page.goto(`/admin/privacy/${ids.VRFY}`);
  await page.getByRole("textbox", { name: /^Account number/ }).fill(accountNumber);
  await page.getByRole("checkbox", { name: "Email", exact: true }).check();
  await page.getByRole("button", { name: "Mark as verified" }).click();
  await expect(page.getByText("Not enough data points were confirmed for this type of request.")).toBeVisible();
  await page.getByRole("textbox", { name: /^Account number/ }).fill(accountNumber);
  await page.getByRole("checkbox", { name: "Email", exact: true }).check();
  await page.getByRole("checkbox", { name: "ZIP code", exact: true }).check();
  await page.getByLabel("How you confirmed them").fill("Matched email and ZIP by phone call.");
  await page.getByRole("button", { name: "Mark as verified" }).click();
  await expect(page.getByText("The request is verified.")).toBeVisible();
  await expect(page.getByText("Checked by staff")).toBeVisible();
  const { rows: verified } = await db.query<{ status: string; accountNumber: string }>(
    `SELECT r."status", a."accountNumber" FROM "PrivacyRequest" r JOIN "ServiceAccount" a ON a."id" = r."accountId"
     WHERE r."id" = $1`,
    [ids.VRFY],
  );
  expect(verified[0]).toEqual({ status: "VERIFIED", accountNumber });

  // §7102 metrics for the year: the table matches the database, and the CSV downloads.
  const { rows: years } = await db.query<{ year: number }>(
    `SELECT extract(year FROM now() AT TIME ZONE 'America/New_York')::int AS "year"`,
  );
  const year = years[0]!.year;
  const { rows: counts } = await db.query<{ received: number; complied: number }>(
    `SELECT count(*)::int AS "received", count(*) FILTER (WHERE "outcome" = 'COMPLIED')::int AS "complied"
     FROM "PrivacyRequest"
     WHERE "type" = 'CORRECT' AND extract(year FROM "receivedAt" AT TIME ZONE 'America/New_York') = $1`,
    [year],
  );
  await page.goto(`/admin/privacy/metrics?year=${year}`);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy request metrics" })).toBeVisible();
  const metrics = page.getByRole("table", { name: `Requests received in ${year}` });
  const correctRow = metrics.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Correct" }) });
  await expect(correctRow.getByRole("cell").nth(0)).toHaveText(String(counts[0]!.received));
  await expect(correctRow.getByRole("cell").nth(1)).toHaveText(String(counts[0]!.complied));
  expect(counts[0]!.complied).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const download = page.getByRole("link", { name: "Download CSV" });
  await expect(download).toHaveAttribute("href", `/admin/privacy/metrics/csv?year=${year}`);
  const csv = await page.request.get(`/admin/privacy/metrics/csv?year=${year}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toContain(`privacy-requests-${year}.csv`);
  const body = await csv.text();
  const lines = body.trim().split(/\r?\n/);
  expect(lines[0]).toContain("Request type");
  expect(lines[0]).toContain("Complied in whole");
  expect(lines).toHaveLength(7);
  const correctLine = lines.find((line) => line.startsWith("Correct,"));
  expect(correctLine?.split(",")[1]).toBe(String(counts[0]!.received));
});

test("the privacy pages and downloads are not there for other people", async ({ page }) => {
  const anonymous = await page.request.get("/admin/privacy/metrics/csv", { maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "PrivacyRequest" WHERE "reference" = $1`, [
    ref("OVRD"),
  ]);
  const upload = await page.request.get(`/admin/privacy/upload/${rows[0]!.id}`, { maxRedirects: 0 });
  expect(upload.status()).toBe(401);
});
