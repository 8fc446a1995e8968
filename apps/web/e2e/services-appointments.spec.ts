import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";

/**
 * Maria books a technician visit, moves it and cancels it; she ends with no visit scheduled, as
 * the seed left her, so other specs see the same account.
 */
test("a subscriber books a technician visit, reschedules it and cancels it", async ({ page }) => {
  await signIn(page);
  await page.goto("/services/appointments");
  await expect(page.getByRole("heading", { level: 1, name: "Technician visits" })).toBeVisible();
  // The seed's past visit.
  const past = page.getByRole("region", { name: "Past technician visits" });
  await expect(past.getByRole("cell", { name: "Slow internet" })).toBeVisible();
  await expect(past.getByText("Completed")).toBeVisible();
  // A visit left over from an interrupted earlier run would block booking: cancel it first.
  const leftOver = page.getByRole("button", { name: /^Cancel the visit on/ });
  if ((await leftOver.count()) > 0) {
    await leftOver.first().click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Cancel visit" }).click();
    await expect(page).toHaveURL(/cancelled=1$/);
  }

  await page.getByRole("link", { name: "Book a visit" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Book a technician visit" })).toBeVisible();
  await page.getByLabel("What's the problem?").selectOption({ label: "WiFi problems" });
  await page.getByLabel("Details").fill("The WiFi drops upstairs every evening.");
  // Full windows are shown but cannot be chosen.
  const full = page.getByRole("radio", { name: /Full/ });
  if ((await full.count()) > 0) await expect(full.first()).toBeDisabled();
  const phone = page.getByLabel("Contact phone");
  await expect(phone).toHaveValue("(916) 555-0142");
  await page
    .getByRole("radio", { name: /Available/ })
    .first()
    .check();

  await phone.fill("555-0142");
  await page.getByRole("button", { name: "Book visit" }).click();
  await expect(page.getByText("Enter a 10-digit US phone number, such as (916) 555-0142.")).toBeVisible();
  await expect(page.getByLabel("Contact phone")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Contact phone").fill("(916) 555-0199");
  await expect(page.getByRole("radio", { name: /Available/ }).first()).toBeChecked();
  await page.getByRole("button", { name: "Book visit" }).click();
  await expect(page).toHaveURL(/\/services\/appointments\?booked=1$/);
  await expect(page.getByText("Your visit is booked.")).toBeVisible();

  const upcoming = page.getByRole("region", { name: "Upcoming visits" });
  await expect(upcoming.getByText("WiFi problems")).toBeVisible();
  await expect(upcoming.getByText("(916) 555-0199")).toBeVisible();
  const when = async () =>
    `${await upcoming.getByRole("heading", { level: 3 }).textContent()} ${await upcoming.getByText(/^Arrival between/).textContent()}`;
  const bookedAt = await when();

  await upcoming.getByRole("link", { name: /^Reschedule the visit on/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reschedule your visit" })).toBeVisible();
  // The picker opens on the visit's own day; its window is shown but can't be chosen again.
  await expect(page.getByRole("radio", { name: /Your current window/ })).toBeDisabled();
  const available = page.getByRole("radio", { name: /Available/ });
  if ((await available.count()) === 0) {
    await page
      .getByRole("radio", { name: /: \d+ times? open$/ })
      .first()
      .check({ force: true });
  }
  await available.first().check();
  await page.getByRole("button", { name: "Move visit" }).click();
  await expect(page).toHaveURL(/\/services\/appointments\?rescheduled=1$/);
  await expect(page.getByText("Your visit has been moved to the new time.")).toBeVisible();
  await expect(upcoming.getByText("WiFi problems")).toBeVisible();
  expect(await when()).not.toBe(bookedAt);

  await upcoming.getByRole("button", { name: /^Cancel the visit on/ }).click();
  const dialog = page.getByRole("alertdialog", { name: "Cancel this visit?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel visit" }).click();
  await expect(page).toHaveURL(/\/services\/appointments\?cancelled=1$/);
  await expect(page.getByText("Your visit has been cancelled.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No visits scheduled" })).toBeVisible();
  await expect(past.getByText("Cancelled").first()).toBeVisible();
});
