import { describe, expect, it } from "vitest";
import { mustSetUpTwoFactor } from "./staff-policy.ts";

describe("staff two-step sign-in requirement", () => {
  it("sends staff without two-step sign-in to its setup, from anywhere else", () => {
    const staff = { staffRole: "SUPPORT_AGENT", twoFactorEnabled: false };
    expect(mustSetUpTwoFactor(staff, "/dashboard")).toBe(true);
    expect(mustSetUpTwoFactor(staff, "/admin")).toBe(true);
    expect(mustSetUpTwoFactor(staff, "/security/two-factor")).toBe(false);
    expect(mustSetUpTwoFactor(staff, "/security/confirm?returnTo=%2Fsecurity%2Ftwo-factor")).toBe(false);
    expect(mustSetUpTwoFactor(staff, "/security/two-factorx")).toBe(true);
  });

  it("leaves enrolled staff and subscribers alone", () => {
    expect(mustSetUpTwoFactor({ staffRole: "ADMIN", twoFactorEnabled: true }, "/dashboard")).toBe(false);
    expect(mustSetUpTwoFactor({ staffRole: null, twoFactorEnabled: false }, "/dashboard")).toBe(false);
  });
});
