import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { charterProfile } from "../provider/charter.ts";
import { ZProviderProfile } from "../provider/profile.ts";
import {
  appleMobileconfig,
  AUTODISCOVER_MAX_REQUEST_BYTES,
  AUTODISCOVER_RESPONSE_SCHEMA,
  checkConfigAddress,
  EmailConfigError,
  type EmailProfile,
  escapeXml,
  outlookAutodiscover,
  parseMailXml,
  thunderbirdAutoconfig,
  uuidV5,
} from "./autoconfig.ts";

const profile: EmailProfile = ZProviderProfile.parse(charterProfile).email;

/** A profile that exercises the other branches: local-part usernames, STARTTLS, no TLS at all. */
const otherProfile: EmailProfile = {
  ...profile,
  domains: ["example.org"],
  displayName: `Example <Mail> & "Co" 'Ltd'`,
  displayShortName: "Ex&mple",
  incoming: {
    imap: {
      ...profile.incoming.imap,
      hostname: "imap.example.org",
      port: 143,
      socket: "STARTTLS",
      username: "LOCAL_PART",
    },
    pop3: { ...profile.incoming.pop3, hostname: "pop.example.org", port: 110, socket: "plain", username: "LOCAL_PART" },
  },
  outgoing: {
    smtp: {
      ...profile.outgoing.smtp,
      hostname: "smtp.example.org",
      port: 25,
      socket: "STARTTLS",
      username: "LOCAL_PART",
      authentication: "password-encrypted",
    },
  },
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: false,
  parseTagValue: false,
  isArray: (name) => ["domain", "incomingServer", "outgoingServer", "Protocol"].includes(name),
});

type Node = Record<string, unknown>;

/** Well-formed (the validator says so) and parsed. */
function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Node;
}

