import { createHash } from "node:crypto";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ProviderProfile } from "../provider/profile.ts";

/**
 * What mail clients fetch to set an account up by themselves: Thunderbird's autoconfig file, Outlook's
 * POX autodiscover answer and an Apple configuration profile. Pure builders over the provider
 * profile's email section, so a provider that moves its servers changes one profile, not three formats.
 *
 * Every value that reaches the XML (the profile's too: it is a deployer's JSON file) goes through
 * `escapeXml`, so an address or a display name can never open an element of its own.
 */

export type EmailProfile = ProviderProfile["email"];
type MailServer = EmailProfile["incoming"]["imap"];

export type ConfigAddressProblem = "missing" | "syntax" | "too_long" | "domain";

export type EmailConfigErrorCode = ConfigAddressProblem | "unsupported_authentication";

export class EmailConfigError extends Error {
  readonly code: EmailConfigErrorCode;
  constructor(code: EmailConfigErrorCode, message: string) {
    super(message);
    this.name = "EmailConfigError";
    this.code = code;
  }
}

export interface ConfigAddress {
  /** The whole address, lower case (the platform stores addresses that way). */
  address: string;
  localPart: string;
  domain: string;
}

// RFC 5321 §4.5.3.1.1 / §4.5.3.1.3: a local part of at most 64 octets, a path of at most 256, which
// leaves 254 for the address between the angle brackets.
const MAX_LOCAL_PART = 64;
const MAX_ADDRESS = 254;
// RFC 5322 §3.2.3 dot-atom: atext runs separated by single dots. Quoted local parts are left out on
// purpose: the platform never hands them out, and no mail client needs one to be configured.
const DOT_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** An address the profile's servers host, or why it is not one. */
export function checkConfigAddress(
  profile: EmailProfile,
  value: string | null | undefined,
): ({ ok: true } & ConfigAddress) | { ok: false; problem: ConfigAddressProblem } {
  const text = (value ?? "").trim().toLowerCase();
  if (text.length === 0) return { ok: false, problem: "missing" };
  if (text.length > MAX_ADDRESS) return { ok: false, problem: "too_long" };
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return { ok: false, problem: "syntax" };
  const localPart = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (localPart.length > MAX_LOCAL_PART) return { ok: false, problem: "too_long" };
  if (!DOT_ATOM.test(localPart)) return { ok: false, problem: "syntax" };
  if (!profile.domains.includes(domain)) return { ok: false, problem: "domain" };
  return { ok: true, address: text, localPart, domain };
}

function requireAddress(profile: EmailProfile, value: string): ConfigAddress {
  const checked = checkConfigAddress(profile, value);
  if (!checked.ok) {
    throw new EmailConfigError(checked.problem, `not an address at ${profile.domains.join(", ")} (${checked.problem})`);
  }
  return { address: checked.address, localPart: checked.localPart, domain: checked.domain };
}

