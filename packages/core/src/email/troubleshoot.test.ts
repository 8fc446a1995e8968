import { describe, expect, it } from "vitest";
import { charterProfile } from "../provider/charter.ts";
import { type ProviderProfile, ZProviderProfile } from "../provider/profile.ts";
import {
  diagnoseMailSettings,
  FIELD_CODES,
  FIELD_KEYS,
  type FieldCode,
  type FieldDiagnosis,
  type FieldKey,
  GENERAL_CODES,
  type GeneralCode,
  type MailAppSettings,
  type MailboxState,
  overallStatus,
  ZMailAppSettings,
} from "./troubleshoot.ts";

const profile = ZProviderProfile.parse(charterProfile).email;
const host = profile.incoming.imap.hostname;
const NOW = new Date("2026-12-03T12:00:00Z");
const DAY = 86_400_000;

const maria: MailboxState = {
  address: "maria.rivera@charter.net",
  status: "ACTIVE",
  lastLoginAt: new Date(NOW.getTime() - 2 * DAY),
  lockedAt: null,
};

/** What a correctly set-up mail app has, from the profile. */
const correct: MailAppSettings = {
  incomingType: "IMAP",
  incomingServer: host,
  incomingPort: profile.incoming.imap.port,
  incomingSecurity: "SSL",
  username: maria.address,
  outgoingServer: profile.outgoing.smtp.hostname,
  outgoingPort: profile.outgoing.smtp.port,
  outgoingSecurity: "SSL",
  outgoingAuth: true,
};

function field(diagnosis: ReturnType<typeof diagnoseMailSettings>, key: FieldKey): FieldDiagnosis {
  return diagnosis.fields.find((f) => f.field === key)!;
}

/** A profile like the default but with other rules, for codes the default can't reach. */
function withEmail(change: (email: ProviderProfile["email"]) => void): ProviderProfile["email"] {
  const copy = structuredClone(profile);
  change(copy);
  return copy;
}

type Case = {
  name: string;
  change: Partial<MailAppSettings>;
  field: FieldKey;
  code: FieldCode;
  status?: "ok" | "problem" | "warning";
  expected?: string | number;
  given?: string | number;
  belongsTo?: string;
  profile?: ProviderProfile["email"];
  mailbox?: MailboxState | null;
};

