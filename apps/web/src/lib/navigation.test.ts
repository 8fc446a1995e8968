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
      "privacyAdmin",
    ]);
  });

  it("shows only areas whose pages exist, and admin only to staff", () => {
    const member = visibleAreas({ staffRole: null, accountId: "a" }).map((a) => a.key);
    expect(member).not.toContain("admin");
    expect(member).toEqual(expect.arrayContaining(["dashboard", "security"]));
    for (const area of PORTAL_AREAS.filter((a) => !a.ready)) expect(member).not.toContain(area.key);
  });

  it("shows the admin area to the staff roles that have pages there", () => {
    const keys = (staffRole: "SUPPORT_AGENT" | "PRIVACY_OFFICER") =>
      visibleAreas({ staffRole, accountId: null }).map((a) => a.key);
    expect(keys("SUPPORT_AGENT")).toContain("admin");
    expect(keys("SUPPORT_AGENT")).not.toContain("privacyAdmin");
    expect(keys("PRIVACY_OFFICER")).not.toContain("admin");
    expect(keys("PRIVACY_OFFICER")).toContain("privacyAdmin");
  });

  it("marks a section active on its sub-pages", () => {
    expect(isActive("/security/devices", "/security")).toBe(true);
    expect(isActive("/securityx", "/security")).toBe(false);
  });
});
