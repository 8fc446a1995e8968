import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn, signInMember } from "./fixtures.ts";

/** Sensitive changes ask for the password again when the last sign-in is not recent. */
async function confirmIfAsked(page: Page, password: string) {
  if (/\/security\/confirm/.test(page.url())) {
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Continue" }).click();
  }
}

test("a subscriber compares plans and upgrades TV after seeing what it does to the bill", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My services" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "TV Select" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Internet Gig" })).toBeVisible();

  await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Plans" })).toBeVisible();
  await page.getByRole("link", { name: "TV", exact: true }).click();
  await expect(page.getByRole("heading", { name: "TV Silver" })).toBeVisible();
  await page.getByText("TV Select: 125 channels").click();
  await expect(page.getByText("KCRA", { exact: false }).first()).toBeVisible();
  await page.getByRole("link", { name: "Choose TV Silver" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Change from TV Select to TV Silver" })).toBeVisible();
  await expect(page.getByText("Credit for TV Select, unused days")).toBeVisible();
  await expect(page.getByText("TV Silver, rest of this cycle")).toBeVisible();
  await expect(page.getByText("Your next bill goes up by")).toBeVisible();
  // An upgrade starts on the package's promotion, and says when it ends.
  await expect(page.getByText(/Promotional price until .*, then \$89\.99\/mo\./)).toBeVisible();

  await page.getByRole("button", { name: "Confirm change" }).click();
  // Signed in a moment ago, so no password is asked for; if it were, confirm and submit again.
  await page.waitForURL(/\/services\?changed=TV$|\/security\/confirm/);
  if (/\/security\/confirm/.test(page.url())) {
    await confirmIfAsked(page, DEMO.owner.password);
    await page.getByRole("button", { name: "Confirm change" }).click();
  }
  await expect(page).toHaveURL(/\/services\?changed=TV$/);
  await expect(page.getByText("Your plan has changed")).toBeVisible();
  await expect(page.getByRole("heading", { name: "TV Silver" })).toBeVisible();
});

test("removing a service says what would be lost before anything changes", async ({ page }) => {
  await signIn(page);
  await page.goto("/services");
  await page.getByRole("link", { name: "Remove home phone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Remove Voice Unlimited" })).toBeVisible();
  await expect(page.getByText("Your next bill goes down by")).toBeVisible();
  await page.getByRole("link", { name: "Keep my plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My services" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Voice Unlimited" })).toBeVisible();

  // A plan that does not exist, or internet removal, is refused with the reason.
  await page.goto("/services/change?kind=INTERNET&plan=none");
  await expect(page.getByText("Internet service can't be removed online.")).toBeVisible();
  await page.goto("/services/change?kind=TV&plan=tv-platinum");
  await expect(page.getByText("That plan is not available.")).toBeVisible();
});

test("a household member can look at a change but only the owner can make it", async ({ page }) => {
  await signInMember(page);
  await page.goto("/services/change?kind=INTERNET&plan=internet-premier");
  await expect(
    page.getByRole("heading", { level: 1, name: "Change from Internet Gig to Internet Premier" }),
  ).toBeVisible();
  await expect(page.getByText("Download speed goes from 1,000 Mbps to 500 Mbps.")).toBeVisible();
  await expect(page.getByText("Only the account owner can change plans.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm change" })).toHaveCount(0);
});

test("an outage at the address shows on the dashboard, with its status and the credits it earned", async ({ page }) => {
  await signIn(page);
  await expect(page.getByText("Outage in your area: TV")).toBeVisible();
  await page.getByRole("link", { name: "Outage details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Outages" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Happening now" })).toBeVisible();
  await expect(page.getByText("Cause found, crews working")).toBeVisible();
  await expect(page.getByText("Affects internet, TV, and home phone")).toBeVisible();
  await expect(page.getByText(/Credited \$[\d.]+ \(1 day\)/)).toBeVisible();
});
