import { expect, type Page } from "@playwright/test";
import { generate } from "otplib";

export const DEMO = {
  owner: { email: "demo@example.com", password: "homeport-demo-2026", name: "Maria Rivera" },
  member: { email: "alex.rivera@example.com", password: "homeport-demo-2026", name: "Alex Rivera" },
  neighbour: { email: "tuan.nguyen@example.com", password: "homeport-demo-2026", name: "Tuan Nguyen" },
  agent: {
    email: "agent@example.com",
    password: "homeport-agent-demo-2026",
    totpSecret: "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA",
  },
} as const;

/** The demo staff, one per role (their TOTP secrets are the seed's development ones). */
export const STAFF = {
  SUPPORT_AGENT: DEMO.agent,
  PRIVACY_OFFICER: {
    email: "privacy@example.com",
    password: "homeport-privacy-demo-2026",
    totpSecret: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
  },
  ADMIN: {
    email: "admin@example.com",
    password: "homeport-admin-demo-2026",
    totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  },
} as const;

export async function signIn(page: Page, user: { email: string; password: string } = DEMO.owner) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** What password.spec.ts changes the member's password to; specs share one database in file order. */
export const MEMBER_CHANGED_PASSWORD = "river otter lantern 42";

/** Signs the household member in whether or not password.spec.ts has changed their password yet. */
export async function signInMember(page: Page) {
  for (const password of [DEMO.member.password, MEMBER_CHANGED_PASSWORD]) {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.member.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    const refused = page.getByText("That email and password do not match an account.", { exact: false });
    await Promise.race([
      page.waitForURL(/\/dashboard$/, { timeout: 15_000 }),
      refused.waitFor({ state: "visible", timeout: 15_000 }),
    ]);
    if (page.url().endsWith("/dashboard")) return;
  }
  throw new Error("the household member could not sign in with either known password");
}

/** A TOTP code for the given secret, optionally for a later 30-second step (to avoid replays). */
export function totp(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret: secret.replace(/\s/g, ""), epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/**
 * Signs a staff member in with password and TOTP. A code is refused once its 30-second step (or
 * a later one) was used, and several specs sign the same staff member in within a minute; so this
 * tries the current and the next step, then waits for a fresh step and tries again.
 */
export async function signInStaff(page: Page, staff: { email: string; password: string; totpSecret: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const deadline = Date.now() + 95_000;
  while (Date.now() < deadline) {
    for (const stepsAhead of [0, 1]) {
      await page.getByLabel("Authentication code").fill(await totp(staff.totpSecret, stepsAhead));
      await page.getByRole("button", { name: "Verify and sign in" }).click();
      const signedIn = await page
        .waitForURL(/\/dashboard$/, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (signedIn) return;
    }
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  await expect(page).toHaveURL(/\/dashboard$/);
}
