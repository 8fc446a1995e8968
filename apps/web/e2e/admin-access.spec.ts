import { type Browser, expect, type Page, test } from "@playwright/test";
import { ADMIN_ROUTES, PERMISSION_MATRIX, type StaffRole } from "../../../packages/core/src/admin/permissions.ts";
import { signIn, signInStaff, STAFF } from "./fixtures.ts";

/**
 * The permission matrix, walked over HTTP: every admin page and download × every kind of visitor
 * (signed out, a subscriber, each staff role). Allowed gets the page; a signed-in visitor without
 * the permission gets "not found" for a page and 403 for a download; signed out is sent to sign in
 * (pages) or gets 401 (downloads). The server decides each time; the menu is not what protects.
 */

async function signInAs(page: Page, role: StaffRole) {
  await signInStaff(page, STAFF[role]);
}

async function statusOf(page: Page, path: string) {
  const response = await page.request.get(path, { maxRedirects: 0 });
  return { status: response.status(), location: response.headers()["location"] ?? "" };
}

async function withVisitor(
  browser: Browser,
  who: "signed out" | "subscriber" | StaffRole,
  run: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    if (who === "subscriber") await signIn(page);
    else if (who !== "signed out") await signInAs(page, who);
    await run(page);
  } finally {
    await context.close();
  }
}

test("signed out: every admin page asks to sign in, every download is 401", async ({ browser }) => {
  await withVisitor(browser, "signed out", async (page) => {
    for (const route of ADMIN_ROUTES) {
      const { status, location } = await statusOf(page, route.path);
      if (route.kind === "download") expect(status, route.path).toBe(401);
      else {
        expect([302, 303, 307], route.path).toContain(status);
        expect(location, route.path).toContain("/login");
      }
    }
  });
});

for (const who of ["subscriber", "SUPPORT_AGENT", "PRIVACY_OFFICER", "ADMIN"] as const) {
  test(`${who}: allowed exactly where the matrix says`, async ({ browser }) => {
    test.setTimeout(90_000);
    await withVisitor(browser, who, async (page) => {
      const allowed = new Set(who === "subscriber" ? [] : PERMISSION_MATRIX[who]);
      for (const route of ADMIN_ROUTES) {
        const { status } = await statusOf(page, route.path);
        const expected = allowed.has(route.permission) ? 200 : route.kind === "download" ? 403 : 404;
        expect(status, `${who} ${route.path}`).toBe(expected);
      }
    });
  });
}
