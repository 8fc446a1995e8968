import { z } from "zod";
import type { ProviderProfile } from "../provider/profile.ts";

/**
 * The email settings troubleshooter: the subscriber copies what their mail app has, and each field
 * gets a specific verdict measured against the provider profile (never against hard-coded hosts),
 * plus general checks from the mailbox's real state. Pure: the page supplies the mailbox and clock.
 */

type EmailProfile = ProviderProfile["email"];

export const MAIL_SECURITY = ["SSL", "STARTTLS", "NONE"] as const;
export type MailSecurity = (typeof MAIL_SECURITY)[number];

export const INCOMING_TYPES = ["IMAP", "POP3"] as const;
export type IncomingType = (typeof INCOMING_TYPES)[number];

type Protocol = "imap" | "pop3" | "smtp";
/** How the pages name a protocol. */
export type ProtocolName = "IMAP" | "POP3" | "SMTP";

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isHostName(value: string): boolean {
  return value.length <= 253 && value.split(".").every((label) => HOST_LABEL.test(label));
}

const ZHost = z
  .string({ error: "server_required" })
  .trim()
  .toLowerCase()
  // A copied "mobile.charter.net." (fully qualified, trailing dot) is the same host.
  .transform((value) => value.replace(/\.$/, ""))
  .pipe(z.string().min(1, { error: "server_required", abort: true }).refine(isHostName, { error: "server_invalid" }));

const ZPort = z.coerce
  .number({ error: "port_invalid" })
  .int({ error: "port_invalid" })
  .min(1, { error: "port_invalid" })
  .max(65535, { error: "port_invalid" });

/** What the subscriber's mail app has; issues carry a stable code as their message. */
export const ZMailAppSettings = z.object({
  incomingType: z.enum(INCOMING_TYPES, { error: "type_required" }),
  incomingServer: ZHost,
  incomingPort: ZPort,
  incomingSecurity: z.enum(MAIL_SECURITY, { error: "security_required" }),
  username: z
    .string({ error: "username_required" })
    .trim()
    .min(1, { error: "username_required" })
    .max(254, { error: "username_too_long" }),
  outgoingServer: ZHost,
  outgoingPort: ZPort,
  outgoingSecurity: z.enum(MAIL_SECURITY, { error: "security_required" }),
  outgoingAuth: z.boolean(),
});

export type MailAppSettings = z.infer<typeof ZMailAppSettings>;