const pox = (address: string, schema = AUTODISCOVER_RESPONSE_SCHEMA) =>
  `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${escapeXml(address)}</EMailAddress>
    <AcceptableResponseSchema>${schema}</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;

/** RFC 5322 atext allows ' & and +, so a real address can carry markup characters. */
const hostileButValid = "o'brien&co+x@charter.net";
const badAddresses = [
  { name: "another provider's domain", address: "maria@gmail.com", problem: "domain", pox: "unknown_address" },
  { name: "no @", address: "maria.charter.net", problem: "syntax", pox: "invalid_address" },
  { name: "300 characters", address: `${"a".repeat(288)}@charter.net`, problem: "too_long", pox: "invalid_address" },
  {
    name: "a 65-character local part",
    address: `${"a".repeat(65)}@charter.net`,
    problem: "too_long",
    pox: "invalid_address",
  },
  { name: "markup", address: "<script>alert(1)</script>@charter.net", problem: "syntax", pox: "invalid_address" },
  { name: "two dots in a row", address: "maria..rivera@charter.net", problem: "syntax", pox: "invalid_address" },
  {
    name: "a subdomain of a profile domain",
    address: "maria@mail.charter.net",
    problem: "domain",
    pox: "unknown_address",
  },
  { name: "empty", address: "   ", problem: "missing", pox: "invalid_address" },
] as const;

describe("checkConfigAddress", () => {
  it("accepts an address at any profile domain, lower-cased and trimmed", () => {
    expect(checkConfigAddress(profile, "  Maria.Rivera@Spectrum.NET ")).toEqual({
      ok: true,
      address: "maria.rivera@spectrum.net",
      localPart: "maria.rivera",
      domain: "spectrum.net",
    });
    expect(checkConfigAddress(profile, hostileButValid)).toMatchObject({ ok: true, address: hostileButValid });
  });

  it.each(badAddresses)("refuses $name", ({ address, problem }) => {
    expect(checkConfigAddress(profile, address)).toEqual({ ok: false, problem });
  });

  it("refuses a missing address", () => {
    expect(checkConfigAddress(profile, null)).toEqual({ ok: false, problem: "missing" });
  });
});

describe("escapeXml", () => {
  it("escapes the five markup characters and drops characters XML 1.0 forbids", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\u0007c\tline\nend\uFFFE")).toBe("abc\tline\nend");
    expect(escapeXml("lone \uD800 surrogate, pair \uD83D\uDE00")).toBe("lone  surrogate, pair \uD83D\uDE00");
  });
});

describe("thunderbirdAutoconfig", () => {
  it("describes the profile's servers in the clientConfig 1.1 format", () => {
    const doc = parse(thunderbirdAutoconfig(profile));
    const config = doc.clientConfig as Node;
    expect(config["@_version"]).toBe("1.1");
    const provider = config.emailProvider as Node;
    expect(provider["@_id"]).toBe("charter.net");
    expect(provider.domain).toEqual(["charter.net", "spectrum.net", "bresnan.net"]);
    expect(provider.displayName).toBe(profile.displayName);
    expect(provider.displayShortName).toBe(profile.displayShortName);
    const servers = [...(provider.incomingServer as Node[]), ...(provider.outgoingServer as Node[])];
    const expected = [
      ["imap", profile.incoming.imap],
      ["pop3", profile.incoming.pop3],
      ["smtp", profile.outgoing.smtp],
    ] as const;
    expect(servers).toHaveLength(3);
    expected.forEach(([type, server], i) => {
      expect(servers[i]).toEqual({
        "@_type": type,
        hostname: server.hostname,
        port: String(server.port),
        socketType: server.socket,
        username: "%EMAILADDRESS%",
        authentication: server.authentication,
      });
    });
  });

  it("uses the local-part placeholder and keeps hostile profile text well-formed", () => {
    const xml = thunderbirdAutoconfig(otherProfile);
    const provider = (parse(xml).clientConfig as Node).emailProvider as Node;
    expect(xml).toContain("<displayName>Example &lt;Mail&gt; &amp; &quot;Co&quot; &apos;Ltd&apos;</displayName>");
    expect(provider.displayName).toBe(otherProfile.displayName);
    expect(provider.displayShortName).toBe("Ex&mple");
    expect((provider.incomingServer as Node[]).map((s) => [s.username, s.socketType, s.port])).toEqual([
      ["%EMAILLOCALPART%", "STARTTLS", "143"],
      ["%EMAILLOCALPART%", "plain", "110"],
    ]);
  });

  it("gives the same file whether or not a valid address is passed", () => {
    expect(thunderbirdAutoconfig(profile, "maria.rivera@charter.net")).toBe(thunderbirdAutoconfig(profile));
    expect(thunderbirdAutoconfig(profile, null)).toBe(thunderbirdAutoconfig(profile));
  });

  it.each(badAddresses)("refuses $name", ({ address, problem }) => {
    expect(() => thunderbirdAutoconfig(profile, address)).toThrow(
      expect.objectContaining({ name: "EmailConfigError", code: problem }),
    );
  });
});

describe("outlookAutodiscover", () => {
  it("answers an address at a profile domain with IMAP, POP3 and SMTP settings", () => {
    const { xml, error } = outlookAutodiscover(profile, pox("Maria.Rivera@charter.net"));
    expect(error).toBeNull();
    const doc = parse(xml);
    const root = doc.Autodiscover as Node;
    expect(root["@_xmlns"]).toBe("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
    const response = root.Response as Node;
    expect(response["@_xmlns"]).toBe(AUTODISCOVER_RESPONSE_SCHEMA);
    const account = response.Account as Node;
    expect(account.AccountType).toBe("email");
    expect(account.Action).toBe("settings");
    const protocols = account.Protocol as Node[];
    const expected = [
      ["IMAP", profile.incoming.imap],
      ["POP3", profile.incoming.pop3],
      ["SMTP", profile.outgoing.smtp],
    ] as const;
    expect(protocols.map((p) => p.Type)).toEqual(["IMAP", "POP3", "SMTP"]);
    expected.forEach(([, server], i) => {
      expect(protocols[i]).toMatchObject({
        Server: server.hostname,
        Port: String(server.port),
        LoginName: "maria.rivera@charter.net",
        DomainRequired: "off",
        SPA: "off",
        SSL: "on",
        Encryption: "SSL",
        AuthRequired: "on",
      });
    });
    expect(protocols[2]?.UsePOPAuth).toBe("on");
  });

  it("maps STARTTLS and plain sockets and local-part logins", () => {
    const { xml, error } = outlookAutodiscover(otherProfile, pox("jo@example.org"));
    expect(error).toBeNull();
    const protocols = ((parse(xml).Autodiscover as Node).Response as Node).Account as Node;
    expect((protocols.Protocol as Node[]).map((p) => [p.Type, p.LoginName, p.SSL, p.Encryption])).toEqual([
      ["IMAP", "jo", "on", "TLS"],
      ["POP3", "jo", "off", "None"],
      ["SMTP", "jo", "on", "TLS"],
    ]);
  });

  it("escapes an address with markup characters in it", () => {
    const { xml, error } = outlookAutodiscover(profile, pox(hostileButValid));
    expect(error).toBeNull();
    const account = ((parse(xml).Autodiscover as Node).Response as Node).Account as Node;
    expect((account.Protocol as Node[]).map((p) => p.LoginName)).toEqual([
      hostileButValid,
      hostileButValid,
      hostileButValid,
    ]);
    expect(xml).toContain("<LoginName>o&apos;brien&amp;co+x@charter.net</LoginName>");
  });

  it("reads a request with namespace prefixes and a byte-order mark", () => {
    const request = `\uFEFF<a:Autodiscover xmlns:a="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><a:Request><a:EMailAddress>maria.rivera@bresnan.net</a:EMailAddress><a:AcceptableResponseSchema>${AUTODISCOVER_RESPONSE_SCHEMA}</a:AcceptableResponseSchema></a:Request></a:Autodiscover>`;
    expect(outlookAutodiscover(profile, request).error).toBeNull();
  });

  function expectError(result: { xml: string; error: string | null }, error: string, code: string) {
    expect(result.error).toBe(error);
    const root = parse(result.xml).Autodiscover as Node;
    const failure = (root.Response as Node).Error as Node;
    expect(failure.ErrorCode).toBe(code);
    expect(typeof failure.Message).toBe("string");
    expect(failure["@_Time"]).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{7}$/);
  }

  it.each(badAddresses)("answers $name with an error response", ({ address, pox: error }) => {
    const code = error === "unknown_address" ? "500" : "600";
    expectError(outlookAutodiscover(profile, pox(address)), error, code);
  });

  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Autodiscover><Request><EMailAddress>&lol2;@charter.net</EMailAddress><AcceptableResponseSchema>${AUTODISCOVER_RESPONSE_SCHEMA}</AcceptableResponseSchema></Request></Autodiscover>`;
  const externalEntity = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${pox("maria@charter.net").replace("maria@", "&xxe;")}`;

  it.each([
    { name: "a DOCTYPE with entities", request: billionLaughs, error: "invalid_request", code: "600" },
    { name: "an external entity", request: externalEntity, error: "invalid_request", code: "600" },
    {
      name: "an ENTITY without a DOCTYPE",
      request: `<!ENTITY x "y">${pox("a@charter.net")}`,
      error: "invalid_request",
      code: "600",
    },
    {
      name: "a body that is not XML",
      request: "EMailAddress=maria@charter.net",
      error: "invalid_request",
      code: "600",
    },
    {
      name: "a document cut short",
      request: pox("maria@charter.net").slice(0, 150),
      error: "invalid_request",
      code: "600",
    },
    {
      name: "another root element",
      request: "<Request><EMailAddress>maria@charter.net</EMailAddress></Request>",
      error: "invalid_request",
      code: "600",
    },
    {
      name: "no EMailAddress",
      request: pox("x@charter.net").replace(/<EMailAddress>.*<\/EMailAddress>/, ""),
      error: "invalid_request",
      code: "600",
    },
    {
      name: "the ActiveSync schema",
      request: pox(
        "maria@charter.net",
        "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006",
      ),
      error: "unsupported_schema",
      code: "601",
    },
    {
      name: `more than ${AUTODISCOVER_MAX_REQUEST_BYTES} bytes`,
      request: pox("maria@charter.net").replace(
        "<Request>",
        `<Request><!--${"x".repeat(AUTODISCOVER_MAX_REQUEST_BYTES)}-->`,
      ),
      error: "invalid_request",
      code: "600",
    },
  ])("refuses $name", ({ request, error, code }) => {
    expectError(outlookAutodiscover(profile, request), error, code);
  });

  it("stamps the error with the given time", () => {
    const { xml } = outlookAutodiscover(profile, "nope", new Date("2026-03-01T14:05:09.123Z"));
    expect(xml).toContain('Time="14:05:09.1230000"');
  });
});

