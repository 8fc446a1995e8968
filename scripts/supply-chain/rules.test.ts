import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type Advisory,
  type LicenceException,
  PERMISSIVE_LICENCES,
  advisoriesFor,
  declaredLicence,
  findLicenceException,
  isLicenceAllowed,
  isVulnerable,
  lowestAdmitted,
  lowestFixAbove,
  minimumSafeVersion,
  parseLockfileKey,
  parseSpdx,
  validateAdvisories,
  validateLicenceExceptions,
} from "./rules.ts";

const advisory = (overrides: Partial<Advisory>): Advisory => ({
  id: "GHSA-xxxx-xxxx-xxxx",
  package: "mailer",
  vulnerable: "<1.0.0",
  patched: ["1.0.0"],
  summary: "a published flaw",
  ...overrides,
});

describe("parseLockfileKey", () => {
  it("reads plain and scoped keys", () => {
    expect(parseLockfileKey("nodemailer@7.0.6")).toEqual({ name: "nodemailer", version: "7.0.6" });
    expect(parseLockfileKey("@prisma/client@7.10.0")).toEqual({ name: "@prisma/client", version: "7.10.0" });
  });

  it("drops the peer resolutions snapshots append", () => {
    expect(parseLockfileKey("@prisma/client@7.10.0(prisma@7.10.0(typescript@5.9.3))(typescript@5.9.3)")).toEqual({
      name: "@prisma/client",
      version: "7.10.0",
    });
  });

  it("keeps pre-release and build versions whole", () => {
    expect(parseLockfileKey("@visx/curve@4.0.1-alpha.0")).toEqual({ name: "@visx/curve", version: "4.0.1-alpha.0" });
    expect(parseLockfileKey("@prisma/engines-version@7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3")?.version).toBe(
      "7.10.0-4.0edf323efd1d98336f3f0a68684b56f689b900d3",
    );
  });

  it("skips keys that do not resolve to a registry version", () => {
    expect(parseLockfileKey("local-lib@file:../local-lib")).toBeUndefined();
    expect(parseLockfileKey("thing@https://codeload.github.com/owner/thing/tar.gz/abc")).toBeUndefined();
    expect(parseLockfileKey("@scope/only-a-name")).toBeUndefined();
  });
});

describe("range matching", () => {
  it("matches each line of a multi-line range and nothing between", () => {
    const range = ">=14.0.0 <14.2.25 || >=15.0.0 <15.2.3";
    expect(isVulnerable("14.2.24", range)).toBe(true);
    expect(isVulnerable("14.2.25", range)).toBe(false);
    expect(isVulnerable("15.2.2", range)).toBe(true);
    expect(isVulnerable("15.2.3", range)).toBe(false);
    expect(isVulnerable("16.4.6", range)).toBe(false);
  });

  it("orders pre-releases with their release line", () => {
    expect(isVulnerable("4.0.0-beta.3", "<4.0.0")).toBe(true);
    expect(isVulnerable("4.0.1-alpha.0", "<4.0.0")).toBe(false);
    expect(isVulnerable("8.0.0-alpha.16", ">=8.0.0-alpha.0 <8.0.0-alpha.17")).toBe(true);
  });

  it("matches exact versions written as ranges", () => {
    expect(isVulnerable("12.0.0", "<11.1.1 || 12.0.0 || 13.0.0")).toBe(true);
    expect(isVulnerable("12.0.1", "<11.1.1 || 12.0.0 || 13.0.0")).toBe(false);
  });

  it("picks the lowest fix above the installed version", () => {
    expect(lowestFixAbove("15.1.0", ["15.2.3", "14.2.25", "13.5.9"])).toBe("15.2.3");
    expect(lowestFixAbove("7.0.6", ["10.0.1", "9.1.1"])).toBe("9.1.1");
    expect(lowestFixAbove("4.0.0", ["3.0.1"])).toBeUndefined();
  });

  it("reports each advisory that covers the version, with the fix for its line", () => {
    const advisories = [
      advisory({ id: "GHSA-2222-2222-2222", vulnerable: "<7.0.7", patched: ["7.0.7"] }),
      advisory({ id: "GHSA-3333-3333-3333", vulnerable: "<6.9.9", patched: ["6.9.9"] }),
      advisory({ id: "GHSA-4444-4444-4444", package: "other", vulnerable: "<99.0.0", patched: ["99.0.0"] }),
    ];
    expect(advisoriesFor({ name: "mailer", version: "7.0.6" }, advisories)).toEqual([
      { advisory: advisories[0], fixedIn: "7.0.7" },
    ]);
    expect(advisoriesFor({ name: "mailer", version: "7.0.7" }, advisories)).toEqual([]);
  });

  it("follows fixes upward until no advisory covers the version", () => {
    const advisories = [
      advisory({ vulnerable: "<7.0.7", patched: ["7.0.7"] }),
      advisory({ vulnerable: "<9.1.0", patched: ["9.1.0"] }),
      advisory({ vulnerable: "<9.1.1 || >=10.0.0 <10.0.1", patched: ["9.1.1", "10.0.1"] }),
    ];
    expect(minimumSafeVersion({ name: "mailer", version: "7.0.6" }, advisories)).toBe("9.1.1");
    expect(minimumSafeVersion({ name: "mailer", version: "10.0.0" }, advisories)).toBe("10.0.1");
    expect(minimumSafeVersion({ name: "mailer", version: "9.1.1" }, advisories)).toBe("9.1.1");
  });

  it("has no safe version when an advisory has no fix above", () => {
    const advisories = [advisory({ vulnerable: "<5.0.8", patched: ["3.0.3"] })];
    expect(minimumSafeVersion({ name: "mailer", version: "4.1.0" }, advisories)).toBeUndefined();
  });

  it("takes the lowest version a specifier admits", () => {
    expect(lowestAdmitted("7.0.6")).toBe("7.0.6");
    expect(lowestAdmitted("^7.0.6")).toBe("7.0.6");
    expect(lowestAdmitted("~9.1")).toBe("9.1.0");
    expect(lowestAdmitted("workspace:*")).toBeUndefined();
    expect(lowestAdmitted("npm:other@1.0.0")).toBeUndefined();
  });
});