export const FIELD_KEYS = [
  "incomingType",
  "incomingServer",
  "incomingPort",
  "incomingSecurity",
  "username",
  "outgoingServer",
  "outgoingPort",
  "outgoingSecurity",
  "outgoingAuth",
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** Every verdict a field can get; pages keep a text for each (they are stable). */
export const FIELD_CODES = [
  "ok",
  /** POP3 works, but only IMAP keeps several devices in step. */
  "pop3_works",
  "legacy_hostname",
  "wrong_protocol_server",
  "typo_server",
  "not_provider_server",
  "swapped_port",
  "known_wrong_port",
  "plain_port",
  "smtp_port_25",
  "smtp_port_465",
  "wrong_port",
  "starttls_not_ssl",
  "no_encryption",
  "wrong_security",
  "username_missing_domain",
  "username_has_domain",
  "username_malformed",
  "username_other_domain",
  "username_other_mailbox",
  "outgoing_auth_off",
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export const GENERAL_CODES = [
  "mailbox_active",
  "mailbox_locked",
  "mailbox_lock_soon",
  "mailbox_not_checked",
  "check_connection",
  "update_app",
] as const;
export type GeneralCode = (typeof GENERAL_CODES)[number];

export type FieldStatus = "ok" | "problem" | "warning";
export type GeneralStatus = FieldStatus | "info";

export interface FieldDiagnosis {
  field: FieldKey;
  status: FieldStatus;
  code: FieldCode;
  /** What the field should hold (security as SSL / STARTTLS / NONE). */
  expected?: string | number;
  given?: string | number;
  /** For a server or port that belongs to another protocol: which one. */
  belongsTo?: ProtocolName;
}

export interface GeneralCheck {
  code: GeneralCode;
  status: GeneralStatus;
  /** mailbox_locked: when it was locked; mailbox_lock_soon: when it will be. */
  date?: Date;
  /** mailbox_locked: the idle days that lock a mailbox; mailbox_lock_soon: days left. */
  days?: number;
}

export interface MailDiagnosis {
  fields: FieldDiagnosis[];
  general: GeneralCheck[];
}

export interface MailboxState {
  address: string;
  status: "ACTIVE" | "LOCKED";
  lastLoginAt: Date | null;
  lockedAt: Date | null;
  /** The idle clock of a mailbox nobody has signed in to yet starts here (as the lock job counts). */
  createdAt?: Date;
}

/** Warn this many days before an unused mailbox locks: time enough to sign in once. */
export const LOCK_WARNING_DAYS = 14;

const DAY_MS = 86_400_000;

const PROTOCOL_NAME: Record<Protocol, ProtocolName> = { imap: "IMAP", pop3: "POP3", smtp: "SMTP" };

/**
 * The IANA ports of each protocol: implicit TLS (RFC 8314 §3.1–3.3: POP3 995, IMAP 993,
 * submission 465) and cleartext-or-STARTTLS (IMAP 143, POP3 110, submission 587 per RFC 6409
 * §3.1, relay 25). Facts about the protocols, not the provider: the profile says which it uses.
 */
const STANDARD_PORTS: Record<Protocol, { tls: number; plain: number }> = {
  imap: { tls: 993, plain: 143 },
  pop3: { tls: 995, plain: 110 },
  smtp: { tls: 465, plain: 587 },
};

const SMTP_RELAY_PORT = 25;

function securityOf(socket: EmailProfile["incoming"]["imap"]["socket"]): MailSecurity {
  return socket === "plain" ? "NONE" : socket;
}

function serverFor(profile: EmailProfile, protocol: Protocol) {
  return protocol === "smtp" ? profile.outgoing.smtp : profile.incoming[protocol];
}

/** Levenshtein distance, capped: anything beyond `cap` is as far as it gets. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return cap + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** A typed host this close to one of the provider's (a letter off, .com for .net) is a typo. */
const TYPO_DISTANCE = 3;

function diagnoseServer(
  profile: EmailProfile,
  field: "incomingServer" | "outgoingServer",
  protocol: Protocol,
  given: string,
): FieldDiagnosis {
  const expected = serverFor(profile, protocol).hostname.toLowerCase();
  const base = { field, expected, given };
  if (given === expected) return { field, status: "ok", code: "ok" };
  const legacy = profile.legacyHostnames.filter((entry) => entry.hostname.toLowerCase() === given);
  if (legacy.some((entry) => entry.protocol === protocol)) {
    return { ...base, status: "problem", code: "legacy_hostname" };
  }
  const current = (["imap", "pop3", "smtp"] as const).filter(
    (other) => other !== protocol && serverFor(profile, other).hostname.toLowerCase() === given,
  );
  const other = legacy[0]?.protocol ?? current[0];
  if (other) return { ...base, status: "problem", code: "wrong_protocol_server", belongsTo: PROTOCOL_NAME[other] };
  const known = [
    ...(["imap", "pop3", "smtp"] as const).map((p) => serverFor(profile, p).hostname.toLowerCase()),
    ...profile.legacyHostnames.map((entry) => entry.hostname.toLowerCase()),
  ];
  if (known.some((host) => distance(given, host, TYPO_DISTANCE) <= TYPO_DISTANCE)) {
    return { ...base, status: "problem", code: "typo_server" };
  }
  return { ...base, status: "problem", code: "not_provider_server" };
}

function diagnosePort(
  profile: EmailProfile,
  field: "incomingPort" | "outgoingPort",
  protocol: Protocol,
  given: number,
): FieldDiagnosis {
  const expected = serverFor(profile, protocol).port;
  const base = { field, expected, given };
  if (given === expected) return { field, status: "ok", code: "ok" };
  if (protocol === "smtp") {
    // Residential networks block outbound 25 so infected computers can't send spam (M3AAWG,
    // "Managing Port 25"); mail apps submit on 587 or 465 instead (RFC 6409 §3.1, RFC 8314 §3.3).
    if (given === SMTP_RELAY_PORT) return { ...base, status: "problem", code: "smtp_port_25" };
    if (given === STANDARD_PORTS.smtp.tls) return { ...base, status: "problem", code: "smtp_port_465" };
  }
  // The mistakes the profile knows from old guides come first: they get the "an old guide said so" answer.
  if (profile.knownWrongPorts.some((entry) => entry.protocol === protocol && entry.port === given)) {
    return { ...base, status: "problem", code: "known_wrong_port" };
  }
  // A port of another of the provider's protocols (IMAP on the POP3 port, SMTP on an incoming one).
  const owner = (["imap", "pop3", "smtp"] as const).find(
    (other) => other !== protocol && serverFor(profile, other).port === given,
  );
  if (owner) return { ...base, status: "problem", code: "swapped_port", belongsTo: PROTOCOL_NAME[owner] };
  if (protocol !== "smtp" && given === STANDARD_PORTS[protocol].plain) {
    return { ...base, status: "problem", code: "plain_port" };
  }
  const standard = (["imap", "pop3"] as const).find(
    (other) => other !== protocol && (STANDARD_PORTS[other].tls === given || STANDARD_PORTS[other].plain === given),
  );
  if (standard) return { ...base, status: "problem", code: "swapped_port", belongsTo: PROTOCOL_NAME[standard] };
  return { ...base, status: "problem", code: "wrong_port" };
}

function diagnoseSecurity(
  profile: EmailProfile,
  field: "incomingSecurity" | "outgoingSecurity",
  protocol: Protocol,
  given: MailSecurity,
): FieldDiagnosis {
  const expected = securityOf(serverFor(profile, protocol).socket);
  const base = { field, expected, given };
  if (given === expected) return { field, status: "ok", code: "ok" };
  // RFC 8314 §4.1 deprecates cleartext access and submission: without TLS the password travels readable.
  if (given === "NONE") return { ...base, status: "problem", code: "no_encryption" };
  // Implicit TLS expects the handshake first; a STARTTLS client waits for a greeting that never comes.
  if (given === "STARTTLS" && expected === "SSL") return { ...base, status: "problem", code: "starttls_not_ssl" };
  return { ...base, status: "problem", code: "wrong_security" };
}

function diagnoseUsername(profile: EmailProfile, given: string, mailbox: MailboxState | null): FieldDiagnosis {
  const field = "username" as const;
  const typed = given.trim().toLowerCase();
  const address = mailbox?.address.toLowerCase() ?? null;
  const domains = profile.domains.map((domain) => domain.toLowerCase());
  const at = typed.lastIndexOf("@");
  const local = at === -1 ? typed : typed.slice(0, at);
  const domain = at === -1 ? "" : typed.slice(at + 1);
  const mailboxLocal = address ? address.slice(0, address.lastIndexOf("@")) : null;
  const wantsAddress = profile.incoming.imap.username === "EMAIL_ADDRESS";

  if (!wantsAddress) {
    const expected = mailboxLocal ?? local;
    if (at !== -1) return { field, status: "problem", code: "username_has_domain", expected, given };
    if (mailboxLocal && local !== mailboxLocal) {
      return { field, status: "warning", code: "username_other_mailbox", expected: mailboxLocal, given };
    }
    return { field, status: "ok", code: "ok" };
  }

  const withExpected = address ? { expected: address } : {};
  if (at === -1 || domain === "") {
    return { field, status: "problem", code: "username_missing_domain", given, ...withExpected };
  }
  if (local === "" || /[\s@]/.test(local) || /[\s@]/.test(domain) || !domain.includes(".")) {
    return { field, status: "problem", code: "username_malformed", given, ...withExpected };
  }
  if (!domains.includes(domain)) {
    return { field, status: "problem", code: "username_other_domain", given, ...withExpected };
  }
  if (address && typed !== address) {
    return { field, status: "warning", code: "username_other_mailbox", given, expected: address };
  }
  return { field, status: "ok", code: "ok" };
}

function mailboxCheck(profile: EmailProfile, mailbox: MailboxState | null, now: Date): GeneralCheck {
  const idleDays = profile.limits.idleLockDays;
  if (!mailbox) return { code: "mailbox_not_checked", status: "warning" };
  if (mailbox.status === "LOCKED") {
    return {
      code: "mailbox_locked",
      status: "problem",
      days: idleDays,
      ...(mailbox.lockedAt ? { date: mailbox.lockedAt } : {}),
    };
  }
  const idleSince = mailbox.lastLoginAt ?? mailbox.createdAt ?? null;
  if (!idleSince) return { code: "mailbox_active", status: "ok" };
  const locksAt = new Date(idleSince.getTime() + idleDays * DAY_MS);
  const warnFrom = idleSince.getTime() + Math.max(0, idleDays - LOCK_WARNING_DAYS) * DAY_MS;
  if (now.getTime() < warnFrom) return { code: "mailbox_active", status: "ok" };
  const days = Math.max(0, Math.ceil((locksAt.getTime() - now.getTime()) / DAY_MS));
  return { code: "mailbox_lock_soon", status: "warning", date: locksAt, days };
}

/**
 * A verdict for every field of a mail app's settings, in form order, and the general checks
 * (mailbox state, then the connection and app reminders support always starts with).
 */
export function diagnoseMailSettings(
  profile: EmailProfile,
  input: MailAppSettings,
  mailbox?: MailboxState | null,
  now: Date = new Date(),
): MailDiagnosis {
  const incoming: Protocol = input.incomingType === "IMAP" ? "imap" : "pop3";
  const box = mailbox ?? null;
  const fields: FieldDiagnosis[] = [
    input.incomingType === "IMAP"
      ? { field: "incomingType", status: "ok", code: "ok" }
      : { field: "incomingType", status: "ok", code: "pop3_works", expected: "IMAP", given: "POP3" },
    diagnoseServer(profile, "incomingServer", incoming, input.incomingServer),
    diagnosePort(profile, "incomingPort", incoming, input.incomingPort),
    diagnoseSecurity(profile, "incomingSecurity", incoming, input.incomingSecurity),
    diagnoseUsername(profile, input.username, box),
    diagnoseServer(profile, "outgoingServer", "smtp", input.outgoingServer),
    diagnosePort(profile, "outgoingPort", "smtp", input.outgoingPort),
    diagnoseSecurity(profile, "outgoingSecurity", "smtp", input.outgoingSecurity),
    input.outgoingAuth
      ? { field: "outgoingAuth", status: "ok", code: "ok" }
      : // Submission needs authentication (RFC 6409 §4.3); unauthenticated relaying is refused.
        { field: "outgoingAuth", status: "problem", code: "outgoing_auth_off", expected: "on", given: "off" },
  ];
  return {
    fields,
    general: [
      mailboxCheck(profile, box, now),
      { code: "check_connection", status: "info" },
      { code: "update_app", status: "info" },
    ],
  };
}

/** The worst status among the fields: what the page's summary says. */
export function overallStatus(diagnosis: MailDiagnosis): FieldStatus {
  const statuses = [...diagnosis.fields.map((f) => f.status), ...diagnosis.general.map((g) => g.status)];
  if (statuses.includes("problem")) return "problem";
  if (statuses.includes("warning")) return "warning";
  return "ok";
}
