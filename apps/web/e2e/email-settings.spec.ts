import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";

/**
 * The server settings page built from the provider profile (the default: Charter.net / Spectrum,
 * all three servers on mobile.charter.net with SSL/TLS), the Apple configuration profile it offers,
 * and the autoconfig endpoints mail clients call on their own. Read-only: nothing to undo.
 */

const ADDRESS = "maria.rivera@charter.net";
const HOST = "mobile.charter.net";

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

const autodiscoverRequest = (address: string) =>
  `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>${address}</EMailAddress>
    <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;

test("the server settings table, the IMAP advice, the guides and the iPhone/iPad/Mac download", async ({ page }) => {
  await signIn(page);
  await page.goto("/email/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Email server settings" })).toBeVisible();

  const table = page.getByRole("table", { name: "Incoming and outgoing mail servers" });
  const expected = [
    { name: "Incoming (IMAP)", port: "993" },
    { name: "Incoming (POP3)", port: "995" },
    { name: "Outgoing (SMTP)", port: "587" },
  ];
  for (const { name, port } of expected) {
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    await expect(row).toHaveCount(1);
    const cells = row.getByRole("cell");
    await expect(cells.nth(0)).toHaveText(HOST);
    await expect(cells.nth(1)).toHaveText(port);
    await expect(cells.nth(2)).toHaveText("SSL/TLS");
    // The username is the subscriber's own full address, ready to copy.
    await expect(cells.nth(3)).toHaveText(ADDRESS);
    await expect(cells.nth(4)).toContainText("Normal password");
  }
  await expect(table.getByRole("row").filter({ hasText: "Incoming (IMAP)" })).toContainText("Recommended");
  await expect(page.getByText("For outgoing mail on port 587, choose SSL/TLS, not STARTTLS.")).toBeVisible();
  await expect(
    page.getByText(/Older guides mention imap\.charter\.net, pop\.charter\.net, smtp\.charter\.net/),
  ).toBeVisible();

  await expect(page.getByRole("heading", { name: "IMAP or POP3?" })).toBeVisible();
  await expect(page.getByText("We recommend IMAP")).toBeVisible();

  await expect(page.getByRole("link", { name: "Thunderbird" })).toHaveAttribute(
    "href",
    "/help/email-setup-thunderbird",
  );
  await expect(page.getByRole("link", { name: "Mail on iPhone and iPad" })).toHaveAttribute(
    "href",
    "/help/email-setup-iphone-ipad",
  );
  await expect(page.getByRole("link", { name: "Check my settings" })).toHaveAttribute("href", "/email/troubleshoot");
  await expect(page.getByText("The file contains no password", { exact: false })).toBeVisible();
  await axe(page);

  const download = page.getByRole("link", { name: "Download settings for iPhone, iPad and Mac" });
  const href = await download.getAttribute("href");
  expect(href).toMatch(/^\/email\/settings\/profile\.mobileconfig\?mailbox=[0-9a-f-]{36}$/);
  const profile = await page.request.get(href ?? "");
  expect(profile.status()).toBe(200);
  expect(profile.headers()["content-type"]).toBe("application/x-apple-aspen-config");
  expect(profile.headers()["content-disposition"]).toBe('attachment; filename="spectrum-email.mobileconfig"');
  const plist = await profile.text();
  expect(plist).toContain('<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN"');
  expect(plist).toContain("<string>com.apple.mail.managed</string>");
  expect(plist).toMatch(/<key>EmailAddress<\/key>\s*<string>maria\.rivera@charter\.net<\/string>/);
  expect(plist).toMatch(/<key>IncomingMailServerHostName<\/key>\s*<string>mobile\.charter\.net<\/string>/);
  expect(plist).toMatch(/<key>IncomingMailServerPortNumber<\/key>\s*<integer>993<\/integer>/);
  expect(plist).toMatch(/<key>OutgoingMailServerPortNumber<\/key>\s*<integer>587<\/integer>/);
  // No password in the file, only the instruction to reuse the one Mail asks for.
  expect(plist).not.toMatch(/<key>(Incoming|Outgoing)Password<\/key>/);

  // Without a mailbox id: the primary address. Another id (or none of this account's): 404.
  const primary = await page.request.get("/email/settings/profile.mobileconfig");
  expect(primary.status()).toBe(200);
  expect(await primary.text()).toContain(`<string>${ADDRESS}</string>`);
  const missing = await page.request.get(
    "/email/settings/profile.mobileconfig?mailbox=00000000-0000-4000-8000-000000000000",
  );
  expect(missing.status()).toBe(404);
});

test("mail clients configure themselves: Thunderbird autoconfig and Outlook autodiscover", async ({ request }) => {
  for (const path of [
    `/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(ADDRESS)}`,
    "/.well-known/autoconfig/mail/config-v1.1.xml",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain('<clientConfig version="1.1">');
    expect(xml).toContain('<emailProvider id="charter.net">');
    for (const domain of ["charter.net", "spectrum.net", "bresnan.net"]) {
      expect(xml).toContain(`<domain>${domain}</domain>`);
    }
    expect(xml).toMatch(
      /<incomingServer type="imap">\s*<hostname>mobile\.charter\.net<\/hostname>\s*<port>993<\/port>\s*<socketType>SSL<\/socketType>/,
    );
    expect(xml).toMatch(
      /<incomingServer type="pop3">\s*<hostname>mobile\.charter\.net<\/hostname>\s*<port>995<\/port>/,
    );
    expect(xml).toMatch(
      /<outgoingServer type="smtp">\s*<hostname>mobile\.charter\.net<\/hostname>\s*<port>587<\/port>/,
    );
  }
  expect((await request.get("/mail/config-v1.1.xml?emailaddress=someone%40example.com")).status()).toBe(404);

  // Outlook uses both casings of the path.
  for (const path of ["/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"]) {
    const response = await request.post(path, {
      headers: { "Content-Type": "text/xml; charset=utf-8" },
      data: autodiscoverRequest(ADDRESS),
    });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toMatch(/<Protocol>\s*<Type>IMAP<\/Type>\s*<Server>mobile\.charter\.net<\/Server>\s*<Port>993<\/Port>/);
    expect(xml).toContain(`<LoginName>${ADDRESS}</LoginName>`);
  }
  const foreign = await request.post("/autodiscover/autodiscover.xml", {
    headers: { "Content-Type": "text/xml; charset=utf-8" },
    data: autodiscoverRequest("someone@example.com"),
  });
  expect(foreign.status()).toBe(404);
  expect(await foreign.text()).toContain("<ErrorCode>500</ErrorCode>");
  const get = await request.get("/autodiscover/autodiscover.xml");
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("POST");
});