/** A plist value as JS, dict keys in document order (so the order can be checked too). */
function plistValue(node: Node): unknown {
  const [tag] = Object.keys(node).filter((k) => k !== ":@");
  const children = (node[tag as string] ?? []) as Node[];
  const text = () => children.map((c) => String(c["#text"] ?? "")).join("");
  // Indentation between elements is text too; inside a dict or an array it carries nothing.
  const elements = children.filter((c) => !("#text" in c));
  switch (tag) {
    case "string":
      return text();
    case "integer":
      return Number(text());
    case "true":
      return true;
    case "false":
      return false;
    case "array":
      return elements.map(plistValue);
    case "dict": {
      const entries: [string, unknown][] = [];
      for (let i = 0; i < elements.length; i += 2) {
        const key = elements[i] as Node;
        expect(Object.keys(key)[0]).toBe("key");
        entries.push([plistValue({ string: key.key }) as string, plistValue(elements[i + 1] as Node)]);
      }
      return Object.fromEntries(entries);
    }
    default:
      throw new Error(`unexpected plist element ${String(tag)}`);
  }
}

function readPlist(xml: string): Record<string, unknown> {
  expect(xml).toContain('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"');
  expect(XMLValidator.validate(xml)).toBe(true);
  const ordered = new XMLParser({ preserveOrder: true, parseTagValue: false, trimValues: false }).parse(xml) as Node[];
  const plist = ordered.find((n) => "plist" in n) as Node;
  const [root] = (plist.plist as Node[]).filter((n) => !("#text" in n));
  return plistValue(root as Node) as Record<string, unknown>;
}

