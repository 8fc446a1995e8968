import { parseMailXml } from "@homeport/core/email/autoconfig";
import { providerProfile } from "@homeport/core/provider/profile";
import { describe, expect, it } from "vitest";
import { GET as wellKnownGET } from "../../.well-known/autoconfig/mail/config-v1.1.xml/route.ts";
import { GET } from "./route.ts";

type Node = Record<string, unknown>;
const { email } = providerProfile();

const get = (handler: typeof GET, query = "") =>
  handler(new Request(`http://autoconfig.charter.net/mail/config-v1.1.xml${query}`));

describe("GET /mail/config-v1.1.xml and /.well-known/autoconfig/mail/config-v1.1.xml", () => {
  it.each([
    ["/mail", GET],
    ["/.well-known", wellKnownGET],
  ] as const)("%s answers the profile's servers as cacheable XML", async (_path, handler) => {
    for (const query of ["", "?emailaddress=maria.rivera%40charter.net", "?emailaddress="]) {
      const response = await get(handler, query);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
      const doc = parseMailXml(await response.text());
      const config = doc?.clientConfig as Node;
      expect(config["@_version"]).toBe("1.1");
      const provider = config.emailProvider as Node;
      expect(provider["@_id"]).toBe(email.domains[0]);
      expect(provider.domain).toEqual(email.domains);
      const incoming = provider.incomingServer as Node[];
      expect(incoming.map((s) => [s["@_type"], s.hostname, s.port, s.socketType])).toEqual([
        ["imap", email.incoming.imap.hostname, String(email.incoming.imap.port), email.incoming.imap.socket],
        ["pop3", email.incoming.pop3.hostname, String(email.incoming.pop3.port), email.incoming.pop3.socket],
      ]);
      expect(provider.outgoingServer).toMatchObject({
        "@_type": "smtp",
        hostname: email.outgoing.smtp.hostname,
        port: String(email.outgoing.smtp.port),
        username: "%EMAILADDRESS%",
      });
    }
  });

  it.each([
    ["another provider's address", "?emailaddress=someone%40gmail.com", 404],
    ["a value that is not an address", "?emailaddress=%3Cscript%3E", 400],
    ["an address of 300 characters", `?emailaddress=${"a".repeat(288)}%40charter.net`, 400],
  ])("refuses %s", async (_name, query, status) => {
    const response = await get(GET, query);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