describe("SPDX expressions", () => {
  const allowed = (expression: string) => isLicenceAllowed(expression, PERMISSIVE_LICENCES);

  it("accepts allowed identifiers and rejects copyleft and unknown ones", () => {
    expect(allowed("MIT")).toBe(true);
    expect(allowed("BlueOak-1.0.0")).toBe(true);
    expect(allowed("MPL-2.0")).toBe(true);
    expect(allowed("GPL-3.0-only")).toBe(false);
    expect(allowed("AGPL-3.0-or-later")).toBe(false);
    expect(allowed("LGPL-2.1")).toBe(false);
    expect(allowed("SSPL-1.0")).toBe(false);
    expect(allowed("UNLICENSED")).toBe(false);
    expect(allowed("BSD")).toBe(false);
  });

  it("needs one allowed side of an OR and both sides of an AND", () => {
    expect(allowed("(MIT OR Apache-2.0)")).toBe(true);
    expect(allowed("(GPL-2.0-only OR MIT)")).toBe(true);
    expect(allowed("MIT AND Zlib")).toBe(true);
    expect(allowed("(MIT AND GPL-3.0-only)")).toBe(false);
  });

  it("binds AND tighter than OR", () => {
    expect(allowed("GPL-3.0-only OR MIT AND ISC")).toBe(true);
    expect(allowed("MIT AND GPL-3.0-only OR ISC")).toBe(true);
    expect(allowed("MIT AND (GPL-3.0-only OR LGPL-3.0-only)")).toBe(false);
    expect(parseSpdx("A OR B AND C")).toEqual({
      operator: "OR",
      left: { licence: "A" },
      right: { operator: "AND", left: { licence: "B" }, right: { licence: "C" } },
    });
  });

  it("reads lower-case operators and identifiers as published packages write them", () => {
    expect(allowed("MIT and ISC")).toBe(true);
    expect(allowed("mit or gpl-3.0-only")).toBe(true);
    expect(allowed("apache-2.0")).toBe(true);
  });

  it("lets the base licence decide for WITH exceptions and or-later versions", () => {
    expect(allowed("Apache-2.0 WITH LLVM-exception")).toBe(true);
    expect(allowed("GPL-2.0-only WITH Classpath-exception-2.0")).toBe(false);
    expect(allowed("Apache-2.0+")).toBe(true);
  });

  it("rejects text that is not an expression", () => {
    expect(allowed("SEE LICENSE IN LICENSE.md")).toBe(false);
    expect(allowed("(MIT OR Apache-2.0")).toBe(false);
    expect(allowed("MIT OR")).toBe(false);
    expect(allowed("")).toBe(false);
    expect(() => parseSpdx("MIT Apache-2.0")).toThrow();
  });
});

describe("declaredLicence", () => {
  it("reads the SPDX string, the legacy object and the legacy array of alternatives", () => {
    expect(declaredLicence({ license: "MIT" })).toBe("MIT");
    expect(declaredLicence({ license: { type: "ISC" } })).toBe("ISC");
    expect(declaredLicence({ licenses: [{ type: "BSD" }] })).toBe("BSD");
    expect(declaredLicence({ licenses: [{ type: "MIT" }, { type: "Apache-2.0" }] })).toBe("(MIT OR Apache-2.0)");
  });

  it("is undefined when the manifest declares nothing", () => {
    expect(declaredLicence({})).toBeUndefined();
    expect(declaredLicence({ license: "  " })).toBeUndefined();
    expect(declaredLicence({ licenses: [] })).toBeUndefined();
  });
});

describe("licence exceptions", () => {
  const exception: LicenceException = {
    package: "png-js",
    version: "2.0.0",
    declared: null,
    licence: "MIT",
    reason: "the LICENSE file is the MIT licence",
  };

  it("applies to the reviewed version while the declared licence is unchanged", () => {
    expect(findLicenceException([exception], { name: "png-js", version: "2.0.0" }, undefined)).toBe(exception);
    expect(findLicenceException([exception], { name: "png-js", version: "2.0.1" }, undefined)).toBeUndefined();
    expect(findLicenceException([exception], { name: "png-js", version: "2.0.0" }, "GPL-3.0-only")).toBeUndefined();
  });

  it("rejects entries without a reason", () => {
    expect(() => validateLicenceExceptions([{ ...exception, reason: "" }])).toThrow(/reason/);
    expect(() => validateLicenceExceptions([{ ...exception, declared: undefined }])).toThrow(/declared/);
  });
});

describe("the advisories file", () => {
  const file = JSON.parse(readFileSync(new URL("./advisories.json", import.meta.url), "utf8")) as unknown;

  it("is well formed, with every patched version outside its range", () => {
    expect(validateAdvisories(file).length).toBeGreaterThan(0);
  });

  it("catches a fix listed inside its own range", () => {
    expect(() => validateAdvisories([advisory({ vulnerable: "<2.0.0", patched: ["1.5.0"] })])).toThrow(/inside/);
    expect(() => validateAdvisories([advisory({ id: "not-an-id" })])).toThrow(/GHSA or CVE/);
  });
});
