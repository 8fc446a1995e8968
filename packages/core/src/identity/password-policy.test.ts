import { describe, expect, it } from "vitest";
import {
  PASSWORD_MAX_LENGTH,
  ZNewPassword,
  checkPassword,
  minimumPasswordLength,
  normalisePassword,
} from "./password-policy.ts";

const subscriber = { kind: "subscriber" } as const;
const staff = { kind: "staff" } as const;
/** A run of distinct-looking characters that is in no dictionary. */
const filler = (length: number) => "kq7vz".repeat(Math.ceil(length / 5)).slice(0, length);

describe("password policy", () => {
  it("asks 8 characters of subscribers and 15 of staff", () => {
    expect(minimumPasswordLength("subscriber")).toBe(8);
    expect(minimumPasswordLength("staff")).toBe(15);
    expect(checkPassword(filler(7), subscriber)).toEqual({ ok: false, problem: "too_short", minLength: 8 });
    expect(checkPassword(filler(8), subscriber)).toEqual({ ok: true });
    expect(checkPassword(filler(14), staff)).toEqual({ ok: false, problem: "too_short", minLength: 15 });
    expect(checkPassword(filler(15), staff)).toEqual({ ok: true });
  });

  it("accepts up to 256 characters and refuses longer rather than truncating", () => {
    expect(PASSWORD_MAX_LENGTH).toBe(256);
    expect(checkPassword(filler(64), subscriber)).toEqual({ ok: true });
    expect(checkPassword(filler(256), staff)).toEqual({ ok: true });
    expect(checkPassword(filler(257), subscriber)).toEqual({ ok: false, problem: "too_long", minLength: 8 });
  });

  it("counts code points, not UTF-16 units or bytes", () => {
    expect("🔑".repeat(7).length).toBe(14);
    expect(checkPassword("🔑".repeat(7), subscriber)).toMatchObject({ ok: false, problem: "too_short" });
    expect(checkPassword("🔑".repeat(8), subscriber)).toEqual({ ok: true });
    expect(checkPassword("🔑".repeat(256), subscriber)).toEqual({ ok: true });
    expect(checkPassword("🔑".repeat(257), subscriber)).toMatchObject({ ok: false, problem: "too_long" });
    expect(checkPassword("ñçüßøåéî", subscriber)).toEqual({ ok: true });
  });

  it("has no composition rules and does not trim", () => {
    expect(checkPassword("correct horse battery staple", staff)).toEqual({ ok: true });
    expect(checkPassword("zebrafishmoonlight", staff)).toEqual({ ok: true });
    expect(checkPassword("59173820", subscriber)).toEqual({ ok: true });
    expect(checkPassword("abcdefg ", subscriber)).toEqual({ ok: true });
    expect(checkPassword(" abcdef ", subscriber)).toEqual({ ok: true });
    expect(checkPassword("  abcd  ", subscriber)).toEqual({ ok: true });
  });

  it("refuses common passwords whatever their case", () => {
    for (const password of ["password123", "iloveyou12", "qwerty123", "passw0rd", "pa$$w0rd", "trustno1"]) {
      expect(checkPassword(password, subscriber)).toEqual({ ok: false, problem: "common", minLength: 8 });
    }
    expect(checkPassword("PassWord123", subscriber)).toMatchObject({ ok: false, problem: "common" });
    expect(checkPassword("ILOVEYOU12", subscriber)).toMatchObject({ ok: false, problem: "common" });
    expect(checkPassword("1qaz2wsx3edc4rfv", staff)).toEqual({ ok: false, problem: "common", minLength: 15 });
    // A list entry that is too short for staff is refused for its length first.
    expect(checkPassword("password123", staff)).toMatchObject({ ok: false, problem: "too_short" });
  });

  it("refuses the email address and its local part", () => {
    const options = { kind: "subscriber", email: "Alice.Smith@Example.com" } as const;
    expect(checkPassword("alice.smith@example.com", options)).toEqual({
      ok: false,
      problem: "matches_email",
      minLength: 8,
    });
    expect(checkPassword("ALICE.SMITH", options)).toMatchObject({ ok: false, problem: "matches_email" });
    expect(checkPassword("alice.smith!", options)).toEqual({ ok: true });
  });

  it("refuses context words such as the brand name", () => {
    const options = { kind: "subscriber" as const, contextWords: ["", "Homeport"] };
    expect(checkPassword("homeport", subscriber)).toEqual({ ok: true });
    expect(checkPassword("HomePort", options)).toEqual({ ok: false, problem: "matches_context", minLength: 8 });
    expect(checkPassword("homeport at home", options)).toEqual({ ok: true });
  });

  it("normalises with NFKC before measuring and comparing", () => {
    expect(normalisePassword("ｐａｓｓｗｏｒｄ１２３")).toBe("password123");
    expect(normalisePassword("ﬁre")).toBe("fire");
    expect(normalisePassword("e\u0301")).toBe("\u00e9");
    // Full-width forms of a common password are the same password.
    expect(checkPassword("ＰＡＳＳＷＯＲＤ１２３", subscriber)).toMatchObject({ ok: false, problem: "common" });
    // Length counts the normalised form: 8 composed characters from 16 raw code points.
    expect(checkPassword("e\u0301".repeat(8), subscriber)).toEqual({ ok: true });
    expect(checkPassword("e\u0301".repeat(7), subscriber)).toMatchObject({ ok: false, problem: "too_short" });
    expect(
      checkPassword("ａｌｉｃｅ．ｓｍｉｔｈ", { kind: "subscriber", email: "alice.smith@example.com" }),
    ).toMatchObject({ ok: false, problem: "matches_email" });
  });

  it("guards raw input length only in the schema", () => {
    expect(ZNewPassword.safeParse("short").success).toBe(true);
    expect(ZNewPassword.safeParse("x".repeat(1024)).success).toBe(true);
    expect(ZNewPassword.safeParse("x".repeat(1025)).success).toBe(false);
  });
});
