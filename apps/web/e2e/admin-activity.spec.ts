import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { DEMO, signInStaff } from "./fixtures.ts";

/**
 * The activity review: 55 denied events for the demo household are put straight into the e2e
 * database on a day long past (nothing else happens then), so the filters give exactly those and
 * paging is predictable. Nothing here changes the household.
 */

const ADMIN = {
  email: "admin@example.com",
  password: "homeport-admin-demo-2026",
  totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
};
const PRIVACY_OFFICER = {
  email: "privacy@example.com",
  password: "homeport-privacy-demo-2026",
  totpSecret: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
};
/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const DEMO_ACCOUNT_NUMBER = "8352100012345678";
const tag = randomBytes(3).toString("hex");
const ACTION = `e2e.activity_${tag}.probe`;
const EVENTS = 55;
/** Noon UTC on a day years before the demo data: morning in any US time zone the portal uses. */
const DAY_START = Date.UTC(2019, 5, 12, 12, 0, 0);

let db: pg.Client;

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

/** Staff sign-in with a code; if another spec used this step's code a moment ago, the next one. */
const signInAsStaff = signInStaff;

async function filterToProbes(page: Page) {
  await page.getByRole("textbox", { name: /^Account/ }).fill(DEMO_ACCOUNT_NUMBER);
  await page.getByLabel("Outcome").selectOption({ label: "Denied" });
  await page.getByLabel("From", { exact: true }).fill("2019-06-11T00:00");
  await page.getByLabel("To", { exact: true }).fill("2019-06-13T23:59");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/outcome=DENIED/);
}

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "ServiceAccount" WHERE "accountNumber" = $1`, [
    DEMO_ACCOUNT_NUMBER,
  ]);
  const accountId = rows[0]!.id;
  // One a minute; the newest has a target a spreadsheet would run as a formula.
  await db.query(
    `INSERT INTO "AuditEvent" ("occurredAt", "accountId", "action", "target", "outcome", "ip", "details")
     SELECT to_timestamp(($3::bigint + n * 60000) / 1000.0) AT TIME ZONE 'UTC', $1::uuid, $2,
            CASE WHEN n = $4 - 1 THEN '=1+1' END, 'DENIED'::"AuditOutcome", '203.0.113.' || n,
            jsonb_build_object('probe', n)
     FROM generate_series(0, $4 - 1) AS n`,
    [accountId, ACTION, DAY_START, EVENTS],
  );
});

test.afterAll(async () => {
  await db.end();
});

test("the admin filters the activity log, pages with Older, and downloads the view as CSV", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsStaff(page, ADMIN);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Activity", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/activity$/);
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();

  await filterToProbes(page);
  const table = page.getByRole("table", { name: "Activity, newest first" });
  // 50 a page, plus the header row; the newest first.
  await expect(table.getByRole("row")).toHaveCount(51);
  const newest = table.getByRole("row").nth(1);
  await expect(newest).toContainText(ACTION);
  await expect(newest).toContainText("Denied");
  await expect(newest).toContainText(DEMO_ACCOUNT_NUMBER);
  await expect(newest).toContainText(`203.0.113.${EVENTS - 1}`);
  await expect(newest).toContainText(`probe: ${EVENTS - 1}`);
  expect(await axeViolations(page)).toEqual([]);

  const pages = page.getByRole("navigation", { name: "Pages of activity" });
  await pages.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(table.getByRole("row")).toHaveCount(1 + EVENTS - 50);
  await expect(table.getByRole("row").last()).toContainText("203.0.113.0");
  await expect(pages.getByRole("link", { name: "Older" })).toHaveCount(0);
  await pages.getByRole("link", { name: "Newest" }).click();
  await expect(table.getByRole("row")).toHaveCount(51);

  // The CSV link carries the same filters (never the page's cursor).
  const download = page.getByRole("link", { name: "Download CSV" });
  const href = await download.getAttribute("href");
  expect(href).toContain("/admin/activity/export?");
  expect(href).toContain("outcome=DENIED");
  expect(href).not.toContain("cursor=");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="activity-.*\.csv"/);
  const lines = (await response.text()).split("\r\n").filter(Boolean);
  expect(lines[0]).toBe(
    "occurred_at,actor_email,actor_name,action,outcome,account_number,account_holder,ip,target,session_id,user_agent,details,event_id",
  );
  expect(lines).toHaveLength(1 + EVENTS);
  expect(lines[1]).toContain(`,${ACTION},DENIED,${DEMO_ACCOUNT_NUMBER},`);
  // A cell that starts like a formula is neutralised with a leading apostrophe.
  expect(lines[1]).toContain(`,203.0.113.${EVENTS - 1},'=1+1,`);
  expect(lines[1]!.startsWith(new Date(DAY_START + (EVENTS - 1) * 60_000).toISOString())).toBe(true);

  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditEvent" a JOIN "User" u ON u."id" = a."actorUserId"
     WHERE a."action" = 'admin.activity.exported' AND u."email" = $1 AND a."details"->'filter'->>'outcome' = 'DENIED'
       AND a."occurredAt" > now() - interval '5 minutes'`,
    [ADMIN.email],
  );
  expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
});

test("a support agent can review activity", async ({ page }) => {
  await signInAsStaff(page, DEMO.agent);
  await page.goto("/admin/activity");
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  await filterToProbes(page);
  await expect(page.getByRole("table", { name: "Activity, newest first" }).getByRole("row")).toHaveCount(51);
  const response = await page.request.get(`/admin/activity/export?action=${encodeURIComponent(ACTION)}`);
  expect(response.status()).toBe(200);
  expect((await response.text()).split("\r\n").filter(Boolean)).toHaveLength(1 + EVENTS);
});

test("a privacy officer gets not found, and the CSV is refused", async ({ page }) => {
  await signInAsStaff(page, PRIVACY_OFFICER);
  const response = await page.goto("/admin/activity");
  expect(response?.status()).toBe(404);
  const csv = await page.request.get(`/admin/activity/export?action=${encodeURIComponent(ACTION)}`);
  expect(csv.status()).toBe(403);
});
