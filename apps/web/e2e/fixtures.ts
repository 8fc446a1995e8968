import { expect, type Page } from "@playwright/test";

export const DEMO = {
  owner: { email: "demo@example.com", password: "homeport-demo-2026", name: "Maria Rivera" },
  member: { email: "alex.rivera@example.com", password: "homeport-demo-2026", name: "Alex Rivera" },
} as const;

export async function signIn(page: Page, user: { email: string; password: string } = DEMO.owner) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}
