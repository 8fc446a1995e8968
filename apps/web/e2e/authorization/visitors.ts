import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO, signIn, signInMember, signInStaff, STAFF } from "../fixtures.ts";
import type { Role } from "./targets.ts";

/** A browser context signed in as the given kind of visitor (staff pass their TOTP step). */
export async function visitorContext(browser: Browser, role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (role === "owner") await signIn(page);
  else if (role === "member") await signInMember(page);
  else if (role === "otherHousehold") await signIn(page, DEMO.neighbour);
  else if (role === "support") await signInStaff(page, STAFF.SUPPORT_AGENT);
  else if (role === "privacyOfficer") await signInStaff(page, STAFF.PRIVACY_OFFICER);
  else if (role === "admin") await signInStaff(page, STAFF.ADMIN);
  return { context, page };
}

/**
 * What a response means for access: the page or file ("ok"), sent to sign in ("login"), sent
 * somewhere else ("→/path"), or refused with its status.
 */
export function outcomeOf(status: number, location: string): string {
  if (status >= 200 && status < 300) return "ok";
  if (status >= 300 && status < 400) {
    const target = new URL(location, "http://portal.test").pathname;
    return target === "/login" ? "login" : `→${target.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}/g, "/:id")}`;
  }
  return String(status);
}