const cases: Case[] = [
  {
    name: "POP3 works (IMAP recommended)",
    change: { incomingType: "POP3", incomingPort: 995 },
    field: "incomingType",
    code: "pop3_works",
    status: "ok",
  },
  {
    name: "legacy IMAP host",
    change: { incomingServer: "imap.charter.net" },
    field: "incomingServer",
    code: "legacy_hostname",
    expected: host,
    given: "imap.charter.net",
  },
  {
    name: "legacy POP3 host with POP3",
    change: { incomingType: "POP3", incomingServer: "pop.charter.net", incomingPort: 995 },
    field: "incomingServer",
    code: "legacy_hostname",
    expected: host,
  },
  {
    name: "legacy SMTP host",
    change: { outgoingServer: "smtp.charter.net" },
    field: "outgoingServer",
    code: "legacy_hostname",
    expected: host,
    given: "smtp.charter.net",
  },
  {
    name: "POP3 host with IMAP",
    change: { incomingServer: "pop.charter.net" },
    field: "incomingServer",
    code: "wrong_protocol_server",
    expected: host,
    belongsTo: "POP3",
  },
  {
    name: "SMTP host as incoming",
    change: { incomingServer: "smtp.charter.net" },
    field: "incomingServer",
    code: "wrong_protocol_server",
    belongsTo: "SMTP",
  },
  {
    name: "IMAP host as outgoing",
    change: { outgoingServer: "imap.charter.net" },
    field: "outgoingServer",
    code: "wrong_protocol_server",
    belongsTo: "IMAP",
  },
  {
    name: "typo in the domain",
    change: { incomingServer: "mobile.charter.com" },
    field: "incomingServer",
    code: "typo_server",
    expected: host,
    given: "mobile.charter.com",
  },
  {
    name: "typo of a legacy name",
    change: { outgoingServer: "smtp.charter.ne" },
    field: "outgoingServer",
    code: "typo_server",
    expected: host,
  },
  {
    name: "another provider's server",
    change: { incomingServer: "imap.gmail.com" },
    field: "incomingServer",
    code: "not_provider_server",
    expected: host,
    given: "imap.gmail.com",
  },
  {
    name: "a made-up host under the provider's domain",
    change: { outgoingServer: "mail.spectrum.net" },
    field: "outgoingServer",
    code: "not_provider_server",
  },
  {
    name: "POP3 on 993 (the old guide's mistake)",
    change: { incomingType: "POP3", incomingPort: 993 },
    field: "incomingPort",
    code: "known_wrong_port",
    expected: 995,
    given: 993,
  },
  {
    name: "IMAP on 995 (swapped)",
    change: { incomingPort: 995 },
    field: "incomingPort",
    code: "swapped_port",
    expected: 993,
    given: 995,
    belongsTo: "POP3",
  },
  {
    name: "IMAP on the SMTP port",
    change: { incomingPort: 587 },
    field: "incomingPort",
    code: "swapped_port",
    belongsTo: "SMTP",
  },
  {
    name: "SMTP on the IMAP port",
    change: { outgoingPort: 993 },
    field: "outgoingPort",
    code: "swapped_port",
    expected: 587,
    belongsTo: "IMAP",
  },
  {
    name: "POP3 on IMAP's cleartext port",
    change: { incomingType: "POP3", incomingPort: 143 },
    field: "incomingPort",
    code: "swapped_port",
    belongsTo: "IMAP",
  },
  {
    name: "IMAP on the cleartext port 143",
    change: { incomingPort: 143 },
    field: "incomingPort",
    code: "plain_port",
    expected: 993,
    given: 143,
  },
  {
    name: "POP3 on the cleartext port 110",
    change: { incomingType: "POP3", incomingPort: 110 },
    field: "incomingPort",
    code: "plain_port",
    expected: 995,
  },
  {
    name: "SMTP on 25",
    change: { outgoingPort: 25 },
    field: "outgoingPort",
    code: "smtp_port_25",
    expected: 587,
    given: 25,
  },
  {
    name: "SMTP on 465",
    change: { outgoingPort: 465 },
    field: "outgoingPort",
    code: "smtp_port_465",
    expected: 587,
    given: 465,
  },
  {
    name: "SMTP on some other port",
    change: { outgoingPort: 2525 },
    field: "outgoingPort",
    code: "wrong_port",
    expected: 587,
    given: 2525,
  },
  { name: "IMAP on some other port", change: { incomingPort: 8080 }, field: "incomingPort", code: "wrong_port" },
  {
    name: "STARTTLS on incoming",
    change: { incomingSecurity: "STARTTLS" },
    field: "incomingSecurity",
    code: "starttls_not_ssl",
    expected: "SSL",
    given: "STARTTLS",
  },
  {
    name: "STARTTLS on outgoing 587",
    change: { outgoingSecurity: "STARTTLS" },
    field: "outgoingSecurity",
    code: "starttls_not_ssl",
    expected: "SSL",
  },
  {
    name: "no encryption incoming",
    change: { incomingSecurity: "NONE" },
    field: "incomingSecurity",
    code: "no_encryption",
    expected: "SSL",
    given: "NONE",
  },
  {
    name: "no encryption outgoing",
    change: { outgoingSecurity: "NONE" },
    field: "outgoingSecurity",
    code: "no_encryption",
  },
  {
    name: "SSL where a provider wants STARTTLS",
    change: { outgoingSecurity: "SSL" },
    field: "outgoingSecurity",
    code: "wrong_security",
    expected: "STARTTLS",
    given: "SSL",
    profile: withEmail((e) => void (e.outgoing.smtp.socket = "STARTTLS")),
  },
  {
    name: "user name without the domain",
    change: { username: "maria.rivera" },
    field: "username",
    code: "username_missing_domain",
    expected: maria.address,
    given: "maria.rivera",
  },
  {
    name: "user name ending in @",
    change: { username: "maria.rivera@" },
    field: "username",
    code: "username_missing_domain",
  },
  {
    name: "user name without the domain, no mailbox known",
    change: { username: "maria.rivera" },
    field: "username",
    code: "username_missing_domain",
    expected: undefined,
    mailbox: null,
  },
  {
    name: "user name with nothing before the @",
    change: { username: "@charter.net" },
    field: "username",
    code: "username_malformed",
  },
  {
    name: "user name with a space",
    change: { username: "maria rivera@charter.net" },
    field: "username",
    code: "username_malformed",
  },
  {
    name: "user name on another domain",
    change: { username: "maria.rivera@gmail.com" },
    field: "username",
    code: "username_other_domain",
    expected: maria.address,
    given: "maria.rivera@gmail.com",
  },
  {
    name: "user name with a typo in the domain",
    change: { username: "maria.rivera@charter.com" },
    field: "username",
    code: "username_other_domain",
  },
  {
    name: "another of the provider's addresses",
    change: { username: "alex.rivera@charter.net" },
    field: "username",
    code: "username_other_mailbox",
    status: "warning",
    expected: maria.address,
  },
  {
    name: "full address where the provider wants the local part",
    change: { username: "maria.rivera@charter.net" },
    field: "username",
    code: "username_has_domain",
    expected: "maria.rivera",
    profile: withEmail((e) => void (e.incoming.imap.username = "LOCAL_PART")),
  },
  {
    name: "outgoing authentication off",
    change: { outgoingAuth: false },
    field: "outgoingAuth",
    code: "outgoing_auth_off",
  },
];

