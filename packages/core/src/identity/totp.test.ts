import { describe, expect, it } from "vitest";
import {
  TOTP_PERIOD_SECONDS,
  createTotpSecret,
  currentTotp,
  formatSecretForManualEntry,
  totpStep,
  totpUri,
  verifyTotp,
} from "./totp.ts";

/** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const now = new Date("2026-11-22T10:00:10Z");
const step = totpStep(now);
const stepsAway = (n: number) => new Date(now.getTime() + n * TOTP_PERIOD_SECONDS * 1000);

describe("TOTP secrets and URIs", () => {
  it("makes 160-bit base32 secrets, a new one each time", () => {
    const a = createTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(createTotpSecret()).not.toBe(a);
  });

  it("puts issuer, label and secret in the otpauth URI", () => {
    const uri = totpUri({ secret, accountLabel: "ada@example.com", issuer: "Homeport Care" });
    const url = new URL(uri);
    expect(url.protocol).toBe("otpauth:");
    expect(url.host).toBe("totp");
    expect(decodeURIComponent(url.pathname)).toBe("/Homeport Care:ada@example.com");
    expect(url.searchParams.get("secret")).toBe(secret);
    expect(url.searchParams.get("issuer")).toBe("Homeport Care");
  });

  it("groups the secret in fours for manual entry", () => {
    expect(formatSecretForManualEntry("JBSWY3DPEHPK3PXPAB")).toBe("JBSW Y3DP EHPK 3PXP AB");
  });
});

describe("TOTP codes", () => {
  it("matches RFC 6238's SHA-1 test vectors (last six digits)", async () => {
    expect(await currentTotp(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(await currentTotp(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(await currentTotp(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("accepts the current code and returns its step", async () => {
    const code = await currentTotp(secret, now);
    expect(code).toMatch(/^\d{6}$/);
    expect(step).toBe(Math.floor(now.getTime() / 1000 / 30));
    expect(await verifyTotp({ secret, code, now })).toEqual({ ok: true, step });
  });

  it("works with a freshly made secret", async () => {
    const fresh = createTotpSecret();
    expect(await verifyTotp({ secret: fresh, code: await currentTotp(fresh) })).toMatchObject({ ok: true });
  });

  it("tolerates one step either side, not two", async () => {
    expect(await verifyTotp({ secret, code: await currentTotp(secret, stepsAway(-1)), now })).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(await verifyTotp({ secret, code: await currentTotp(secret, stepsAway(1)), now })).toEqual({
      ok: true,
      step: step + 1,
    });
    for (const n of [-2, 2]) {
      expect(await verifyTotp({ secret, code: await currentTotp(secret, stepsAway(n)), now })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
  });

  it("refuses a wrong code and a code for another secret", async () => {
    const window = await Promise.all([-1, 0, 1].map((n) => currentTotp(secret, stepsAway(n))));
    let wrong = "000000";
    while (window.includes(wrong)) wrong = String(Number(wrong) + 1).padStart(6, "0");
    expect(await verifyTotp({ secret, code: wrong, now })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyTotp({ secret: RFC_SECRET, code: window[1]!, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("accepts a code once: the same step again is a replay", async () => {
    const code = await currentTotp(secret, now);
    const first = await verifyTotp({ secret, code, now, lastUsedStep: step - 5 });
    expect(first).toEqual({ ok: true, step });
    expect(await verifyTotp({ secret, code, now, lastUsedStep: step })).toEqual({ ok: false, reason: "replayed" });
    // Still a replay while the code remains inside the window.
    expect(await verifyTotp({ secret, code, now: stepsAway(1), lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replayed",
    });
  });

  it("refuses an older step once a newer one was used, and accepts a newer one", async () => {
    const previous = await currentTotp(secret, stepsAway(-1));
    expect(await verifyTotp({ secret, code: previous, now, lastUsedStep: step })).toEqual({
      ok: false,
      reason: "replayed",
    });
    const next = await currentTotp(secret, stepsAway(1));
    expect(await verifyTotp({ secret, code: next, now, lastUsedStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it("treats every step as spent when the last used step is ahead of the clock", async () => {
    const code = await currentTotp(secret, now);
    expect(await verifyTotp({ secret, code, now, lastUsedStep: step + 5 })).toEqual({ ok: false, reason: "replayed" });
    expect(await verifyTotp({ secret, code: "000000", now, lastUsedStep: step + 5 })).toMatchObject({ ok: false });
  });

  it("calls anything but six digits malformed", async () => {
    for (const code of ["12345", "abcdef", "1234567", "", "12345a", "１２３４５６", "12.456"]) {
      expect(await verifyTotp({ secret, code, now })).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("ignores spaces and dashes", async () => {
    const code = await currentTotp(secret, now);
    for (const typed of [`${code.slice(0, 3)} ${code.slice(3)}`, `${code.slice(0, 3)}-${code.slice(3)}`, ` ${code} `]) {
      expect(await verifyTotp({ secret, code: typed, now })).toEqual({ ok: true, step });
    }
  });

  it("rejects a non-integer last used step as a programming error", async () => {
    const code = await currentTotp(secret, now);
    await expect(verifyTotp({ secret, code, now, lastUsedStep: 1.5 })).rejects.toThrow(TypeError);
  });
});