// XML 1.0 §2.2 Char: C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF are not
// allowed even as character references, so escaping cannot save them; they are dropped.
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Text safe in XML content and in attribute values of either quote. */
export function escapeXml(value: string | number): string {
  // Iterating a string walks code points, so a surrogate pair arrives whole and a lone half alone.
  return Array.from(String(value))
    .filter((char) => isXmlChar(char.codePointAt(0) ?? 0))
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

// ---------------------------------------------------------------------------------------------
// Thunderbird autoconfig (wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat)
// ---------------------------------------------------------------------------------------------

const THUNDERBIRD_USERNAME: Record<MailServer["username"], string> = {
  EMAIL_ADDRESS: "%EMAILADDRESS%",
  LOCAL_PART: "%EMAILLOCALPART%",
};

function thunderbirdServer(element: "incomingServer" | "outgoingServer", type: string, server: MailServer): string {
  return [
    `    <${element} type="${escapeXml(type)}">`,
    `      <hostname>${escapeXml(server.hostname)}</hostname>`,
    `      <port>${escapeXml(server.port)}</port>`,
    `      <socketType>${escapeXml(server.socket)}</socketType>`,
    `      <username>${THUNDERBIRD_USERNAME[server.username]}</username>`,
    `      <authentication>${escapeXml(server.authentication)}</authentication>`,
    `    </${element}>`,
  ].join("\n");
}

/**
 * The `config-v1.1.xml` file. The username stays a placeholder (%EMAILADDRESS% / %EMAILLOCALPART%)
 * that the client fills in, so the same file serves every subscriber and caches well. An
 * `emailAddress` (Thunderbird sends `?emailaddress=`) is checked, not used: an address at a domain
 * the profile does not host gets an EmailConfigError instead of settings that would not work.
 */
export function thunderbirdAutoconfig(profile: EmailProfile, emailAddress?: string | null): string {
  if (emailAddress !== undefined && emailAddress !== null) requireAddress(profile, emailAddress);
  const [firstDomain] = profile.domains;
  return [
    XML_DECLARATION,
    '<clientConfig version="1.1">',
    `  <emailProvider id="${escapeXml(firstDomain ?? "")}">`,
    ...profile.domains.map((domain) => `    <domain>${escapeXml(domain)}</domain>`),
    `    <displayName>${escapeXml(profile.displayName)}</displayName>`,
    `    <displayShortName>${escapeXml(profile.displayShortName)}</displayShortName>`,
    // IMAP first: clients offer the first incoming server, and IMAP is the one the portal recommends.
    thunderbirdServer("incomingServer", "imap", profile.incoming.imap),
    thunderbirdServer("incomingServer", "pop3", profile.incoming.pop3),
    thunderbirdServer("outgoingServer", "smtp", profile.outgoing.smtp),
    "  </emailProvider>",
    "</clientConfig>",
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// Outlook POX autodiscover ([MS-OXDSCLI])
// ---------------------------------------------------------------------------------------------

export const AUTODISCOVER_REQUEST_SCHEMA =
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
export const AUTODISCOVER_RESPONSE_SCHEMA =
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
const AUTODISCOVER_OUTER_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

/** Larger requests are refused unread: a real one is a few hundred bytes. */
export const AUTODISCOVER_MAX_REQUEST_BYTES = 16 * 1024;

export type AutodiscoverError = "invalid_request" | "unsupported_schema" | "invalid_address" | "unknown_address";

export interface AutodiscoverResult {
  /** The response document, an `<Error>` one when `error` is set. */
  xml: string;
  error: AutodiscoverError | null;
}

// [MS-OXDSCLI] §2.2.4.1.1.3.1 ErrorCode: 500 the address is not known here, 600 the request is not
// well formed, 601 no configuration of the requested schema.
const POX_ERROR: Record<AutodiscoverError, { code: number; message: string }> = {
  invalid_request: { code: 600, message: "Invalid Request" },
  unsupported_schema: { code: 601, message: "Only the Outlook 2006a response schema is offered" },
  invalid_address: { code: 600, message: "The email address is not valid" },
  unknown_address: { code: 500, message: "The email address is not hosted here" },
};

const FORBIDDEN_MARKUP = /<!\s*(?:DOCTYPE|ENTITY)/i;

const requestParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseAttributeValue: false,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // Numeric references (&#39;) decode too; with DOCTYPE refused there is nothing else to expand.
  htmlEntities: true,
});

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (isNode(value) && typeof value["#text"] === "string") return value["#text"];
  return null;
}

type ParsedRequest = { ok: true; emailAddress: string } | { ok: false; error: AutodiscoverError };

/**
 * A well-formed XML document without a DOCTYPE, parsed (namespace prefixes dropped, attributes
 * as `@_name`, text kept as strings); null for anything else. Reads autodiscover requests, and lets
 * tests read what the builders above produce.
 */
export function parseMailXml(xml: string): Record<string, unknown> | null {
  // No DTD processing at all: a DOCTYPE is how entity-expansion and external-entity attacks start,
  // and no Outlook request carries one.
  if (FORBIDDEN_MARKUP.test(xml)) return null;
  const text = xml.replace(/^\uFEFF/, "");
  if (XMLValidator.validate(text) !== true) return null;
  let doc: unknown;
  try {
    doc = requestParser.parse(text);
  } catch {
    // The parser refuses documents the validator lets through, such as elements nested deeper than
    // its limit; no real request is shaped like that.
    return null;
  }
  return isNode(doc) ? doc : null;
}

function readAutodiscoverRequest(requestXml: string): ParsedRequest {
  if (Buffer.byteLength(requestXml, "utf8") > AUTODISCOVER_MAX_REQUEST_BYTES) {
    return { ok: false, error: "invalid_request" };
  }
  const doc = parseMailXml(requestXml);
  const request = doc && isNode(doc.Autodiscover) ? doc.Autodiscover.Request : undefined;
  if (!isNode(request)) return { ok: false, error: "invalid_request" };
  const schema = textOf(request.AcceptableResponseSchema)?.trim();
  if (schema !== AUTODISCOVER_RESPONSE_SCHEMA) return { ok: false, error: "unsupported_schema" };
  const emailAddress = textOf(request.EMailAddress);
  if (emailAddress === null) return { ok: false, error: "invalid_request" };
  return { ok: true, emailAddress };
}

