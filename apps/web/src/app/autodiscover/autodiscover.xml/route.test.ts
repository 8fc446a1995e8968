import { AUTODISCOVER_MAX_REQUEST_BYTES, parseMailXml } from "@homeport/core/email/autoconfig";
import { providerProfile } from "@homeport/core/provider/profile";
import { describe, expect, it } from "vitest";
import { GET, POST } from "./route.ts";

type Node = Record<string, unknown>;
const { email } = providerProfile();
const RESPONSE_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

const requestFor = (address: string, schema = RESPONSE_SCHEMA) =>
  `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${address}</EMailAddress>
    <AcceptableResponseSchema>${schema}</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://autodiscover.charter.net/autodiscover/autodiscover.xml", {
      method: "POST",
      headers: { "content-type": "text/xml", ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );

async function errorCode(response: Response): Promise<string> {
  const doc = parseMailXml(await response.text());
  return String((((doc?.Autodiscover as Node).Response as Node).Error as Node).ErrorCode);
}

const address = `maria.rivera@${email.domains[0]}`;

describe("POST /autodiscover/autodiscover.xml", () => {
  it("answers an address at a profile domain with IMAP, POP3 and SMTP", async () => {
    const response = await post(requestFor(address));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const doc = parseMailXml(await response.text());
    const account = ((doc?.Autodiscover as Node).Response as Node).Account as Node;
    expect(account).toMatchObject({ AccountType: "email", Action: "settings" });
    const protocols = account.Protocol as Node[];
    expect(protocols.map((p) => [p.Type, p.Server, p.Port, p.LoginName, p.SSL, p.SPA])).toEqual([
      ["IMAP", email.incoming.imap.hostname, String(email.incoming.imap.port), address, "on", "off"],
      ["POP3", email.incoming.pop3.hostname, String(email.incoming.pop3.port), address, "on", "off"],
      ["SMTP", email.outgoing.smtp.hostname, String(email.outgoing.smtp.port), address, "on", "off"],
    ]);
  });

  it.each([
    ["another provider's address", requestFor("someone@gmail.com"), 404, "500"],
    ["an address without @", requestFor("maria.charter.net"), 400, "600"],
    ["markup in the address", requestFor("&lt;script&gt;@charter.net"), 400, "600"],
    [
      "the ActiveSync schema",
      requestFor(
        "maria@charter.net",
        "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006",
      ),
      400,
      "601",
    ],
    ["a DOCTYPE", `<!DOCTYPE a [<!ENTITY e "maria">]>${requestFor("&e;@charter.net")}`, 400, "600"],
    ["a body that is not XML", "hello", 400, "600"],
  ])("answers %s with a POX error", async (_name, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(await errorCode(response)).toBe(code);
  });

  it("refuses a body over the size limit with 413, by its length or by what arrives", async () => {
    const big = requestFor("maria@charter.net").replace(
      "<Request>",
      `<Request><!--${"x".repeat(AUTODISCOVER_MAX_REQUEST_BYTES)}-->`,
    );
    expect((await post(big)).status).toBe(413);
    // No Content-Length to go by: a stream that keeps coming.
    const chunk = new TextEncoder().encode("x".repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 100) controller.close();
        else controller.enqueue(chunk);
      },
    });
    expect((await post(stream)).status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  it("answers GET with 405 and says POST is allowed", () => {
    const response = GET();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});
