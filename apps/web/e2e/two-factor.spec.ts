import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInStaff, totp } from "./fixtures.ts";

test.describe("two-step sign-in", () => {
  test("enrol with the key, sign in with a code, refuse a replay, use a recovery code, turn it off", async ({
    page,
  }) => {
    const user = DEMO.neighbour;
    await signIn(page, user);
    await page.goto("/security");
    await page.getByRole("link", { name: "Set up two-step sign-in" }).click();
    await expect(page).toHaveURL(/\/security\/two-factor$/);
    await page.getByRole("button", { name: "Set up two-step sign-in" }).click();

    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    const key = (await page.locator("code").innerText()).replace(/\s/g, "");
    expect(key).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.getByText("That code did not match.", { exact: false })).toBeVisible();

    const enrolCode = await totp(key);
    await page.getByLabel("Code from the app").fill(enrolCode);
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await expect(page.getByText("Save your recovery codes now")).toBeVisible();
    const codes = await page
      .getByRole("listitem")
      .filter({ hasText: /^[A-Z2-9]{5}-[A-Z2-9]{5}$/ })
      .allInnerTexts();
    expect(codes).toHaveLength(10);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download codes" }).click();
    expect((await download).suggestedFilename()).toBe("recovery-codes.txt");
    await page.getByRole("link", { name: "I saved my codes" }).click();

    // Sign out; the password alone no longer opens a session.
    await page.getByRole("button", { name: /Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    // The code used to enrol cannot be replayed.
    await page.getByLabel("Authentication code").fill(enrolCode);
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page.getByText("That code did not work.", { exact: false })).toBeVisible();

    await page.getByLabel("Authentication code").fill(await totp(key, 1));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    // A recovery code works once.
    await page.getByRole("button", { name: /Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]!.toLowerCase());
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);

    await page.goto("/security/two-factor");
    await expect(page.getByText("9 unused recovery codes left.")).toBeVisible();
    await page.getByRole("button", { name: "Turn off two-step sign-in" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Turn off two-step sign-in" }).click();
    await expect(page.getByText("Two-step sign-in is off.", { exact: false })).toBeVisible();

    await page.goto("/security/activity?group=security");
    await expect(page.getByText("Two-step sign-in turned on").first()).toBeVisible();
    await expect(page.getByText("Two-step sign-in turned off").first()).toBeVisible();
  });

  test("staff sign in with their code", async ({ page }) => {
    await signInStaff(page, DEMO.agent);
    await page.goto("/security/two-factor");
    await expect(page.getByText("Staff accounts must keep two-step sign-in on.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Turn off two-step sign-in" })).toHaveCount(0);
  });
});
