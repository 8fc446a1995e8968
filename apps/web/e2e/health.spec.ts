import { expect, test } from "@playwright/test";

test("the health endpoint reports the database and migrations green", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body.status).toBe("ok");
  expect(body.database.reachable).toBe(true);
  expect(body.migrations.pending).toEqual([]);
  expect(body.migrations.failed).toEqual([]);
  expect(body.migrations.applied).toBe(body.migrations.total);
});

test("responses carry the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("signed-in pages are never cached", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@example.com");
  await page.getByLabel("Password").fill("homeport-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const response = await page.request.get("/dashboard");
  expect(response.headers()["cache-control"]).toContain("no-store");
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("homeport.session"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});
