import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { DEMO } from "./fixtures.ts";

/**
 * The public CCPA pages, signed out: "Do Not Sell or Share" and "Limit" from the footer (§7026,
 * §7027), the Global Privacy Control signal (§7025), a request to know without an account and its
 * status, and an authorised agent's upload (§7063). The demo household is Maria Rivera's
 * (packages/db/src/seed.ts).
 */

/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const HOUSEHOLD = {
  name: "Maria Rivera",
  email: DEMO.owner.email,
  zip: "95816",
  address: "2417 Alder Street",
};
const REFERENCE = /PR-[2-9A-Z]{4}-[2-9A-Z]{4}/;
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let db: pg.Client;

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
});

// Every public submission counts against the visitor's address, and all specs come from this one.
test.beforeEach(async () => {
  await db.query(`DELETE FROM "ThrottleCounter" WHERE "key" LIKE 'privacyFormIp:%'`);
});

test.afterAll(async () => {
  await db?.query(`DELETE FROM "ThrottleCounter" WHERE "key" LIKE 'privacyFormIp:%'`);
  await db?.end();
});

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

/** The receipt's wording with the reference and the times taken out, to compare two answers. */
function wording(text: string): string {
  return text
    .replace(REFERENCE, "REFERENCE")
    .replace(/took effect on .+? for any/, "took effect on WHEN for any")
    .replace(/until .+?\)/, "until DATE)");
}

test("a visitor opts out of sale and sharing from the footer, with the same answer whatever matched", async ({
  page,
}) => {
  await page.goto("/");
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: "Do Not Sell or Share My Personal Information" })
    .click();
  await expect(page).toHaveURL(/\/privacy\/do-not-sell$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Do Not Sell or Share My Personal Information" }),
  ).toBeVisible();
  await expect(page.getByText("Opt-out preference signal honoured")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await axe(page);

  await page.getByLabel("Email address").fill(HOUSEHOLD.email);
  await page.getByRole("button", { name: "Send my request" }).click();
  const receipt = page.getByRole("status").filter({ hasText: "Your request is recorded" });
  await expect(receipt).toContainText(REFERENCE);
  await expect(receipt).toContainText(/It took effect on .+\s(AM|PM)\s.+ for any of our records/);
  await expect(receipt).toContainText("up to 15 business days");
  const known = await receipt.innerText();
  const knownReference = REFERENCE.exec(known)![0];
  await axe(page);

  // An email that matches nobody gets the same answer, so the form tells no one who is a customer.
  await page.getByLabel("Email address").fill(`nobody-${tag}@example.com`);
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(receipt).not.toContainText(knownReference);
  await expect(receipt).toContainText(REFERENCE);
  expect(wording(await receipt.innerText())).toBe(wording(known));

  await page.getByLabel("Email address").fill("maria.at.example.com");
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email address")).toHaveValue("maria.at.example.com");
  await expect(receipt).toHaveCount(0);

  await page.getByLabel("Email address").fill("");
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Enter at least one: email, phone or account number" }),
  ).toBeVisible();

  // The limit page sits next to it in the footer and works the same way.
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: "Limit the Use of My Sensitive Personal Information" })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Limit the Use of My Sensitive Personal Information" }),
  ).toBeVisible();
  await axe(page);
  await page.getByLabel("Phone number").fill("(916) 555-0142");
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your request is recorded" })).toContainText(REFERENCE);
});

test.describe("with Global Privacy Control", () => {
  test.use({ extraHTTPHeaders: { "Sec-GPC": "1" } });

  test("the page says the browser's opt-out signal is honoured", async ({ page }) => {
    await page.goto("/privacy/do-not-sell");
    await expect(page.getByRole("status").filter({ hasText: "Opt-out preference signal honoured" })).toContainText(
      "this browser's request not to sell or share is in effect",
    );
    await axe(page);
  });
});

