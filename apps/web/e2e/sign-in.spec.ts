import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

test.describe("signing in and out", () => {
  test("sends a signed-out visitor to sign in, and back after", async ({ page }) => {
    await page.goto("/security");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsecurity/);
    await page.getByLabel("Email").fill(DEMO.owner.email);
    await page.getByLabel("Password").fill(DEMO.owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/security$/);
  });

  test("says what is wrong with bad input", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("x");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();

    await page.getByLabel("Email").fill(DEMO.owner.email);
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That email and password do not match an account.", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(DEMO.owner.email);
  });

  test("signs out from the user menu and the old session stays dead", async ({ page, context }) => {
    await signIn(page);
    const cookies = await context.cookies();
    await page.getByRole("button", { name: /Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();

    // Replaying the old session cookie does not get back in: the device session was ended on the server.
    await context.addCookies(cookies);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out another device ends that session on its next request", async ({ page, browser }) => {
    const other = await browser.newContext({
      userAgent:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    });
    const phone = await other.newPage();
    await signIn(phone);

    await signIn(page);
    await page.goto("/security");
    const row = page.getByRole("listitem").filter({ hasText: "Safari on iOS" });
    await row.getByRole("button", { name: "Sign out Safari on iOS" }).first().click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Sign out this device" }).click();
    await expect(page.getByText("That device is signed out.")).toBeVisible();

    await phone.goto("/dashboard");
    await expect(phone).toHaveURL(/\/login/);
    await other.close();

    const activity = page.getByRole("heading", { name: "Recent activity" });
    await page.reload();
    await expect(activity).toBeVisible();
    await expect(page.getByText("Signed out a device").first()).toBeVisible();
  });

  test("sign out all other devices at once", async ({ page, browser }) => {
    const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
    const others = await Promise.all(contexts.map((c) => c.newPage()));
    for (const other of others) await signIn(other, DEMO.owner);
    await signIn(page, DEMO.owner);
    await page.goto("/security");
    await page.getByRole("button", { name: "Sign out all other devices" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Sign out all other devices" }).click();
    await expect(page.getByText("All other devices are signed out.")).toBeVisible();
    for (const other of others) {
      await other.goto("/dashboard");
      await expect(other).toHaveURL(/\/login/);
    }
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/dashboard$/);
    await Promise.all(contexts.map((c) => c.close()));
  });
});
