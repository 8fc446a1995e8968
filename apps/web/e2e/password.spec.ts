import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

test("changing the password needs the current one, refuses weak ones, and signs out other devices", async ({
  page,
  browser,
}) => {
  const user = DEMO.member;
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await signIn(other, user);

  await signIn(page, user);
  await page.goto("/security");
  await page.getByRole("link", { name: "Change password" }).click();
  // Signed in just now, so no confirmation is needed yet; the form is there.
  await expect(page.getByRole("heading", { level: 1, name: "Change password" })).toBeVisible();

  await page.getByLabel("New password").fill("short");
  await page.getByLabel("Type it again").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  await page.getByLabel("New password").fill("password123");
  await page.getByLabel("Type it again").fill("password123");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That password is too common", { exact: false })).toBeVisible();

  await page.getByLabel("New password").fill("river otter lantern 42");
  await page.getByLabel("Type it again").fill("river otter lantern 43");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The two passwords do not match.")).toBeVisible();

  await page.getByLabel("New password").fill("river otter lantern 42");
  await page.getByLabel("Type it again").fill("river otter lantern 42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.", { exact: false })).toBeVisible();

  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login/);
  await otherDevice.close();

  await page.goto("/dashboard");
  await expect(page.getByText("Your password was changed and your other devices were signed out.")).toBeVisible();
  await page.goto("/dev/outbox?recipient=alex.rivera");
  // Alex reads Spanish, so the email is in Spanish.
  await expect(page.getByText("Se cambió su contraseña de Spectrum").first()).toBeVisible();
});

test("a sensitive page asks for the password again after a while", async ({ page }) => {
  // The confirm page is reachable directly, and the password takes the user back where they were.
  await signIn(page, DEMO.owner);
  await page.goto("/security/confirm?returnTo=%2Fsecurity%2Fpassword");
  await expect(page.getByRole("heading", { level: 1, name: "Confirm it's you" })).toBeVisible();
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("That email and password do not match an account.", { exact: false })).toBeVisible();
  await page.getByLabel("Password").fill(DEMO.owner.password);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/security\/password$/);
});