describe("diagnoseMailSettings: one diagnosis per mistake", () => {
  it.each(cases)("$name → $code", (c) => {
    const result = diagnoseMailSettings(
      c.profile ?? profile,
      { ...correct, ...c.change },
      c.mailbox === undefined ? maria : c.mailbox,
      NOW,
    );
    const found = field(result, c.field);
    expect(found.code).toBe(c.code);
    expect(found.status).toBe(c.status ?? "problem");
    if ("expected" in c) expect(found.expected).toBe(c.expected);
    if (c.given !== undefined) expect(found.given).toBe(c.given);
    if (c.belongsTo) expect(found.belongsTo).toBe(c.belongsTo);
  });

  it("exercises every field code", () => {
    const used = new Set<FieldCode>(["ok", ...cases.map((c) => c.code)]);
    expect(FIELD_CODES.filter((code) => !used.has(code))).toEqual([]);
  });

  it("gives every field of a correct setup (IMAP or POP3) an ok, in form order", () => {
    for (const input of [correct, { ...correct, incomingType: "POP3" as const, incomingPort: 995 }]) {
      const result = diagnoseMailSettings(profile, input, maria, NOW);
      expect(result.fields.map((f) => f.field)).toEqual([...FIELD_KEYS]);
      expect(result.fields.filter((f) => f.status !== "ok")).toEqual([]);
      expect(overallStatus(result)).toBe("ok");
    }
    // Case and a trailing dot in what the app shows do not matter once parsed.
    const typed = ZMailAppSettings.parse({
      ...correct,
      incomingServer: ` ${host.toUpperCase()}. `,
      username: "Maria.Rivera@Charter.net",
    });
    expect(diagnoseMailSettings(profile, typed, maria, NOW).fields.every((f) => f.code === "ok")).toBe(true);
  });

  it("reports each mistake of a copied old guide at once", () => {
    const result = diagnoseMailSettings(
      profile,
      {
        incomingType: "IMAP",
        incomingServer: "imap.charter.net",
        incomingPort: 993,
        incomingSecurity: "SSL",
        username: "maria.rivera",
        outgoingServer: "smtp.charter.net",
        outgoingPort: 25,
        outgoingSecurity: "STARTTLS",
        outgoingAuth: false,
      },
      maria,
      NOW,
    );
    expect(result.fields.map((f) => `${f.field}:${f.code}`)).toEqual([
      "incomingType:ok",
      "incomingServer:legacy_hostname",
      "incomingPort:ok",
      "incomingSecurity:ok",
      "username:username_missing_domain",
      "outgoingServer:legacy_hostname",
      "outgoingPort:smtp_port_25",
      "outgoingSecurity:starttls_not_ssl",
      "outgoingAuth:outgoing_auth_off",
    ]);
    expect(overallStatus(result)).toBe("problem");
  });

  it("takes the expected values from the profile, not from code", () => {
    const other = withEmail((e) => {
      e.domains = ["example.net"];
      e.incoming.imap = { ...e.incoming.imap, hostname: "imap.example.net", port: 143, socket: "STARTTLS" };
      e.outgoing.smtp = { ...e.outgoing.smtp, hostname: "smtp.example.net", port: 465 };
      e.legacyHostnames = [{ hostname: "mail.example.net", protocol: "imap" }];
      e.knownWrongPorts = [];
    });
    const result = diagnoseMailSettings(
      other,
      {
        ...correct,
        incomingServer: "imap.example.net",
        incomingPort: 143,
        incomingSecurity: "STARTTLS",
        username: "ana@example.net",
        outgoingServer: "smtp.example.net",
        outgoingPort: 465,
      },
      { ...maria, address: "ana@example.net" },
      NOW,
    );
    expect(result.fields.filter((f) => f.status !== "ok")).toEqual([]);
    const old = diagnoseMailSettings(other, { ...correct, incomingServer: "mail.example.net" }, null, NOW);
    expect(field(old, "incomingServer")).toMatchObject({ code: "legacy_hostname", expected: "imap.example.net" });
    expect(field(old, "incomingServer").code).not.toBe("ok");
    // The default profile's legacy names mean nothing to this provider.
    expect(
      field(
        diagnoseMailSettings(other, { ...correct, incomingServer: "imap.charter.net" }, null, NOW),
        "incomingServer",
      ).code,
    ).toBe("not_provider_server");
  });
});

