import { describe, expect, it } from "vitest";
import { isActive, PORTAL_AREAS, visibleAreas } from "./navigation.ts";

describe("portal navigation", () => {
  it("lists the areas in the agreed order", () => {
    expect(PORTAL_AREAS.map((a) => a.key)).toEqual([
      "dashboard",
      "billing",
      "usage",
      "services",
      "tv",
      "email",
      "privacy",
      "security",
      "help",
      "admin",
    ]);
  });

  it("shows only areas whose pages exist, and admin only to staff", () => {
    const member = visibleAreas({ staffRole: null, accountId: "a" }).map((a) => a.key);
    expect(member).not.toContain("admin");
    expect(member).toEqual(expect.arrayContaining(["dashboard", "security"]));
    for (const area of PORTAL_AREAS.filter((a) => !a.ready)) expect(member).not.toContain(area.key);
  });

  it("shows the staff console to every staff role and to nobody else", () => {
    for (const staffRole of ["SUPPORT_AGENT", "PRIVACY_OFFICER", "ADMIN"] as const) {
      expect(visibleAreas({ staffRole, accountId: null }).map((a) => a.key)).toContain("admin");
    }
    expect(visibleAreas({ staffRole: null, accountId: null }).map((a) => a.key)).not.toContain("admin");
  });

  it("marks a section active on its sub-pages", () => {
    expect(isActive("/security/devices", "/security")).toBe(true);
    expect(isActive("/securityx", "/security")).toBe(false);
  });
});