function poxError(profile: EmailProfile, error: AutodiscoverError, now: Date): AutodiscoverResult {
  const { code, message } = POX_ERROR[error];
  // Exchange puts a hash of the answering server's name in Id; the first domain stands in for it.
  const id = createHash("sha1")
    .update(profile.domains[0] ?? "")
    .digest()
    .readUInt32BE(0);
  const time = `${now.toISOString().slice(11, 23)}0000`;
  const xml = [
    XML_DECLARATION,
    `<Autodiscover xmlns="${AUTODISCOVER_OUTER_SCHEMA}">`,
    "  <Response>",
    `    <Error Time="${escapeXml(time)}" Id="${id}">`,
    `      <ErrorCode>${code}</ErrorCode>`,
    `      <Message>${escapeXml(message)}</Message>`,
    "      <DebugData />",
    "    </Error>",
    "  </Response>",
    "</Autodiscover>",
    "",
  ].join("\n");
  return { xml, error };
}

// Outlook reads Encryption over SSL when both are present: "SSL" is TLS from the first byte, "TLS"
// is STARTTLS after a plain greeting.
const POX_ENCRYPTION: Record<MailServer["socket"], string> = { SSL: "SSL", STARTTLS: "TLS", plain: "None" };

function poxProtocol(type: "IMAP" | "POP3" | "SMTP", server: MailServer, address: ConfigAddress): string {
  const loginName = server.username === "EMAIL_ADDRESS" ? address.address : address.localPart;
  return [
    "      <Protocol>",
    `        <Type>${type}</Type>`,
    `        <Server>${escapeXml(server.hostname)}</Server>`,
    `        <Port>${escapeXml(server.port)}</Port>`,
    "        <DomainRequired>off</DomainRequired>",
    `        <LoginName>${escapeXml(loginName)}</LoginName>`,
    // An absent SPA means on ([MS-OXDSCLI] §2.2.4.1.1.2.22), which makes Outlook try NTLM.
    "        <SPA>off</SPA>",
    `        <SSL>${server.socket === "plain" ? "off" : "on"}</SSL>`,
    `        <Encryption>${POX_ENCRYPTION[server.socket]}</Encryption>`,
    "        <AuthRequired>on</AuthRequired>",
    // SMTP signs in with the incoming server's username and password.
    ...(type === "SMTP" ? ["        <UsePOPAuth>on</UsePOPAuth>"] : []),
    "      </Protocol>",
  ].join("\n");
}

/**
 * Answers an Outlook POX autodiscover request: settings for an address at one of the profile's
 * domains, otherwise an `<Error>` response and the reason, which the route turns into its status.
 */
export function outlookAutodiscover(profile: EmailProfile, requestXml: string, now = new Date()): AutodiscoverResult {
  const request = readAutodiscoverRequest(requestXml);
  if (!request.ok) return poxError(profile, request.error, now);
  const checked = checkConfigAddress(profile, request.emailAddress);
  if (!checked.ok) return poxError(profile, checked.problem === "domain" ? "unknown_address" : "invalid_address", now);
  const xml = [
    XML_DECLARATION,
    `<Autodiscover xmlns="${AUTODISCOVER_OUTER_SCHEMA}">`,
    `  <Response xmlns="${AUTODISCOVER_RESPONSE_SCHEMA}">`,
    "    <Account>",
    "      <AccountType>email</AccountType>",
    "      <Action>settings</Action>",
    poxProtocol("IMAP", profile.incoming.imap, checked),
    poxProtocol("POP3", profile.incoming.pop3, checked),
    poxProtocol("SMTP", profile.outgoing.smtp, checked),
    "    </Account>",
    "  </Response>",
    "</Autodiscover>",
    "",
  ].join("\n");
  return { xml, error: null };
}

// ---------------------------------------------------------------------------------------------
// Apple configuration profile (Device Management: Mail payload, com.apple.mail.managed)
// ---------------------------------------------------------------------------------------------

/** RFC 4122 §4.3 URL namespace; the names hashed in it are `mailto:` URLs. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/** A name-based UUID (RFC 4122 §4.3, version 5: SHA-1), lower case. */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error("the namespace is not a UUID");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface MobileconfigOptions {
  emailAddress: string;
  /** The sender name Mail puts on messages (the mailbox's display name). */
  displayName: string;
  /** IMAP unless asked otherwise: the portal recommends it. */
  protocol?: "imap" | "pop3";
  /** Reverse-DNS prefix of the payload identifiers; by default the first domain reversed + ".email". */
  identifier?: string;
  /** Payload UUIDs; by default derived from the address, so the same download is the same file. */
  uuids?: { profile: string; account: string };
  /** What the installer shows about the profile (English by default; the route passes the reader's language). */
  description?: string;
}

