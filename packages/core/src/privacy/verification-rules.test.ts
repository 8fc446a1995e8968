import type { PrivacyRequestType } from "@homeport/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DATA_POINTS,
  isVerified,
  matchDataPoints,
  NORMALISERS,
  normaliseAccountNumber,
  normaliseAddressLine1,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normaliseZip,
  verificationNeeded,
  zClaimed,
  type KnownRecord,
} from "./verification-rules.ts";

const known: KnownRecord = {
  email: "maria.rivera@example.com",
  phone: "(415) 555-0142",
  accountNumber: "8800-1234-5678",
  zip: "94110",
  name: "María José Rivera",
  addressLine1: "1200 North Valencia Street, Apartment 4",
};

describe("normalisers", () => {
  it("email: trims and lower-cases", () => {
    expect(normaliseEmail("  Maria.Rivera@Example.COM ")).toBe("maria.rivera@example.com");
    expect(normaliseEmail("   ")).toBe("");
  });

  it("phone: keeps ten digits, dropping a leading 1 of eleven", () => {
    expect(normalisePhone("(415) 555-0142")).toBe("4155550142");
    expect(normalisePhone("+1 415.555.0142")).toBe("4155550142");
    expect(normalisePhone("14155550142")).toBe("4155550142");
    expect(normalisePhone("24155550142")).toBe("");
    expect(normalisePhone("555-0142")).toBe("");
    expect(normalisePhone("+44 20 7946 0958")).toBe("");
  });

  it("account number: digits only", () => {
    expect(normaliseAccountNumber("8800-1234 5678")).toBe("880012345678");
    expect(normaliseAccountNumber("--")).toBe("");
  });

  it("zip: the first five digits", () => {
    expect(normaliseZip("94110-2203")).toBe("94110");
    expect(normaliseZip(" 94110 ")).toBe("94110");
    expect(normaliseZip("9411")).toBe("");
  });

  it("name: folds accents and case, drops punctuation, collapses spaces", () => {
    expect(normaliseName("  María   José  RIVERA ")).toBe("maria jose rivera");
    expect(normaliseName("O'Brien, Jr.")).toBe("obrien jr");
    expect(normaliseName("Zoë\tNguyễn")).toBe("zoe nguyen");
    expect(normaliseName("...")).toBe("");
  });

  it("address line 1: like a name, with street words abbreviated", () => {
    expect(normaliseAddressLine1("1200 North Valencia Street, Apartment 4")).toBe("1200 n valencia st apt 4");
    expect(normaliseAddressLine1("1200 N. Valencia St. Apt 4")).toBe("1200 n valencia st apt 4");
    expect(normaliseAddressLine1("55 West Avenue")).toBe("55 w ave");
    expect(normaliseAddressLine1("9 South Road")).toBe("9 s rd");
    expect(normaliseAddressLine1("31 East Sunset Boulevard")).toBe("31 e sunset blvd");
    expect(normaliseAddressLine1("7 Mulholland Drive")).toBe("7 mulholland dr");
    // Only whole words: "Northridge" is a name, not a direction.
    expect(normaliseAddressLine1("18 Northridge Streetcar Way")).toBe("18 northridge streetcar way");
  });

  it("are idempotent (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATA_POINTS), fc.string({ maxLength: 40 }), (point, value) => {
        const once = NORMALISERS[point](value);
        expect(NORMALISERS[point](once)).toBe(once);
      }),
    );
  });
});

describe("matching data points", () => {
  it("counts the points where both sides normalise to the same value", () => {
    const match = matchDataPoints(
      {
        email: "MARIA.RIVERA@example.com ",
        phone: "1-415-555-0142",
        zip: "94110-2203",
        name: "Maria Jose Rivera",
        addressLine1: "1200 N Valencia St Apt 4",
      },
      known,
    );
    expect(match).toEqual({ matched: ["email", "phone", "zip", "name", "addressLine1"], count: 5 });
  });

  it("does not count a mismatch, a missing point or one that normalises to nothing", () => {
    const match = matchDataPoints(
      { email: "someone@example.com", phone: "555-0142", accountNumber: "8800-1234-5678", zip: "94110" },
      { ...known, zip: null },
    );
    expect(match).toEqual({ matched: ["accountNumber"], count: 1 });
    expect(matchDataPoints({ name: "!!!" }, { name: "???" })).toEqual({ matched: [], count: 0 });
    expect(matchDataPoints({}, known).count).toBe(0);
  });

  it("leaves out the points that are the subject of a correction (§7060(h))", () => {
    const claimed = { email: "maria.rivera@example.com", name: "María José Rivera", zip: "94110" };
    expect(matchDataPoints(claimed, known).count).toBe(3);
    expect(matchDataPoints(claimed, known, { exclude: ["name", "zip"] })).toEqual({ matched: ["email"], count: 1 });
  });
});

