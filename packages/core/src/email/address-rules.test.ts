import { describe, expect, it } from "vitest";
import { addressProblem, localPartProblem, mailboxAddress, normaliseBlockedSender } from "./address-rules.ts";

const DOMAINS = ["charter.net", "spectrum.net"];

describe("mailbox address rules", () => {
  it.each([
    ["maria.rivera", null],
    ["m_r-2026", null],
    ["ab", "too_short"],
    ["a".repeat(33), "too_long"],
    ["maría", "characters"],
    ["maria rivera", "characters"],
    ["maria+news", "characters"],
    [".maria", "start_end"],
    ["maria-", "start_end"],
    ["maria..rivera", "consecutive_dots"],
    ["maria._rivera", "consecutive_dots"],
    ["postmaster", "reserved"],
    ["no-reply", "reserved"],
    ["Support", "reserved"],
    ["web.master", "reserved"],
  ])("%s → %s", (localPart, problem) => {
    expect(localPartProblem(localPart)).toBe(problem);
  });

  it("accepts only the profile's domains and writes the address in lower case", () => {
    expect(addressProblem("maria", "gmail.com", DOMAINS)).toBe("domain");
    expect(addressProblem("maria", "Charter.NET", DOMAINS)).toBeNull();
    expect(mailboxAddress(" Maria.Rivera ", "Charter.net")).toBe("maria.rivera@charter.net");
  });

  it("reads a blocked sender as an address or a whole domain", () => {
    expect(normaliseBlockedSender(" Spam@Example.com ")).toBe("spam@example.com");
    expect(normaliseBlockedSender("@example.com")).toBe("@example.com");
    expect(normaliseBlockedSender("example.co.uk")).toBe("@example.co.uk");
    for (const bad of ["", "spam@", "@", "a b@example.com", 'x"@example.com', "name@localhost", "x".repeat(260)]) {
      expect(normaliseBlockedSender(bad), bad).toBeNull();
    }
  });
});
