import { describe, expect, it } from "vitest";
import { SecretBoxError, deriveKey, openSecret, sealSecret } from "./secret-box.ts";

const master = "test-master-secret-of-at-least-32-characters";
const key = deriveKey(master, "totp-secret");
const plaintext = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

function failure(open: () => unknown): string {
  try {
    open();
  } catch (error) {
    if (error instanceof SecretBoxError) return error.reason;
    throw error;
  }
  return "opened";
}

/** Flips one bit in one decoded part (1 = IV, 2 = tag, 3 = ciphertext) and re-encodes it. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0]! ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it("opens what it sealed", () => {
    const sealed = sealSecret(plaintext, key);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain(plaintext);
    expect(openSecret(sealed, key)).toBe(plaintext);
    expect(openSecret(sealSecret("", key), key)).toBe("");
    expect(openSecret(sealSecret("Grüße 🔐", key), key)).toBe("Grüße 🔐");
  });

  it("seals the same text differently each time (random IV)", () => {
    const a = sealSecret(plaintext, key);
    const b = sealSecret(plaintext, key);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(openSecret(b, key)).toBe(plaintext);
  });

  it("detects tampering with IV, tag or ciphertext", () => {
    const sealed = sealSecret(plaintext, key);
    for (const part of [1, 2, 3]) expect(failure(() => openSecret(tamper(sealed, part), key))).toBe("unauthentic");
  });

  it("will not open under another key", () => {
    const sealed = sealSecret(plaintext, key);
    expect(failure(() => openSecret(sealed, deriveKey(master, "other-purpose")))).toBe("unauthentic");
    expect(failure(() => openSecret(sealed, deriveKey(`${master}!`, "totp-secret")))).toBe("unauthentic");
  });

  it("binds the optional context", () => {
    const sealed = sealSecret(plaintext, key, "user-1");
    expect(openSecret(sealed, key, "user-1")).toBe(plaintext);
    expect(failure(() => openSecret(sealed, key, "user-2"))).toBe("unauthentic");
    expect(failure(() => openSecret(sealed, key))).toBe("unauthentic");
  });

  it("calls malformed strings malformed", () => {
    const sealed = sealSecret(plaintext, key);
    const [, iv, tag, ciphertext] = sealed.split(".");
    for (const bad of [
      "",
      "garbage",
      "v1.a.b",
      `v2.${iv}.${tag}.${ciphertext}`,
      `v1.${iv}.${tag}.${ciphertext}.extra`,
      `v1.${iv}.${tag}.${ciphertext}=`,
      `v1.${iv}!.${tag}.${ciphertext}`,
      `v1.${iv}.${tag}+.${ciphertext}`,
      `v1.${iv!.slice(0, 12)}.${tag}.${ciphertext}`,
      `v1.${iv}.${tag!.slice(0, 20)}.${ciphertext}`,
    ]) {
      expect(failure(() => openSecret(bad, key))).toBe("malformed");
    }
  });

  it("insists on a 32-byte key", () => {
    expect(failure(() => sealSecret(plaintext, Buffer.alloc(16)))).toBe("invalid-key");
    expect(failure(() => openSecret(sealSecret(plaintext, key), Buffer.alloc(31)))).toBe("invalid-key");
  });
});

describe("deriveKey", () => {
  it("is deterministic, 32 bytes, and separated by purpose and master secret", () => {
    expect(key).toHaveLength(32);
    expect(deriveKey(master, "totp-secret").equals(key)).toBe(true);
    expect(deriveKey(master, "recovery-codes").equals(key)).toBe(false);
    expect(deriveKey(`${master}x`, "totp-secret").equals(key)).toBe(false);
  });

  it("needs a master secret and a purpose", () => {
    expect(() => deriveKey("", "totp-secret")).toThrow(TypeError);
    expect(() => deriveKey(master, "")).toThrow(TypeError);
  });
});