describe("verification thresholds", () => {
  const match = (count: number) => ({ matched: DATA_POINTS.slice(0, count), count });

  it("asks for the degree of certainty each request type needs", () => {
    expect(verificationNeeded("KNOW_CATEGORIES")).toEqual({ points: 2, declaration: false });
    expect(verificationNeeded("KNOW_SPECIFIC")).toEqual({ points: 3, declaration: true });
    expect(verificationNeeded("DELETE")).toEqual({ points: 3, declaration: false });
    expect(verificationNeeded("CORRECT")).toEqual({ points: 2, declaration: false });
    expect(verificationNeeded("OPT_OUT_SALE_SHARING")).toEqual({ points: 0, declaration: false });
    expect(verificationNeeded("LIMIT_SENSITIVE")).toEqual({ points: 0, declaration: false });
  });

  it("verifies at the threshold and not below it", () => {
    const cases: [PrivacyRequestType, number][] = [
      ["KNOW_CATEGORIES", 2],
      ["DELETE", 3],
      ["CORRECT", 2],
    ];
    for (const [type, points] of cases) {
      expect(isVerified(type, match(points - 1), true)).toBe(false);
      expect(isVerified(type, match(points), false)).toBe(true);
    }
  });

  it("needs the signed declaration for specific pieces", () => {
    expect(isVerified("KNOW_SPECIFIC", match(3), false)).toBe(false);
    expect(isVerified("KNOW_SPECIFIC", match(3), true)).toBe(true);
    expect(isVerified("KNOW_SPECIFIC", match(2), true)).toBe(false);
  });

  it("lets opt-out and limit requests through without any match", () => {
    expect(isVerified("OPT_OUT_SALE_SHARING", match(0), false)).toBe(true);
    expect(isVerified("LIMIT_SENSITIVE", match(0), false)).toBe(true);
  });

  it("returns a copy of the rule", () => {
    verificationNeeded("DELETE").points = 0;
    expect(verificationNeeded("DELETE").points).toBe(3);
  });
});

describe("claimed data points schema", () => {
  const issues = (input: unknown) => {
    const result = zClaimed.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
  };

  it("trims and accepts a well-formed claim", () => {
    const result = zClaimed.parse({
      email: "  maria.rivera@example.com ",
      phone: " +1 (415) 555-0142 ",
      accountNumber: "8800-1234 5678",
      zip: "94110-2203",
      name: " María José Rivera ",
      addressLine1: "1200 N Valencia St",
    });
    expect(result).toEqual({
      email: "maria.rivera@example.com",
      phone: "+1 (415) 555-0142",
      accountNumber: "8800-1234 5678",
      zip: "94110-2203",
      name: "María José Rivera",
      addressLine1: "1200 N Valencia St",
    });
  });

  it("treats blank fields as not given", () => {
    const result = zClaimed.parse({ email: "", phone: "  ", accountNumber: "880012", name: "" });
    expect(result.email).toBeUndefined();
    expect(result.phone).toBeUndefined();
    expect(result.name).toBeUndefined();
    expect(result.accountNumber).toBe("880012");
  });

  it("requires an email, phone or account number", () => {
    expect(issues({ name: "Maria Rivera", zip: "94110" })).toEqual(["email:identifier_required"]);
    expect(issues({ email: " ", zip: "94110" })).toEqual(["email:identifier_required"]);
    expect(issues({ phone: "415 555 0142" })).toEqual([]);
    expect(issues({ accountNumber: "880012345678" })).toEqual([]);
  });

  it("enforces formats and lengths", () => {
    expect(issues({ email: "not an email" })).toHaveLength(1);
    expect(issues({ email: `${"a".repeat(250)}@example.com` })).toHaveLength(1);
    expect(issues({ email: "a@example.com", phone: "555-01" })).toHaveLength(1);
    expect(issues({ email: "a@example.com", phone: "415-555-0142 ext 9" })).toHaveLength(1);
    expect(issues({ email: "a@example.com", phone: "1".repeat(21) })).toHaveLength(1);
    expect(issues({ accountNumber: "12345" })).toHaveLength(1);
    expect(issues({ accountNumber: "ACC-123456" })).toHaveLength(1);
    expect(issues({ accountNumber: "1".repeat(21) })).toHaveLength(1);
    expect(issues({ email: "a@example.com", zip: "9411" })).toHaveLength(1);
    expect(issues({ email: "a@example.com", zip: "94110-22" })).toHaveLength(1);
    expect(issues({ email: "a@example.com", name: "x".repeat(121) })).toHaveLength(1);
    expect(issues({ email: "a@example.com", name: "x".repeat(120) })).toEqual([]);
    expect(issues({ email: "a@example.com", addressLine1: "x".repeat(201) })).toHaveLength(1);
    expect(issues({ email: "a@example.com", addressLine1: "x".repeat(200) })).toEqual([]);
  });
});