describe("appleMobileconfig", () => {
  const options = { emailAddress: "Maria.Rivera@charter.net", displayName: "Maria Rivera" };

  it("builds a Configuration profile with one com.apple.mail.managed payload, keys in order", () => {
    const config = readPlist(appleMobileconfig(profile, options));
    expect(Object.keys(config)).toEqual([
      "PayloadContent",
      "PayloadDescription",
      "PayloadDisplayName",
      "PayloadIdentifier",
      "PayloadOrganization",
      "PayloadRemovalDisallowed",
      "PayloadType",
      "PayloadUUID",
      "PayloadVersion",
    ]);
    expect(config).toMatchObject({ PayloadType: "Configuration", PayloadVersion: 1, PayloadRemovalDisallowed: false });
    const payloads = config.PayloadContent as Record<string, unknown>[];
    expect(payloads).toHaveLength(1);
    const mail = payloads[0] as Record<string, unknown>;
    expect(Object.entries(mail).filter(([key]) => !key.startsWith("Payload"))).toEqual([
      ["EmailAccountDescription", profile.displayShortName],
      ["EmailAccountName", "Maria Rivera"],
      ["EmailAccountType", "EmailTypeIMAP"],
      ["EmailAddress", "maria.rivera@charter.net"],
      ["IncomingMailServerAuthentication", "EmailAuthPassword"],
      ["IncomingMailServerHostName", profile.incoming.imap.hostname],
      ["IncomingMailServerPortNumber", profile.incoming.imap.port],
      ["IncomingMailServerUseSSL", true],
      ["IncomingMailServerUsername", "maria.rivera@charter.net"],
      ["OutgoingMailServerAuthentication", "EmailAuthPassword"],
      ["OutgoingMailServerHostName", profile.outgoing.smtp.hostname],
      ["OutgoingMailServerPortNumber", profile.outgoing.smtp.port],
      ["OutgoingMailServerUseSSL", true],
      ["OutgoingMailServerUsername", "maria.rivera@charter.net"],
      ["OutgoingPasswordSameAsIncomingPassword", true],
    ]);
    expect(mail).toMatchObject({
      PayloadType: "com.apple.mail.managed",
      PayloadVersion: 1,
      PayloadIdentifier: `${String(config.PayloadIdentifier)}.mail`,
    });
    expect(config.PayloadIdentifier).toMatch(/^net\.charter\.email\.[0-9A-F-]{36}$/);
    expect(mail.PayloadUUID).not.toBe(config.PayloadUUID);
    for (const uuid of [mail.PayloadUUID, config.PayloadUUID]) {
      expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    }
  });

  it("never carries a password", () => {
    const xml = appleMobileconfig(profile, options);
    expect(xml).not.toMatch(/Password<\/key>\s*<string>/);
    expect(
      Object.keys((readPlist(xml).PayloadContent as Node[])[0] as Node).filter((k) => /password/i.test(k)),
    ).toEqual(["OutgoingPasswordSameAsIncomingPassword"]);
  });

  it("is the same file for the same address and a different one for another", () => {
    expect(appleMobileconfig(profile, options)).toBe(appleMobileconfig(profile, { ...options }));
    const other = readPlist(appleMobileconfig(profile, { ...options, emailAddress: "alex.rivera@charter.net" }));
    expect(other.PayloadUUID).not.toBe(readPlist(appleMobileconfig(profile, options)).PayloadUUID);
  });

  it("takes UUIDs, an identifier, a description and POP3 when given", () => {
    const config = readPlist(
      appleMobileconfig(otherProfile, {
        emailAddress: "jo@example.org",
        displayName: "Jo",
        protocol: "pop3",
        identifier: "org.example.mail",
        uuids: { profile: "11111111-1111-4111-8111-111111111111", account: "22222222-2222-4222-8222-222222222222" },
        description: "Añade jo@example.org a Mail.",
      }),
    );
    const mail = (config.PayloadContent as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(config).toMatchObject({
      PayloadUUID: "11111111-1111-4111-8111-111111111111",
      PayloadIdentifier: "org.example.mail.11111111-1111-4111-8111-111111111111",
      PayloadDescription: "Añade jo@example.org a Mail.",
      PayloadOrganization: otherProfile.displayName,
    });
    expect(mail).toMatchObject({
      PayloadUUID: "22222222-2222-4222-8222-222222222222",
      EmailAccountType: "EmailTypePOP",
      EmailAccountDescription: "Ex&mple",
      IncomingMailServerHostName: "pop.example.org",
      IncomingMailServerPortNumber: 110,
      IncomingMailServerUseSSL: false,
      IncomingMailServerUsername: "jo",
      OutgoingMailServerAuthentication: "EmailAuthCRAMMD5",
      OutgoingMailServerUseSSL: true,
    });
  });

  it("keeps hostile names and addresses well-formed", () => {
    const displayName = `</string><key>IncomingPassword</key><string>x</string>\u0000 & "Rivera" 'R'`;
    const xml = appleMobileconfig(profile, { emailAddress: hostileButValid, displayName });
    expect(xml).toContain("<string>&lt;/string&gt;&lt;key&gt;IncomingPassword&lt;/key&gt;");
    const config = readPlist(xml);
    const mail = (config.PayloadContent as Record<string, unknown>[])[0] as Record<string, unknown>;
    // The NUL is gone (XML 1.0 cannot carry it); everything else comes back as it went in.
    expect(mail.EmailAccountName).toBe(`</string><key>IncomingPassword</key><string>x</string> & "Rivera" 'R'`);
    expect(mail).not.toHaveProperty("IncomingPassword");
    expect(mail.EmailAddress).toBe(hostileButValid);
    expect(mail.IncomingMailServerUsername).toBe(hostileButValid);
  });

  it.each(badAddresses)("refuses $name", ({ address, problem }) => {
    expect(() => appleMobileconfig(profile, { emailAddress: address, displayName: "x" })).toThrow(EmailConfigError);
    expect(() => appleMobileconfig(profile, { emailAddress: address, displayName: "x" })).toThrow(
      expect.objectContaining({ code: problem }),
    );
  });

  it("refuses a server that signs in with OAuth2, which the Mail payload cannot do", () => {
    const oauth = {
      ...profile,
      incoming: { ...profile.incoming, imap: { ...profile.incoming.imap, authentication: "OAuth2" as const } },
    };
    expect(() => appleMobileconfig(oauth, options)).toThrow(
      expect.objectContaining({ code: "unsupported_authentication" }),
    );
  });
});

describe("uuidV5", () => {
  it("matches the RFC 4122 name-based algorithm", () => {
    // The widely published vector: "www.example.com" in the DNS namespace.
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

describe("parseMailXml", () => {
  it("parses plain documents and refuses DOCTYPEs and malformed input", () => {
    expect(parseMailXml("<a><b>1</b></a>")).toEqual({ a: { b: "1" } });
    expect(parseMailXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toBeNull();
    expect(parseMailXml("<a><b></a>")).toBeNull();
    // Well formed, but nested deeper than the parser will go: refused, not thrown.
    expect(parseMailXml(`${"<a>".repeat(500)}${"</a>".repeat(500)}`)).toBeNull();
  });
});