type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

function plistValue(value: PlistValue, indent: string): string[] {
  if (typeof value === "string") return [`${indent}<string>${escapeXml(value)}</string>`];
  if (typeof value === "number") return [`${indent}<integer>${Math.trunc(value)}</integer>`];
  if (typeof value === "boolean") return [`${indent}<${value}/>`];
  if (Array.isArray(value)) {
    return [`${indent}<array>`, ...value.flatMap((item) => plistValue(item, `${indent}  `)), `${indent}</array>`];
  }
  return [
    `${indent}<dict>`,
    ...Object.entries(value).flatMap(([key, item]) => [
      `${indent}  <key>${escapeXml(key)}</key>`,
      ...plistValue(item, `${indent}  `),
    ]),
    `${indent}</dict>`,
  ];
}

const APPLE_AUTHENTICATION: Record<MailServer["authentication"], string | null> = {
  "password-cleartext": "EmailAuthPassword",
  "password-encrypted": "EmailAuthCRAMMD5",
  // The Mail payload has no OAuth sign-in; a profile for such a server would not work.
  OAuth2: null,
};

function appleAuthentication(server: MailServer): string {
  const value = APPLE_AUTHENTICATION[server.authentication];
  if (!value) {
    throw new EmailConfigError(
      "unsupported_authentication",
      `a configuration profile cannot sign in with ${server.authentication}`,
    );
  }
  return value;
}

/**
 * A `.mobileconfig` plist that adds the mailbox to Mail on iPhone, iPad and Mac. It carries no
 * password: an unsigned, unencrypted profile is readable by anyone who gets the file, so Mail asks
 * for the password when the profile is installed.
 */
export function appleMobileconfig(profile: EmailProfile, options: MobileconfigOptions): string {
  const address = requireAddress(profile, options.emailAddress);
  const incoming = options.protocol === "pop3" ? profile.incoming.pop3 : profile.incoming.imap;
  const outgoing = profile.outgoing.smtp;
  const username = (server: MailServer) => (server.username === "EMAIL_ADDRESS" ? address.address : address.localPart);
  const uuids = options.uuids ?? {
    profile: uuidV5(`mailto:${address.address}#profile`).toUpperCase(),
    account: uuidV5(`mailto:${address.address}#mail`).toUpperCase(),
  };
  const base = options.identifier ?? `${(profile.domains[0] ?? address.domain).split(".").reverse().join(".")}.email`;
  const identifier = `${base}.${uuids.profile}`;
  const description =
    options.description ??
    `Adds ${address.address} to Mail. The profile holds no password: Mail asks for it once the profile is installed.`;

  const account: PlistValue = {
    EmailAccountDescription: profile.displayShortName,
    EmailAccountName: options.displayName,
    EmailAccountType: options.protocol === "pop3" ? "EmailTypePOP" : "EmailTypeIMAP",
    EmailAddress: address.address,
    IncomingMailServerAuthentication: appleAuthentication(incoming),
    IncomingMailServerHostName: incoming.hostname,
    IncomingMailServerPortNumber: incoming.port,
    IncomingMailServerUseSSL: incoming.socket !== "plain",
    IncomingMailServerUsername: username(incoming),
    OutgoingMailServerAuthentication: appleAuthentication(outgoing),
    OutgoingMailServerHostName: outgoing.hostname,
    OutgoingMailServerPortNumber: outgoing.port,
    OutgoingMailServerUseSSL: outgoing.socket !== "plain",
    OutgoingMailServerUsername: username(outgoing),
    OutgoingPasswordSameAsIncomingPassword: true,
    PayloadDescription: description,
    PayloadDisplayName: profile.displayName,
    PayloadIdentifier: `${identifier}.mail`,
    PayloadType: "com.apple.mail.managed",
    PayloadUUID: uuids.account,
    PayloadVersion: 1,
  };
  const configuration: PlistValue = {
    PayloadContent: [account],
    PayloadDescription: description,
    PayloadDisplayName: `${profile.displayName}: ${address.address}`,
    PayloadIdentifier: identifier,
    PayloadOrganization: profile.displayName,
    PayloadRemovalDisallowed: false,
    PayloadType: "Configuration",
    PayloadUUID: uuids.profile,
    PayloadVersion: 1,
  };
  return [
    XML_DECLARATION,
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistValue(configuration, ""),
    "</plist>",
    "",
  ].join("\n");
}