type GeneralCase = {
  name: string;
  mailbox: MailboxState | null | undefined;
  code: GeneralCode;
  status: string;
  days?: number;
  date?: Date;
};

const idle = profile.limits.idleLockDays;
const generalCases: GeneralCase[] = [
  { name: "recently used", mailbox: maria, code: "mailbox_active", status: "ok" },
  {
    name: "never signed in, new",
    mailbox: { ...maria, lastLoginAt: null, createdAt: new Date(NOW.getTime() - 10 * DAY) },
    code: "mailbox_active",
    status: "ok",
  },
  {
    name: "never signed in, age unknown",
    mailbox: { ...maria, lastLoginAt: null },
    code: "mailbox_active",
    status: "ok",
  },
  {
    name: "idle one day short of the warning",
    mailbox: { ...maria, lastLoginAt: new Date(NOW.getTime() - (idle - 15) * DAY) },
    code: "mailbox_active",
    status: "ok",
  },
  {
    name: "idle into the last 14 days",
    mailbox: { ...maria, lastLoginAt: new Date(NOW.getTime() - (idle - 14) * DAY) },
    code: "mailbox_lock_soon",
    status: "warning",
    days: 14,
    date: new Date(NOW.getTime() + 14 * DAY),
  },
  {
    name: "never signed in and created long ago",
    mailbox: { ...maria, lastLoginAt: null, createdAt: new Date(NOW.getTime() - (idle - 3) * DAY - 3_600_000) },
    code: "mailbox_lock_soon",
    status: "warning",
    days: 3,
  },
  {
    name: "past the idle days, not locked yet by the job",
    mailbox: { ...maria, lastLoginAt: new Date(NOW.getTime() - (idle + 5) * DAY) },
    code: "mailbox_lock_soon",
    status: "warning",
    days: 0,
  },
  {
    name: "locked for inactivity",
    mailbox: {
      ...maria,
      status: "LOCKED",
      lastLoginAt: new Date(NOW.getTime() - 200 * DAY),
      lockedAt: new Date(NOW.getTime() - 20 * DAY),
    },
    code: "mailbox_locked",
    status: "problem",
    days: idle,
    date: new Date(NOW.getTime() - 20 * DAY),
  },
  { name: "no mailbox chosen", mailbox: null, code: "mailbox_not_checked", status: "warning" },
  { name: "mailbox left out", mailbox: undefined, code: "mailbox_not_checked", status: "warning" },
];