test("a request to know without an account, then its status by reference and email", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy requests" }).click();
  await expect(page).toHaveURL(/\/privacy\/request$/);
  await expect(page.getByRole("heading", { level: 1, name: "Make a privacy request" })).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Signed in? Make the request from your privacy center" }),
  ).toHaveAttribute("href", "/privacy");
  await axe(page);

  // Without a type and an identifier the form says what is missing.
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByText("Choose what you would like to do.")).toBeVisible();

  await page.getByRole("radio", { name: /Know what kinds of information we hold/ }).check();
  await page.getByLabel("Full name").fill(HOUSEHOLD.name);
  await page.getByLabel("Email address").fill(HOUSEHOLD.email);
  await page.getByLabel("Service ZIP code").fill(HOUSEHOLD.zip);
  await page.getByLabel("Service street address").fill(HOUSEHOLD.address);
  await page.getByRole("button", { name: "Send my request" }).click();
  const receipt = page.getByRole("status").filter({ hasText: "We received your request" });
  await expect(receipt).toContainText(REFERENCE);
  await expect(receipt).toContainText("We will confirm within 10 business days");
  await expect(receipt).toContainText("45 days from today");
  const reference = REFERENCE.exec(await receipt.innerText())![0];
  await axe(page);

  await receipt.getByRole("link", { name: "Check the status of this request" }).click();
  await expect(page).toHaveURL(new RegExp(`/privacy/request/status\\?reference=${reference}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Check a privacy request" })).toBeVisible();
  await expect(page.getByLabel("Reference")).toHaveValue(reference);
  await page.getByLabel("Email address").fill(HOUSEHOLD.email.toUpperCase());
  await page.getByRole("button", { name: "Check status" }).click();
  const result = page.getByRole("region", { name: `Request ${reference}` });
  await expect(result).toContainText("Know what kinds of information we hold");
  await expect(result).toContainText(/Verified|Received/);
  await expect(result).toContainText("Due by");
  await axe(page);

  // A wrong email gets the same answer as a wrong reference: it names neither.
  const notFound = "We could not find a request with that reference and email address.";
  await page.getByLabel("Email address").fill(`someone-else-${tag}@example.com`);
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByRole("alert").filter({ hasText: notFound })).toBeVisible();
  await expect(result).toHaveCount(0);
  await page.getByLabel("Reference").fill("PR-ZZZZ-ZZZZ");
  await page.getByLabel("Email address").fill(HOUSEHOLD.email);
  await page.getByRole("button", { name: "Check status" }).click();
  await expect(page.getByRole("alert").filter({ hasText: notFound })).toBeVisible();
});

test("an authorised agent uploads the signed permission: PDF accepted, wrong type and oversize refused", async ({
  page,
}) => {
  await page.goto("/privacy/request");
  await page.getByRole("radio", { name: /Know what kinds of information we hold/ }).check();
  await page.getByLabel("I am an authorised agent").check();
  await expect(page.getByRole("group", { name: "Authorised agent" })).toContainText(
    "PDF, PNG or JPEG file, up to 5 MB",
  );
  const upload = page.getByLabel("Signed permission");
  await expect(upload).toHaveAttribute("accept", /application\/pdf/);
  await axe(page);

  // A sent form starts over empty, so each attempt fills it in again.
  async function fillIn() {
    await page.getByRole("radio", { name: /Know what kinds of information we hold/ }).check();
    await page.getByLabel("I am an authorised agent").check();
    await page.getByLabel("Full name").fill(HOUSEHOLD.name);
    await page.getByLabel("Email address", { exact: true }).fill(HOUSEHOLD.email);
    await page.getByLabel("Service ZIP code").fill(HOUSEHOLD.zip);
    await page.getByLabel("Your name").fill("Dana Ortiz");
    await page.getByLabel("Your email address").fill(`dana-${tag}@example.com`);
  }

  await fillIn();
  await upload.setInputFiles({
    name: "permission.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  });
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We received your request" })).toContainText(REFERENCE);

  // A text file renamed to .pdf is refused by its bytes, not its name.
  await fillIn();
  await upload.setInputFiles({
    name: "permission.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("I, Maria Rivera, authorise Dana Ortiz to act for me.\n"),
  });
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByText("That file is not a PDF, PNG or JPEG.")).toBeVisible();
  await expect(upload).toHaveAttribute("aria-invalid", "true");

  await upload.setInputFiles({
    name: "permission.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(5 * 1024 * 1024)]),
  });
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByText("That file is larger than 5 MB.")).toBeVisible();
});

test("a visitor who sends too many requests is told how long to wait", async ({ page }) => {
  const until = new Date(Date.now() + 5 * 60_000 - 1_000);
  for (const ip of ["127.0.0.1", "::1"]) {
    await db.query(
      `INSERT INTO "ThrottleCounter" ("key", "failures", "windowStartedAt", "blockedUntil", "updatedAt")
       VALUES ($1, 11, now(), $2, now())`,
      [`privacyFormIp:${ip}`, until],
    );
  }
  await page.goto("/privacy/limit");
  await page.getByLabel("Email address").fill(`busy-${tag}@example.com`);
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many requests from this connection" })).toContainText(
    "Try again in 5 minutes.",
  );
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the public privacy pages never scroll sideways", async ({ page }) => {
    for (const path of ["/privacy/do-not-sell", "/privacy/limit", "/privacy/request", "/privacy/request/status"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (path === "/privacy/request") {
        await page.getByRole("radio", { name: /Get a copy of the information we hold/ }).check();
        await page.getByLabel("I am an authorised agent").check();
        await expect(page.getByLabel("Signed permission")).toBeVisible();
      }
      const widens = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
      );
      expect(widens, path).toBe(false);
    }
  });
});
