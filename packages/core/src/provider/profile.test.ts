import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCoreEnv } from "../env.ts";
import { charterProfile } from "./charter.ts";
import { loadProviderProfile } from "./profile.ts";

describe("provider profile", () => {
  it("defaults to Charter.net / Spectrum email with implicit TLS everywhere", () => {
    const profile = loadProviderProfile(readCoreEnv({}));
    expect(profile.email.domains).toEqual(["charter.net", "spectrum.net", "bresnan.net"]);
    expect(profile.email.incoming.imap).toMatchObject({ hostname: "mobile.charter.net", port: 993, socket: "SSL" });
    expect(profile.email.incoming.pop3).toMatchObject({ hostname: "mobile.charter.net", port: 995, socket: "SSL" });
    expect(profile.email.outgoing.smtp).toMatchObject({ hostname: "mobile.charter.net", port: 587, socket: "SSL" });
    expect(profile.email.limits.mailboxesPerAccount).toBe(7);
    expect(profile.email.legacyHostnames.map((h) => h.hostname)).toContain("imap.charter.net");
    expect(profile.email.knownWrongPorts).toContainEqual({ protocol: "pop3", port: 993 });
  });

  it("applies environment overrides on top of the profile", () => {
    const profile = loadProviderProfile(
      readCoreEnv({ HOMEPORT_BRAND_NAME: "Valley Cable", HOMEPORT_SUPPORT_PHONE: "+15595550100" }),
    );
    expect(profile.brandName).toBe("Valley Cable");
    expect(profile.supportPhone).toBe("+15595550100");
  });

  it("loads another provider's profile from a file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "profile-"));
    const file = path.join(dir, "valley.json");
    writeFileSync(file, JSON.stringify({ ...charterProfile, id: "valley", brandName: "Valley" }));
    expect(loadProviderProfile(readCoreEnv({ HOMEPORT_PROFILE: file })).brandName).toBe("Valley");
  });

  it("rejects an invalid profile with the field that is wrong", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "profile-"));
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ ...charterProfile, timeZone: "Mars/Olympus" }));
    expect(() => loadProviderProfile(readCoreEnv({ HOMEPORT_PROFILE: file }))).toThrow(
      /timeZone: not an IANA time zone/,
    );
    expect(() => loadProviderProfile(readCoreEnv({ HOMEPORT_SUPPORT_PHONE: "555-1234" }))).toThrow(/supportPhone/);
  });
});
