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

export async function signIn(page: Page, user: { email: string; password: string } = DEMO.owner) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** A TOTP code for the given secret, optionally for a later 30-second step (to avoid replays). */
export function totp(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret: secret.replace(/\s/g, ""), epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}
