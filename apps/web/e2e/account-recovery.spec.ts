import { expect, type Page, test } from "@playwright/test";
const GRACE = { email: "grace.okafor@example.com", password: "sunlit harbor morning" };

/** The newest captured message to an address, read from the development outbox as a person would. */
async function latestMessage(page: Page, recipient: string) {
  await page.goto(`/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  return page.getByRole("article").first().innerText();
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]+(${path}/[A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

test.describe.serial("getting into an account (one new subscriber, step by step)", () => {
  test("register an online login with account number, ZIP and a texted code", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("link", { name: "Create one with your account number" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create your online account" })).toBeVisible();

    await page.getByLabel("Account number").fill("8352 1000 5550 1234");
    await page.getByLabel("Service ZIP code").fill("90210");
    await page.getByRole("button", { name: "Send the code" }).click();
    await expect(
      page.getByText("We could not find an account with that number and ZIP code.", { exact: false }),
    ).toBeVisible();
    await expect(page.getByLabel("Account number")).toHaveValue("8352 1000 5550 1234");

    await page.getByLabel("Service ZIP code").fill("95814");
    await page.getByRole("button", { name: "Send the code" }).click();
    await expect(page.getByText("We texted a 6-digit code to •••-•••-0199.")).toBeVisible();

    const sms = await (async () => {
      const other = await page.context().newPage();
      const text = await latestMessage(other, "+19165550199");
      await other.close();
      return text;
    })();
    const code = /(\d{6}) is your/.exec(sms)?.[1];
    expect(code).toBeTruthy();

    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Check the code" }).click();
    await expect(page.getByText("That code is not right.", { exact: false })).toBeVisible();
    await page.getByLabel("Code").fill(code!);
    await page.getByRole("button", { name: "Check the code" }).click();

    await expect(page.getByText("Step 3 of 3")).toBeVisible();
    await page.getByLabel("Your name").fill("Grace Okafor");
    await page.getByLabel("Email").fill("grace.okafor@example.com");
    await page.getByLabel("Password").fill("qwerty123");
    await page.getByLabel("Type it again").fill("qwerty123");
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect(page.getByText("That password is too common", { exact: false })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue("grace.okafor@example.com");

    await page.getByLabel("Password").fill("sunlit harbor morning");
    await page.getByLabel("Type it again").fill("sunlit harbor morning");
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect(page.getByText("Your online account is ready.", { exact: false })).toBeVisible();

    await page.getByLabel("Email").fill("grace.okafor@example.com");
    await page.getByLabel("Password").fill("sunlit harbor morning");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hello, Grace" })).toBeVisible();
    await expect(page.getByText("Confirm your email")).toBeVisible();

    // The verification link from the welcome email confirms the address.
    const mail = await latestMessage(page, "grace.okafor@example.com");
    await page.goto(linkIn(mail, "/verify-email"));
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByText("Thank you: your email is confirmed.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByText("Confirm your email")).toHaveCount(0);
  });

  test("forgot password: a single-use emailed link, and every session ends", async ({ page, browser }) => {
    const user = GRACE;
    const otherDevice = await browser.newContext();
    const other = await otherDevice.newPage();
    await other.goto("/login");
    await other.getByLabel("Email").fill(user.email);
    await other.getByLabel("Password").fill(user.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other).toHaveURL(/\/dashboard$/);

    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill("nobody-here@example.com");
    await page.getByRole("button", { name: "Send the link" }).click();
    // The same answer for an unknown address: nothing reveals who has an account.
    await expect(page.getByText("If that email has an online account", { exact: false })).toBeVisible();

    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByText("If that email has an online account", { exact: false })).toBeVisible();

    const link = linkIn(await latestMessage(page, user.email), "/reset-password");
    await page.goto(link);
    await page.getByLabel("New password").fill("harbor lights at dusk");
    await page.getByLabel("Type it again").fill("harbor lights at dusk");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await expect(page.getByText("Your password is reset.", { exact: false })).toBeVisible();

    // The link works once; the other device was signed out.
    await page.goto(link);
    await expect(page.getByText("This link no longer works")).toBeVisible();
    await other.goto("/dashboard");
    await expect(other).toHaveURL(/\/login/);
    await otherDevice.close();

    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("harbor lights at dusk");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("changing the sign-in email needs confirming from the new address", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(GRACE.email);
    await page.getByLabel("Password").fill("harbor lights at dusk");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/security");
    await page.getByRole("link", { name: "Change email" }).click();
    await page.getByLabel("New email").fill("demo@example.com");
    await page.getByRole("button", { name: "Send the confirmation link" }).click();
    await expect(page.getByText("That email already has an online account.", { exact: false })).toBeVisible();
    await page.getByLabel("New email").fill("grace.o@example.com");
    await page.getByRole("button", { name: "Send the confirmation link" }).click();
    await expect(page.getByText("Check the new inbox")).toBeVisible();

    await page.goto("/dev/outbox?recipient=grace.okafor@example.com");
    await expect(page.getByText("Your Spectrum sign-in email is changing").first()).toBeVisible();
    await page.goto("/dev/outbox?recipient=grace.o@example.com");
    const mail = await page.getByRole("article").first().innerText();
    const link = /https?:\/\/[^\s]+(\/verify-email\/[A-Za-z0-9_-]+)/.exec(mail)?.[1];
    await page.goto(link!);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await expect(page.getByText("Done: you now sign in with your new email.")).toBeVisible();
    await page.goto("/security");
    await expect(page.getByRole("main").getByText("grace.o@example.com")).toBeVisible();
  });
});