describe("diagnoseMailSettings: general checks", () => {
  it.each(generalCases)("mailbox $name → $code", (c) => {
    const result = diagnoseMailSettings(profile, correct, c.mailbox, NOW);
    const [mailbox, ...rest] = result.general;
    expect(mailbox).toMatchObject({ code: c.code, status: c.status });
    if (c.days !== undefined) expect(mailbox!.days).toBe(c.days);
    if (c.date) expect(mailbox!.date?.toISOString()).toBe(c.date.toISOString());
    expect(rest).toEqual([
      { code: "check_connection", status: "info" },
      { code: "update_app", status: "info" },
    ]);
  });

  it("exercises every general code, and a locked mailbox makes the whole result a problem", () => {
    const used = new Set<GeneralCode>(["check_connection", "update_app", ...generalCases.map((c) => c.code)]);
    expect(GENERAL_CODES.filter((code) => !used.has(code))).toEqual([]);
    const locked = diagnoseMailSettings(profile, correct, { ...maria, status: "LOCKED", lockedAt: NOW }, NOW);
    expect(overallStatus(locked)).toBe("problem");
    expect(overallStatus(diagnoseMailSettings(profile, correct, null, NOW))).toBe("warning");
  });
});

describe("ZMailAppSettings", () => {
  const form = {
    incomingType: "IMAP",
    incomingServer: "  Mobile.Charter.NET ",
    incomingPort: "993",
    incomingSecurity: "SSL",
    username: "  maria.rivera@charter.net ",
    outgoingServer: "mobile.charter.net",
    outgoingPort: "587",
    outgoingSecurity: "SSL",
    outgoingAuth: true,
  };

  it("trims, lower-cases host names and reads ports typed as text", () => {
    expect(ZMailAppSettings.parse(form)).toEqual({
      ...correct,
      incomingServer: "mobile.charter.net",
      username: "maria.rivera@charter.net",
    });
  });

  it.each([
    ["incomingServer", "", "server_required"],
    ["incomingServer", "   ", "server_required"],
    ["incomingServer", "mobile charter net", "server_invalid"],
    ["outgoingServer", "https://mobile.charter.net", "server_invalid"],
    ["outgoingServer", `${"a".repeat(64)}.net`, "server_invalid"],
    ["incomingPort", "0", "port_invalid"],
    ["incomingPort", "65536", "port_invalid"],
    ["outgoingPort", "58.7", "port_invalid"],
    ["outgoingPort", "abc", "port_invalid"],
    ["incomingType", "EXCHANGE", "type_required"],
    ["outgoingSecurity", "TLS", "security_required"],
    ["username", "", "username_required"],
    ["username", `${"a".repeat(250)}@charter.net`, "username_too_long"],
  ])("refuses %s = %j with %s", (key, value, code) => {
    const result = ZMailAppSettings.safeParse({ ...form, [key]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toEqual([`${key}:${code}`]);
  });
});
