import fc from "fast-check";
import { isCommonPassword } from "./common-password.ts";
import { ZWifiChange } from "./wifi-schema.ts";
import { describe, expect, it } from "vitest";
import { checkSsid, checkWifiPassword, SSID_MAX_BYTES, utf8Length, wifiPasswordStrength } from "./wifi-rules.ts";

const printableAscii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });

describe("network name", () => {
  it("accepts 1 to 32 bytes of UTF-8, counted in bytes, not characters", () => {
    expect(checkSsid("Rivera-Home")).toBeNull();
    expect(checkSsid("a".repeat(32))).toBeNull();
    expect(checkSsid("a".repeat(33))).toBe("ssid_too_long");
    // "ñ" is two bytes: 16 fit, 17 do not.
    expect(checkSsid("ñ".repeat(16))).toBeNull();
    expect(checkSsid("ñ".repeat(17))).toBe("ssid_too_long");
    // An emoji is four bytes.
    expect(checkSsid("🏠".repeat(8))).toBeNull();
    expect(checkSsid("🏠".repeat(8) + "x")).toBe("ssid_too_long");
  });

  it("refuses an empty name, leading or trailing spaces and control characters", () => {
    expect(checkSsid("")).toBe("ssid_required");
    expect(checkSsid(" Home")).toBe("ssid_spaces");
    expect(checkSsid("Home ")).toBe("ssid_spaces");
    expect(checkSsid("My Home")).toBeNull();
    expect(checkSsid("Home\n")).toBe("ssid_spaces");
    expect(checkSsid("Ho\u0007me")).toBe("ssid_characters");
  });

  it("accepts exactly the names of 1–32 bytes without outer spaces or control characters (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (ssid) => {
        const ok =
          ssid.length > 0 &&
          utf8Length(ssid) <= SSID_MAX_BYTES &&
          ssid.trim() === ssid &&
          // eslint-disable-next-line no-control-regex
          !/[\u0000-\u001f\u007f-\u009f]/.test(ssid);
        expect(checkSsid(ssid) === null).toBe(ok);
      }),
    );
  });
});

describe("WiFi password", () => {
  it("is a WPA passphrase: 8 to 63 printable ASCII characters", () => {
    expect(checkWifiPassword("1234567")).toBe("password_too_short");
    expect(checkWifiPassword("12345678")).toBeNull();
    expect(checkWifiPassword("x".repeat(63))).toBeNull();
    expect(checkWifiPassword("x".repeat(64))).toBe("password_too_long");
    expect(checkWifiPassword("contraseña-larga")).toBe("password_characters");
    expect(checkWifiPassword("tab\tinside")).toBe("password_characters");
    expect(checkWifiPassword("spaces are fine ~")).toBeNull();
  });

  it("must differ from the current password and from the network name", () => {
    expect(checkWifiPassword("maple-canyon-4721", { currentPassword: "maple-canyon-4721" })).toBe(
      "password_same_as_current",
    );
    expect(checkWifiPassword("Rivera-Home", { ssid: "Rivera-Home" })).toBe("password_same_as_name");
    expect(checkWifiPassword("Rivera-Home-2", { ssid: "Rivera-Home", currentPassword: "old-one-123" })).toBeNull();
  });

  it("accepts every printable ASCII string of 8–63 characters, and no other length (property)", () => {
    fc.assert(
      fc.property(
        printableAscii.filter((s) => s.length <= 80),
        (password) => {
          const problem = checkWifiPassword(password);
          if (password.length >= 8 && password.length <= 63) expect(problem).toBeNull();
          else expect(problem).toMatch(/^password_too_(short|long)$/);
        },
      ),
    );
  });

  it("refuses anything with a character outside 0x20–0x7E (property)", () => {
    fc.assert(
      fc.property(
        printableAscii,
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 }).filter((s) => /[^\x20-\x7e]/.test(s)),
        printableAscii,
        (a, bad, b) => {
          expect(checkWifiPassword(a + bad + b)).toBe("password_characters");
        },
      ),
    );
  });
});

describe("password strength hint", () => {
  it("calls common passwords, patterns and the network name weak", () => {
    expect(wifiPasswordStrength("password", undefined, isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("iloveyou", undefined, isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("aaaaaaaaaaaa", undefined, isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("1234567890123", undefined, isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("abcdefghijkl", undefined, isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("Rivera-Home-2024", "Rivera-Home", isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("short", undefined, isCommonPassword)).toBe("weak");
    expect(wifiPasswordStrength("kitchentab", undefined, isCommonPassword)).toBe("weak");
  });

  it("grades by length and variety", () => {
    expect(wifiPasswordStrength("Kitchen7tab", undefined, isCommonPassword)).toBe("fair");
    expect(wifiPasswordStrength("maple-canyon-4721", undefined, isCommonPassword)).toBe("strong");
    expect(wifiPasswordStrength("Blue7Harbor!", undefined, isCommonPassword)).toBe("strong");
    expect(wifiPasswordStrength("correct horse battery staple", undefined, isCommonPassword)).toBe("strong");
  });

  it("never calls something shorter than 8 characters more than weak, and is total (property)", () => {
    fc.assert(
      fc.property(printableAscii, (password) => {
        const strength = wifiPasswordStrength(password, undefined, isCommonPassword);
        expect(["weak", "fair", "strong"]).toContain(strength);
        if (password.length < 8) expect(strength).toBe("weak");
      }),
    );
  });

  it("does not get weaker when a character of a new kind is added to a long password (property)", () => {
    const order = { weak: 0, fair: 1, strong: 2 } as const;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."abcdefghjkmnpqrstuvwxyz"), minLength: 16, maxLength: 30 }),
        (password) => {
          const before = wifiPasswordStrength(password, undefined, isCommonPassword);
          const after = wifiPasswordStrength(`${password}7`, undefined, isCommonPassword);
          expect(order[after]).toBeGreaterThanOrEqual(order[before]);
        },
      ),
    );
  });
});

describe("ZWifiChange", () => {
  it("carries each problem code as the issue message, and allows keeping the password", () => {
    const bad = ZWifiChange.safeParse({ ssid: " Home", password: "short" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["ssid", "ssid_spaces"],
      ["password", "password_too_short"],
    ]);
    expect(ZWifiChange.parse({ ssid: "Rivera-Home-5G", password: "" })).toEqual({
      ssid: "Rivera-Home-5G",
      password: "",
    });
    expect(ZWifiChange.safeParse({ ssid: "SameAsName1", password: "SameAsName1" }).error?.issues[0]?.message).toBe(
      "password_same_as_name",
    );
  });
});
