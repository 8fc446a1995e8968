import { expect, type Page, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures.ts";

// Runs with HOMEPORT_DEVICE_DELAY_MS=1000-2000 and HOMEPORT_DEVICE_FAILURE_RATE=0: the simulated
// gateway finishes a restart or a WiFi change in 1–2 s, and never fails.

const MODEM = { name: "Modem Spectrum Voice Modem EU2251", serial: "EU2251-0042-7781" };

/** Sensitive changes ask for the password again when the last sign-in is not recent. */
async function confirmIfAsked(page: Page, password: string): Promise<boolean> {
  if (!/\/security\/confirm/.test(page.url())) return false;
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  return true;
}

test("a subscriber restarts the modem and sees it come back online", async ({ page }) => {
  await signIn(page);
  await page.goto("/services/equipment");
  await expect(page.getByRole("heading", { level: 1, name: "Equipment" })).toBeVisible();
  const modem = page.getByRole("listitem").filter({ has: page.getByText(MODEM.serial, { exact: true }) });
  await expect(modem.getByText("Online", { exact: true })).toBeVisible();

  await modem.getByRole("button", { name: `Restart ${MODEM.name} (serial ${MODEM.serial})` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Restart ${MODEM.name}?`);
  await dialog.getByRole("button", { name: "Restart now" }).click();

  await expect(modem.getByText("Restarting", { exact: true })).toBeVisible();
  // The page refreshes itself every 2 s until the gateway reports the restart done.
  await expect(modem.getByText("Online", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(modem.getByText("Restarting", { exact: true })).toHaveCount(0);
});

test("a subscriber runs the troubleshooter and sees each step", async ({ page }) => {
  await signIn(page);
  await page.goto("/services/equipment");
  await page.getByRole("link", { name: `Troubleshoot ${MODEM.name} (serial ${MODEM.serial})` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Check ${MODEM.name}` })).toBeVisible();
  const steps = page.getByRole("list", { name: "What we checked" });
  for (const step of ["Outages in your area", "Your account", "Device connection", "Signal levels"]) {
    await expect(steps.getByRole("heading", { name: step })).toBeVisible();
  }
  // The TV outage in the demo area does not affect the internet.
  await expect(steps.getByText("No internet outage is reported at your address.")).toBeVisible();
  await expect(steps.getByText("Your account is active.")).toBeVisible();
  await expect(steps.getByText(/Downstream power: .* dBmV/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "What to do next" })).toBeVisible();
});

test("a subscriber asks for a replacement and gets a reference", async ({ page }) => {
  await signIn(page);
  await page.goto("/services/equipment");
  await page
    .getByRole("link", { name: "Return or replace TV receiver Spectrum 201 HD Receiver (serial S201-77120-93)" })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Return or replace: TV receiver Spectrum 201 HD Receiver" }),
  ).toBeVisible();
  // A second run on the same database finds the request from the first one.
  if (await page.getByRole("button", { name: "Send request" }).isVisible()) {
    await page.getByRole("radio", { name: /Replace this device/ }).check();
    await page.getByLabel("Reason").selectOption({ label: "It doesn't work" });
    await page.getByLabel(/Anything we should know/).fill("The picture freezes every few minutes.");
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByRole("heading", { name: "Request received" })).toBeVisible();
  }
  await expect(page.getByText(/HP-[2-9A-Z]{4}-[2-9A-Z]{4}/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "What happens next" })).toBeVisible();
});

test("the owner changes the WiFi name and password and sees the change applied", async ({ page }) => {
  await signIn(page);
  await page.goto("/services/wifi");
  await expect(page.getByRole("heading", { level: 1, name: "WiFi" })).toBeVisible();

  const suffix = Date.now().toString(36).slice(-5);
  const ssid = `Rivera-Home-${suffix}`;
  const password = `quiet-harbor-${suffix}-42`;

  async function submit(name: string, secret: string) {
    await page.getByLabel("Network name", { exact: true }).fill(name);
    await page.getByLabel("New WiFi password", { exact: true }).fill(secret);
    await page.getByRole("button", { name: "Save changes" }).click();
  }

  // Too short: the specific rule, not a generic error.
  await submit(ssid, "short12");
  await expect(page.getByText("The WiFi password must be at least 8 characters.").first()).toBeVisible();

  // The live hint and the show/hide toggle.
  await page.getByLabel("New WiFi password", { exact: true }).fill(password);
  await expect(page.getByText("Strong password.")).toBeVisible();
  await page.getByRole("button", { name: "Show password", exact: true }).click();
  await expect(page.getByLabel("New WiFi password", { exact: true })).toHaveAttribute("type", "text");

  await page.getByLabel("Network name", { exact: true }).fill(ssid);
  await page.getByRole("button", { name: "Save changes" }).click();
  if (await confirmIfAsked(page, DEMO.owner.password)) {
    await expect(page).toHaveURL(/\/services\/wifi$/);
    await submit(ssid, password);
  }

  await expect(page.getByText("Applying your change")).toBeVisible();
  await expect(page.getByText("Your WiFi has been updated")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(`Your network is now "${ssid}".`, { exact: false })).toBeVisible();
});
