import { describe, expect, it } from "vitest";
import {
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  formatRecoveryCode,
  generateRecoveryCodes,
  normaliseRecoveryCode,
  recoveryCodeDigest,
} from "./recovery-codes.ts";

const userId = "01937a6e-8f3b-7c2d-9a4e-5b6c7d8e9f01";
const otherUserId = "01937a6e-8f3b-7c2d-9a4e-5b6c7d8e9f02";

describe("recovery codes", () => {
  it("makes ten distinct codes shown as xxxxx-xxxxx", () => {
    const codes = generateRecoveryCodes();
    expect(RECOVERY_CODE_COUNT).toBe(10);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  });

  it("uses no look-alike characters", () => {
    expect(RECOVERY_CODE_ALPHABET).toHaveLength(31);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    const seen = new Set(Array.from({ length: 20 }, generateRecoveryCodes).flat().join("").replaceAll("-", ""));
    for (const character of seen) expect(RECOVERY_CODE_ALPHABET).toContain(character);
    expect(seen.size).toBeGreaterThan(25);
  });

  it("reads codes back whatever the case and separators", () => {
    expect(normaliseRecoveryCode("abcde-fghjk")).toBe("ABCDEFGHJK");
    expect(normaliseRecoveryCode("ABCDEFGHJK")).toBe("ABCDEFGHJK");
    expect(normaliseRecoveryCode(" abcde fghjk ")).toBe("ABCDEFGHJK");
    for (const code of generateRecoveryCodes()) {
      const normalised = normaliseRecoveryCode(code);
      expect(normalised).toBe(code.replace("-", ""));
      expect(formatRecoveryCode(normalised!)).toBe(code);
      expect(normaliseRecoveryCode(code.toLowerCase())).toBe(normalised);
    }
  });

  it("refuses what cannot be a code", () => {
    for (const input of [
      "",
      "ABCDE-FGHJ",
      "ABCDE-FGHJKM",
      "ABCDO-FGHJK",
      "abcd1-fghjk",
      "ABCDE_FGHJK",
      "ABCDÉ-FGHJK",
    ]) {
      expect(normaliseRecoveryCode(input)).toBeNull();
    }
  });

  it("digests a code the same way each time, per user", async () => {
    const digest = await recoveryCodeDigest("ABCDEFGHJK", userId);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await recoveryCodeDigest(normaliseRecoveryCode("abcde-fghjk")!, userId)).toBe(digest);
    expect(await recoveryCodeDigest("ABCDEFGHJM", userId)).not.toBe(digest);
    expect(await recoveryCodeDigest("ABCDEFGHJK", otherUserId)).not.toBe(digest);
  });

  it("digests only normalised codes", async () => {
    await expect(recoveryCodeDigest("abcde-fghjk", userId)).rejects.toThrow(TypeError);
    await expect(recoveryCodeDigest("ABCDEFGHJK", "")).rejects.toThrow(TypeError);
  });
});
