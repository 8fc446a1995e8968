import { describe, expect, it } from "vitest";
import { digestsMatch, maskDestination, newLinkSecret, newNumericCode, secretDigest } from "./one-time-token.ts";

describe("one-time tokens", () => {
  it("makes 256-bit link secrets and 6-digit codes", () => {
    expect(Buffer.from(newLinkSecret(), "base64url")).toHaveLength(32);
    expect(newLinkSecret()).not.toBe(newLinkSecret());
    for (let i = 0; i < 50; i += 1) expect(newNumericCode()).toMatch(/^\d{6}$/);
  });

  it("compares digests in constant time", () => {
    expect(digestsMatch(secretDigest("a"), secretDigest("a"))).toBe(true);
    expect(digestsMatch(secretDigest("a"), secretDigest("b"))).toBe(false);
    expect(digestsMatch(secretDigest("a"), "00")).toBe(false);
  });

  it("masks where a code was sent", () => {
    expect(maskDestination("SMS", "+19165550199")).toBe("•••-•••-0199");
    expect(maskDestination("EMAIL", "grace.okafor@example.com")).toBe("g•••@example.com");
  });
});
