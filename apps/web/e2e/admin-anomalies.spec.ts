import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { DEMO, signInStaff } from "./fixtures.ts";

/**
 * The support agent works the anomaly queue: the demo seed's burst of wrong passwords on the
 * neighbour's account is a flag; the agent opens it, sees the attempts, acknowledges and resolves
 * it. No burst is driven through the sign-in page: it would throttle the demo users other specs need.
 */

const PRIVACY_OFFICER = {
  email: "privacy@example.com",
  password: "homeport-privacy-demo-2026",
  totpSecret: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
};
/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const RULE = "failed_sign_in_burst_account";
const ATTACKER_IP = "203.0.113.77";

let db: pg.Client;
let flagId: string;

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
}

const signInAsStaff = signInStaff;

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const { rows: users } = await db.query<{ id: string; accountId: string }>(
    `SELECT u."id", m."accountId" FROM "User" u JOIN "Membership" m ON m."userId" = u."id" WHERE u."email" = $1`,
    [DEMO.neighbour.email],
  );
  const neighbour = users[0]!;
  const { rows: open } = await db.query<{ id: string }>(
    `SELECT "id" FROM "AnomalyFlag" WHERE "rule" = $1 AND "subjectKey" = $2 AND "status" = 'OPEN'
     ORDER BY "createdAt" DESC LIMIT 1`,
    [RULE, `user:${neighbour.id}`],
  );
  if (open[0]) {
    flagId = open[0].id;
    return;
  }
  // The seeded flag was already worked by an earlier run on this database: put a fresh burst in the
  // current 15-minute window, as sign-in.ts and the scan would have written it.
  const windowStart = new Date(Math.floor(Date.now() / 900_000) * 900_000);
  for (let i = 0; i < 10; i += 1) {
    await db.query(
      `INSERT INTO "AuditEvent" ("occurredAt", "actorUserId", "accountId", "action", "target", "outcome", "ip",
                                 "userAgent", "details")
       VALUES ($1, $2::uuid, $3::uuid, 'identity.sign_in', $4, 'FAILURE', $5, 'python-requests/2.31.0',
               '{"reason":"wrong_password"}'::jsonb)`,
      [
        new Date(windowStart.getTime() + i * 1000),
        neighbour.id,
        neighbour.accountId,
        DEMO.neighbour.email,
        ATTACKER_IP,
      ],
    );
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "AnomalyFlag" ("id", "rule", "subjectKey", "accountId", "userId", "ip", "windowStart", "firstSeenAt",
                                "lastSeenAt", "eventCount", "details", "severity", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, $3::uuid, $4::uuid, $5, $6, $6, $7, 10, $8::jsonb, 2, now())
     ON CONFLICT ("rule", "subjectKey", "windowStart") DO UPDATE SET "status" = 'OPEN'
     RETURNING "id"`,
    [
      RULE,
      `user:${neighbour.id}`,
      neighbour.accountId,
      neighbour.id,
      ATTACKER_IP,
      windowStart,
      new Date(windowStart.getTime() + 9000),
      JSON.stringify({
        threshold: 10,
        windowMinutes: 15,
        emails: [DEMO.neighbour.email],
        ips: [ATTACKER_IP],
        reasons: { wrong_password: 10 },
      }),
    ],
  );
  flagId = rows[0]!.id;
});

test.afterAll(async () => {
  await db?.end();
});

test("the support agent reviews the seeded burst of failed sign-ins: acknowledges, then resolves it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsStaff(page, DEMO.agent);

  await page.goto("/admin/anomalies");
  await expect(page.getByRole("heading", { level: 1, name: "Anomalies" })).toBeVisible();
  const table = page.getByRole("table", { name: "Anomalies, most severe first" });
  const row = table
    .getByRole("row")
    .filter({ hasText: DEMO.neighbour.name })
    .filter({
      has: page.getByRole("link", { name: "Many failed sign-ins to one account" }),
    });
  await expect(row.first()).toBeVisible();
  await expect(row.first().getByRole("link", { name: /^Account \d+/ })).toHaveAttribute(
    "href",
    /^\/admin\/accounts\/[0-9a-f-]{36}$/,
  );
  expect(await axeViolations(page)).toEqual([]);

  // The filter narrows to the rule.
  await page.getByLabel("Rule").selectOption({ label: "Many failed sign-ins from one address" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/rule=failed_sign_in_burst_ip/);
  await expect(page.getByRole("link", { name: "Many failed sign-ins to one account" })).toHaveCount(0);

  await page.goto(`/admin/anomalies/${flagId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Many failed sign-ins to one account" })).toBeVisible();
  await expect(page.getByText("Open", { exact: true })).toBeVisible();
  const related = page.getByRole("table", { name: "Related activity for this anomaly" });
  await expect(related.getByRole("row").filter({ hasText: "wrong password" }).first()).toBeVisible();
  await expect(related).toContainText(ATTACKER_IP);
  await expect(page.getByText("Nobody has worked on this anomaly yet.")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Too short a note is stopped in the browser.
  const ackNote = page.locator("#acknowledge").getByRole("textbox", { name: /^Note/ });
  await ackNote.fill("ok");
  await page.getByRole("button", { name: "Acknowledge" }).click();
  expect(await ackNote.evaluate((field: HTMLTextAreaElement) => field.validity.tooShort)).toBe(true);
  await ackNote.fill("Calling the customer to check whether these attempts were theirs.");
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByText("The anomaly is acknowledged.")).toBeVisible();
  await expect(page.getByText("Acknowledged", { exact: true }).first()).toBeVisible();

  await page
    .locator("#resolve")
    .getByRole("textbox", { name: /^Note/ })
    .fill("Customer did not recognise the attempts; password changed with them on the phone.");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("The anomaly is resolved.")).toBeVisible();
  await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("This anomaly is resolved. Resolved anomalies cannot be reopened.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Resolve" })).toHaveCount(0);
  const notes = page.getByRole("list", { name: "Notes" });
  await expect(notes).toContainText("Calling the customer");
  await expect(notes).toContainText("password changed with them on the phone");
  await expect(notes).toContainText("by Sam Patel");
  expect(await axeViolations(page)).toEqual([]);

  const { rows } = await db.query<{ status: string; notes: number; audits: number }>(
    `SELECT f."status"::text AS "status",
            (SELECT count(*)::int FROM "AnomalyNote" n WHERE n."flagId" = f."id") AS "notes",
            (SELECT count(*)::int FROM "AuditEvent" a WHERE a."target" = f."id"::text
               AND a."action" IN ('admin.anomaly_acknowledge', 'admin.anomaly_resolve')) AS "audits"
     FROM "AnomalyFlag" f WHERE f."id" = $1`,
    [flagId],
  );
  expect(rows[0]).toEqual({ status: "RESOLVED", notes: 2, audits: 2 });
});

test("a privacy officer cannot see the anomaly queue or a flag", async ({ page }) => {
  await signInAsStaff(page, PRIVACY_OFFICER);
  const queue = await page.goto("/admin/anomalies");
  expect(queue?.status()).toBe(404);
  const flag = await page.goto(`/admin/anomalies/${flagId}`);
  expect(flag?.status()).toBe(404);
});
