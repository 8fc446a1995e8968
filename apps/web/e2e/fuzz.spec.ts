import { createHash, randomBytes } from "node:crypto";
import { type APIResponse, expect, type Locator, type Page, test } from "@playwright/test";
import fc from "fast-check";
import pg from "pg";
import { DEMO, signIn, signInStaff } from "./fixtures.ts";

/**
 * Property-based fuzzing of every input that arrives from outside: the machine feeds (usage records,
 * outages), the payment webhook, mail autodiscover and autoconfig, the health check, next-auth's
 * sign-in endpoints, the signed-in downloads, and the public forms (privacy requests, password reset,
 * registration). Whatever arrives, the answer is a 4xx that says what is wrong (or a message on the
 * form), never a 500, and a refusal never shows a stack trace or a path on the server.
 *
 * Nothing here depends on other specs: the service accounts, the ingestion key and the user whose
 * password is reset are made for this run. Every spec comes from the same address, so the IP
 * throttles are cleared around the form runs and afterwards. A failing property prints its seed.
 */

/** The database playwright.config.ts starts the app on (its default). */
const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/homeport_e2e";
const tag = randomBytes(3).toString("hex");
/** No seeded household has this ZIP, so outages reported for it reach nobody else's pages. */
const FUZZ_ZIP = "00000";
const MAIL_DOMAINS = ["charter.net", "spectrum.net", "bresnan.net"];
const DEMO_EMAILS = new Set<string>([DEMO.owner.email, DEMO.member.email, DEMO.neighbour.email, DEMO.agent.email]);
/** Parses as an ISO time, but JavaScript makes it year 0, which the database refuses. */
const YEAR_ZERO = "0001-01-01T00:00:00+01:00";
const INGESTION_KEY = `hpk_${randomBytes(4).toString("hex")}_${randomBytes(24).toString("base64url")}`;
const HTTP_RUNS = 80;
const FORM_RUNS = 15;
const FORM_PARAMS = { numRuns: FORM_RUNS, endOnFailure: true };

let db: pg.Client;
let accountSerial = 0;

test.beforeAll(async () => {
  db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(
    `INSERT INTO "IngestionKey" ("id", "name", "prefix", "secretHash") VALUES (gen_random_uuid(), $1, $2, $3)`,
    [`Fuzz ${tag}`, INGESTION_KEY.slice(4, 12), sha256(INGESTION_KEY)],
  );
});

test.afterAll(async () => {
  await db?.query(`UPDATE "IngestionKey" SET "revokedAt" = now() WHERE "prefix" = $1`, [INGESTION_KEY.slice(4, 12)]);
  await clearThrottles();
  await db?.end();
});

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Sign-in, reset, registration and privacy-form counters for this address (every spec shares it). */
async function clearThrottles() {
  await db?.query(`DELETE FROM "ThrottleCounter" WHERE "key" ~ '^(signInIp|resetIp|registrationIp|privacyFormIp):'`);
}

interface FuzzAccount {
  id: string;
  accountNumber: string;
  /** On file, so registration texts its code here (read back from the outbox). */
  phone: string;
}

/** A service account of this run, with no online owner yet. */
async function newServiceAccount(): Promise<FuzzAccount> {
  accountSerial += 1;
  const accountNumber = `8355${String(Date.now() % 1e9).padStart(9, "0")}${String(accountSerial).padStart(3, "0")}`;
  const phone = `+1916${accountNumber.slice(-7)}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO "ServiceAccount"
       ("id", "accountNumber", "holderName", "addressLine1", "city", "state", "zip", "timeZone", "phoneOnFile", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, '1 Fuzz Lane', 'Sacramento', 'CA', $3, 'America/Los_Angeles', $4, now())
     RETURNING "id"`,
    [accountNumber, `Fuzz Household ${tag}`, FUZZ_ZIP, phone],
  );
  return { id: rows[0]!.id, accountNumber, phone };
}

// --- Hostile values -----------------------------------------------------------------------------

const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));

const TRICKY_TEXT = [
  "",
  " ",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\u202egnp.exe",
  "e\u0301\u0301\u0301",
  "𝕳𝖔𝖒𝖊𝖕𝖔𝖗𝖙",
  "👩‍👩‍👧‍👦",
  "2026-02-30",
  YEAR_ZERO,
  "9999-12-31",
  "00000000-0000-0000-0000-000000000000",
  "a@b",
  "a@@b.com",
  "<script>alert(1)</script>",
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  "'; DROP TABLE users; --",
  "%s%n%x",
  "${process.env}",
];

const LONG_TEXT = [
  "a".repeat(5_000),
  "9".repeat(2_000),
  "😀".repeat(1_000),
  "\u0000".repeat(500),
  `${"a.".repeat(1_000)}com`,
];

const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: controlCharacter, maxLength: 8 }),
  fc.constantFrom(...TRICKY_TEXT),
  fc.constantFrom(...LONG_TEXT),
);

/** Short enough that a URL of several such values stays within what the server reads (16 KB of headers). */
const boundedText = hostileText.filter((text) => text.length <= 1_000);

/** Sometimes a value, mostly nothing: for the fields a hand-made request would tamper with. */
const sometimes = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(-1, 0, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Instants the way a careless or hostile sender writes them. */
const oddInstant = fc.constantFrom(
  YEAR_ZERO,
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59-14:00",
  "1969-12-31T23:59:59Z",
  "2026-02-30T00:00:00Z",
  "2026-05-04T24:00:00Z",
  "2026-05-04T00:00:00",
  "2026-05-04",
  "+275760-09-13T00:00:00Z",
  "2026-05-04T00:00:00.123456789+05:30",
);

const BROKEN_JSON = [
  "",
  "{",
  "[",
  "nul",
  "{'records': []}",
  '{"records": [],}',
  '{"records": [] } trailing',
  "NaN",
  "\u0000",
  "[".repeat(100_000),
  `${"[".repeat(5_000)}${"]".repeat(5_000)}`,
  `${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`,
];

/** A body meant to be JSON: a serialised value, or text that is not JSON at all. */
function jsonBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v) ?? "null") },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_JSON) },
    { weight: 1, arbitrary: hostileText },
  );
}

/** A valid object with up to two of its fields left out or replaced by hostile values. */
function mutated(
  valid: fc.Arbitrary<Record<string, unknown>>,
  hostile: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.option(hostile, { nil: undefined })), { maxLength: 2 }))
    .map(([object, changes]) => {
      const keys = Object.keys(object);
      const copy = { ...object };
      for (const [index, value] of changes) {
        const key = keys[index % keys.length]!;
        if (value === undefined) delete copy[key];
        else copy[key] = value;
      }
      return copy;
    });
}

const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "",
);

/** Header values must be printable: anything else never leaves the client. */
const headerText = fc.string({ unit: "grapheme-ascii", maxLength: 120 });

/** The text as HTTP can carry it: a lone surrogate becomes U+FFFD (encodeURIComponent would throw). */
const wellFormed = (text: string) => Buffer.from(text, "utf8").toString("utf8");
const segment = (value: string) => encodeURIComponent(wellFormed(value));

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.append(key, value);
  return search.toString();
}

// --- What every answer must be --------------------------------------------------------------------

const INTERNALS: RegExp[] = [/^\s+at .+:\d+:\d+\)?$/m, /\b(?:[A-Z]\w*)?Error: /, /\/work\//, /node_modules/, /prisma/i];

function expectNoInternals(text: string, what: string) {
  for (const internal of INTERNALS) expect(text, `${what} gives away the server's insides`).not.toMatch(internal);
}

/** Below 500, and a refusal shows nothing of the server's insides. Returns a refusal's body. */
async function expectHandled(response: APIResponse, what: string): Promise<string> {
  const body = response.status() >= 400 ? await response.text() : "";
  expect(response.status(), `${what} answered ${response.status()}: ${body.slice(0, 500)}`).toBeLessThan(500);
  if (body) expectNoInternals(body, what);
  return body;
}

/** The JSON APIs refuse with `{ "error": "<what is wrong>" }`. */
function expectJsonRefusal(status: number, body: string, what: string) {
  if (status < 400) return;
  let parsed: { error?: unknown } | null = null;
  try {
    parsed = JSON.parse(body) as { error?: unknown } | null;
  } catch {
    // Not JSON: the assertion below says so.
  }
  expect(parsed?.error, `${what} refused with ${status} but did not say why: ${body.slice(0, 300)}`).toEqual(
    expect.stringMatching(/\S/),
  );
}

// --- Machine APIs -------------------------------------------------------------------------------

test("the usage feed answers any batch with a 4xx that says why, or a result for every record", async ({ request }) => {
  test.setTimeout(120_000);
  const account = await newServiceAccount();
  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constant(`Bearer ${INGESTION_KEY}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "Bearer",
        `bearer   ${INGESTION_KEY}`,
        `Basic ${INGESTION_KEY}`,
        `Bearer ${INGESTION_KEY}x`,
        `Bearer hpk_00000000_${"A".repeat(32)}`,
      ),
    },
    { weight: 1, arbitrary: headerText.map((text) => `Bearer ${text}`) },
  );
  const bytes = fc.oneof(fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 16n }).map(String));
  const interval = fc
    .date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true })
    .chain((start) =>
      fc
        .integer({ min: -60, max: 26 * 60 })
        .map((minutes) => [start.toISOString(), new Date(start.getTime() + minutes * 60_000).toISOString()] as const),
    );
  const validRecord = fc
    .tuple(fc.uuid(), interval, bytes, bytes)
    .map(([id, [start, end], down, up]): Record<string, unknown> => ({
      id: `fuzz-${tag}-${id}`,
      accountNumber: account.accountNumber,
      intervalStart: start,
      intervalEnd: end,
      bytesDown: down,
      bytesUp: up,
    }));
  const record = fc.oneof(
    { weight: 6, arbitrary: mutated(validRecord, fc.oneof(hostileJson, oddInstant)) },
    { weight: 1, arbitrary: hostileJson },
    {
      weight: 1,
      // Both would reach the database for a known account: a time JavaScript puts in year 0, and NUL.
      arbitrary: fc.constantFrom<Record<string, unknown>>(
        {
          id: `fuzz-${tag}-year-zero`,
          accountNumber: account.accountNumber,
          intervalStart: YEAR_ZERO,
          intervalEnd: "0001-01-01T00:30:00+01:00",
          bytesDown: 1,
          bytesUp: 1,
        },
        {
          id: `fuzz-${tag}-\u0000`,
          accountNumber: account.accountNumber,
          intervalStart: "2026-03-01T00:00:00Z",
          intervalEnd: "2026-03-01T01:00:00Z",
          bytesDown: 1,
          bytesUp: 1,
        },
      ),
    },
  );
  const body = fc.oneof(
    { weight: 6, arbitrary: fc.array(record, { maxLength: 5 }).map((records) => JSON.stringify({ records })) },
    { weight: 1, arbitrary: jsonBody(hostileJson) },
    // Duplicated keys: JSON.parse keeps the last.
    {
      weight: 1,
      arbitrary: fc
        .array(record, { maxLength: 3 })
        .map((records) => `{"records": [], "records": ${JSON.stringify(records)}}`),
    },
    // An array where an object is expected, and more records than a batch may hold.
    { weight: 1, arbitrary: fc.array(record, { maxLength: 3 }).map((records) => JSON.stringify(records)) },
    {
      weight: 1,
      arbitrary: fc.constant(JSON.stringify({ records: Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}` })) })),
    },
  );

  await fc.assert(
    fc.asyncProperty(authorization, contentType, body, async (auth, type, data) => {
      const response = await request.post("/api/usage/records", {
        headers: { authorization: auth, "content-type": type },
        data,
      });
      const refusal = await expectHandled(response, "POST /api/usage/records");
      expectJsonRefusal(response.status(), refusal, "POST /api/usage/records");
      if (response.status() !== 200) return;
      const answer = (await response.json()) as { results: { status: string; field?: string; error?: string }[] };
      for (const result of answer.results.filter((r) => r.status === "rejected")) {
        expect(result.field, "a rejected record names its field").toMatch(/\S/);
        expect(result.error, "a rejected record says what is wrong").toMatch(/\S/);
        expectNoInternals(result.error ?? "", "a rejected record");
      }
    }),
    { numRuns: HTTP_RUNS },
  );
});

test("the outage feed answers any report with a 4xx that says why, or the outage", async ({ request }) => {
  test.setTimeout(120_000);
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
  const validReport = fc
    .record({
      ref: fc.uuid().map((id) => `fuzz-${tag}-${id.slice(0, 8)}`),
      zips: fc.constant([FUZZ_ZIP]),
      services: fc.subarray(["INTERNET", "TV", "PHONE"], { minLength: 1 }),
      status: fc.constantFrom("INVESTIGATING", "IDENTIFIED", "RESOLVED"),
      cause: fc.constantFrom("fiber", "power", "equipment", "maintenance", "weather", "unknown"),
      startedAt: fc.integer({ min: 2, max: 48 }).map(hoursAgo),
      resolvedAt: fc.integer({ min: 0, max: 1 }).map(hoursAgo),
    })
    .map((report): Record<string, unknown> => report);
  const hostileField = fc.oneof(
    hostileJson,
    oddInstant,
    fc.array(hostileText, { maxLength: 3 }),
    fc.constant(Array.from({ length: 1001 }, () => FUZZ_ZIP)),
  );
  const body = fc.oneof(
    { weight: 6, arbitrary: mutated(validReport, hostileField).map((report) => JSON.stringify(report)) },
    { weight: 1, arbitrary: jsonBody(hostileJson) },
    { weight: 1, arbitrary: fc.array(validReport, { maxLength: 2 }).map((reports) => JSON.stringify(reports)) },
    {
      weight: 1,
      arbitrary: validReport.map((report) => JSON.stringify({ ...report, startedAt: YEAR_ZERO, status: "IDENTIFIED" })),
    },
  );

  await fc.assert(
    fc.asyncProperty(contentType, body, async (type, data) => {
      const response = await request.post("/api/outages", {
        headers: { authorization: `Bearer ${INGESTION_KEY}`, "content-type": type },
        data,
      });
      const refusal = await expectHandled(response, "POST /api/outages");
      expectJsonRefusal(response.status(), refusal, "POST /api/outages");
      const details = (refusal ? (JSON.parse(refusal) as { details?: unknown }).details : undefined) ?? [];
      for (const detail of details as { path?: unknown; message?: unknown }[]) {
        expect(detail.message, "each problem with a report says what is wrong").toEqual(expect.stringMatching(/\S/));
      }
    }),
    { numRuns: HTTP_RUNS },
  );

  const unauthenticated = await request.post("/api/outages", { data: { ref: "x" } });
  expect(unauthenticated.status()).toBe(401);
  expectJsonRefusal(401, await unauthenticated.text(), "POST /api/outages without a key");
});

test("the payment webhook refuses anything unsigned with a 4xx that says why", async ({ request }) => {
  const event = fc
    .record({
      id: fc.string(),
      type: fc.constantFrom("payment_intent.succeeded", "charge.refunded", "x"),
      data: hostileJson,
    })
    .map((value) => JSON.stringify(value));
  const signature = fc.option(
    fc.oneof(
      headerText,
      fc.constantFrom("t=1,v1=abc", `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`, "t=,v1=", "v1="),
    ),
    { nil: undefined },
  );

  await fc.assert(
    fc.asyncProperty(fc.oneof(event, jsonBody(hostileJson)), signature, contentType, async (data, sig, type) => {
      const response = await request.post("/api/payments/webhook", {
        headers: { "content-type": type, ...(sig === undefined ? {} : { "stripe-signature": sig }) },
        data,
      });
      const refusal = await expectHandled(response, "POST /api/payments/webhook");
      expect(response.status(), "an unsigned event is never applied").not.toBe(200);
      expectJsonRefusal(response.status(), refusal, "POST /api/payments/webhook");
    }),
    { numRuns: 50 },
  );
});

const AUTODISCOVER_REQUEST = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
const AUTODISCOVER_RESPONSE = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

function autodiscoverDocument(address: string, options: { doctype?: string; schema?: string } = {}): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    options.doctype ?? "",
    `<Autodiscover xmlns="${AUTODISCOVER_REQUEST}"><Request>`,
    `<EMailAddress>${address}</EMailAddress>`,
    `<AcceptableResponseSchema>${options.schema ?? AUTODISCOVER_RESPONSE}</AcceptableResponseSchema>`,
    "</Request></Autodiscover>",
  ].join("");
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

test("Outlook autodiscover answers any document without a 500, and never reads an external entity", async ({
  request,
}) => {
  test.setTimeout(90_000);
  const address = fc.oneof(
    fc
      .tuple(fc.stringMatching(/^[a-z0-9._-]{1,20}$/), fc.constantFrom(...MAIL_DOMAINS))
      .map(([local, domain]) => `${local}@${domain}`),
    fc.emailAddress(),
    hostileText.map((text) => `${text}@${MAIL_DOMAINS[0]}`),
    hostileText,
  );
  const entities = [
    '<!DOCTYPE Autodiscover [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE Autodiscover [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>',
    `<!DOCTYPE Autodiscover [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 8 }, (_, i) => `<!ENTITY ${"b".repeat(i + 1)} "${`&${i === 0 ? "a" : "b".repeat(i)};`.repeat(10)}">`).join("")}]>`,
    '<!doctype Autodiscover [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  ];
  const body: fc.Arbitrary<string | Buffer> = fc.oneof(
    { weight: 3, arbitrary: address.map((a) => autodiscoverDocument(escapeXml(a))) },
    { weight: 2, arbitrary: address.map((a) => autodiscoverDocument(a)) },
    {
      weight: 1,
      arbitrary: fc.tuple(address, hostileText).map(([a, schema]) => autodiscoverDocument(escapeXml(a), { schema })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...entities)
        .map((doctype) => autodiscoverDocument(doctype.includes("bbbbbbbb") ? "&bbbbbbbb;" : "&e;", { doctype })),
    },
    // Nested far deeper than any request; the body limit is 16 KB.
    {
      weight: 1,
      arbitrary: fc.integer({ min: 90, max: 2_000 }).map((depth) => `${"<a>".repeat(depth)}${"</a>".repeat(depth)}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 90, max: 1_500 })
        .map((depth) => autodiscoverDocument(`${"<x>".repeat(depth)}${"</x>".repeat(depth)}`)),
    },
    { weight: 1, arbitrary: fc.constant(autodiscoverDocument(`${"a".repeat(20_000)}@charter.net`)) },
    { weight: 1, arbitrary: hostileText },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
  );
  const path = fc.constantFrom(
    "/autodiscover/autodiscover.xml",
    "/Autodiscover/Autodiscover.xml",
    "/AUTODISCOVER/AUTODISCOVER.XML",
  );
  const xmlType = fc.constantFrom("text/xml", "application/xml", "text/xml; charset=utf-8", "application/json", "");

  await fc.assert(
    fc.asyncProperty(path, xmlType, body, async (url, type, data) => {
      const response = await request.post(url, { headers: { "content-type": type }, data });
      const refusal = await expectHandled(response, `POST ${url}`);
      const text = refusal || (await response.text());
      expect(text, "no file of the server is ever read into the answer").not.toMatch(/root:.*:0:0:|\/bin\/(?:ba)?sh/);
      if (response.status() === 413) expect(refusal).toMatch(/larger than/);
      else if (response.status() >= 400)
        expect(refusal).toMatch(/<ErrorCode>\d+<\/ErrorCode>\s*<Message>[^<]+<\/Message>/);
    }),
    { numRuns: 100 },
  );
});

test("Thunderbird autoconfig answers any address without a 500", async ({ request }) => {
  const address = fc.oneof(
    fc
      .tuple(fc.stringMatching(/^[a-z0-9._-]{1,20}$/), fc.constantFrom(...MAIL_DOMAINS))
      .map(([local, domain]) => `${local}@${domain}`),
    fc.emailAddress(),
    hostileText.map((text) => `${text}@${MAIL_DOMAINS[0]}`),
    hostileText,
  );
  const path = fc.constantFrom("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml");

  await fc.assert(
    fc.asyncProperty(path, fc.option(address, { nil: undefined }), fc.boolean(), async (url, emailaddress, twice) => {
      const search = new URLSearchParams();
      if (emailaddress !== undefined) search.append("emailaddress", emailaddress);
      if (twice) search.append("emailaddress", "someone@example.com");
      const response = await request.get(`${url}?${search}`);
      const refusal = await expectHandled(response, `GET ${url}`);
      if (response.status() === 200) expect(await response.text()).toContain("<clientConfig");
      else expect(refusal, `GET ${url} refused without saying why`).toMatch(/\S/);
    }),
    { numRuns: HTTP_RUNS },
  );
});

test("the health check ignores whatever comes with it", async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.string({ maxLength: 10 }), boundedText, { maxKeys: 3 }),
      headerText,
      fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"),
      async (params, accept, method) => {
        const response = await request.fetch(`/api/health?${new URLSearchParams(params)}`, {
          method,
          headers: { accept },
          data: method === "GET" ? undefined : "{",
        });
        await expectHandled(response, `${method} /api/health`);
        if (method === "GET") expect(response.status()).toBe(200);
      },
    ),
    { numRuns: 30 },
  );
});

// --- Sign-in (next-auth) ------------------------------------------------------------------------

/** Where next-auth sends the browser (a Location header, or `url` in a JSON answer), decoded. */
async function destinationOf(response: APIResponse): Promise<string> {
  const location = response.headers()["location"];
  const target =
    location ??
    (response.headers()["content-type"]?.includes("application/json")
      ? (((await response.json()) as { url?: string }).url ?? "")
      : "");
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

test("next-auth's endpoints answer malformed requests without a 500", async ({ request }) => {
  test.setTimeout(90_000);
  const callbackUrl = fc.oneof(
    fc.constantFrom(
      "/",
      "/billing",
      "//evil.example/x",
      "https://evil.example/",
      "javascript:alert(1)",
      "foo",
      "http://[",
    ),
    boundedText,
  );
  const action = fc.constantFrom("csrf", "session", "providers", "signin", "signout", "error", "callback/credentials");

  await fc.assert(
    fc.asyncProperty(
      action,
      fc.option(callbackUrl, { nil: undefined }),
      fc.option(boundedText, { nil: undefined }),
      async (path, callback, error) => {
        const response = await request.get(`/api/auth/${path}?${query({ callbackUrl: callback, error })}`, {
          maxRedirects: 0,
        });
        await expectHandled(response, `GET /api/auth/${path}`);
        expectNoInternals(await destinationOf(response), `GET /api/auth/${path}`);
      },
    ),
    { numRuns: HTTP_RUNS },
  );
});

test("the credentials sign-in answers any form or body without a 500 or a leaked error", async ({ request }) => {
  test.setTimeout(120_000);
  const email = fc
    .oneof(
      fc.uuid().map((id) => `fuzz-${tag}-${id.slice(0, 8)}@example.com`),
      hostileText,
      hostileText.map((text) => `${text}@example.com`),
    )
    // The demo logins are left alone: failures would throttle them for the specs that follow.
    .filter((value) => !DEMO_EMAILS.has(value.trim().toLowerCase()));
  const form = fc.record(
    {
      csrfToken: fc.oneof(fc.constant("<valid>"), hostileText),
      email,
      password: fc.oneof(hostileText, fc.string({ minLength: 8, maxLength: 40 })),
      code: hostileText,
      replacesSessionId: fc.oneof(fc.uuid(), hostileText),
      callbackUrl: fc.oneof(
        fc.constantFrom("/dashboard", "https://evil.example/", "foo", "//evil.example"),
        hostileText,
      ),
      json: fc.constant("true"),
    },
    { requiredKeys: ["csrfToken", "email"] },
  );
  const asJson = fc.oneof(
    jsonBody(hostileJson),
    form.map((fields) => JSON.stringify(fields)),
  );

  await fc.assert(
    fc.asyncProperty(fc.oneof(form, asJson), async (input) => {
      await clearThrottles();
      const csrf = await request.get("/api/auth/csrf");
      await expectHandled(csrf, "GET /api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const response =
        typeof input === "string"
          ? await request.post("/api/auth/callback/credentials", {
              headers: { "content-type": "application/json" },
              data: input.replaceAll('"<valid>"', JSON.stringify(csrfToken)),
              maxRedirects: 0,
            })
          : await request.post("/api/auth/callback/credentials", {
              form: Object.fromEntries(
                Object.entries(input).map(([key, value]) => [key, value === "<valid>" ? csrfToken : wellFormed(value)]),
              ),
              maxRedirects: 0,
            });
      await expectHandled(response, "POST /api/auth/callback/credentials");
      const session = response
        .headersArray()
        .some(
          ({ name, value }) =>
            name.toLowerCase() === "set-cookie" && /^(__Secure-)?homeport\.session(\.\d+)?=[^;]/.test(value),
        );
      expect(session, "nobody signs in with made-up credentials").toBe(false);
      expectNoInternals(await destinationOf(response), "the sign-in's error");
    }),
    { numRuns: 60 },
  );
});

// --- Downloads ----------------------------------------------------------------------------------

const malformedId = fc.oneof(
  boundedText.filter((text) => text !== "." && text !== ".."),
  fc.constantFrom(
    "..%2F..",
    "%2e%2e%2f",
    "null",
    "0",
    "-1",
    "00000000-0000-0000-0000-000000000000",
    "3f1b2c4d-5e6f-4a7b-8c9d",
  ),
  fc.uuid(),
);

test("the downloads ask a signed-out visitor to sign in, whatever the id or filter", async ({ request }) => {
  const paths = fc.oneof(
    malformedId.map((id) => `/billing/statements/${segment(id)}/pdf`),
    malformedId.map((id) => `/email/mailboxes/${segment(id)}/rules.sieve`),
    malformedId.map((id) => `/privacy/requests/${segment(id)}/export`),
    malformedId.map((id) => `/email/settings/profile.mobileconfig?${query({ mailbox: id })}`),
    boundedText.map((text) => `/billing/history/export?${query({ from: text, to: text })}`),
    boundedText.map((text) => `/admin/activity/export?${query({ actor: text })}`),
    boundedText.map((text) => `/admin/privacy/metrics/csv?${query({ year: text })}`),
    fc.constant("/usage/export"),
  );
  await fc.assert(
    fc.asyncProperty(paths, async (path) => {
      const response = await request.get(path, { maxRedirects: 0 });
      await expectHandled(response, `GET ${path}`);
      expect([301, 302, 303, 307, 308, 400, 401, 403, 404], `GET ${path} without a session`).toContain(
        response.status(),
      );
    }),
    { numRuns: HTTP_RUNS },
  );
});

/** Ids of rows that belong to other households or users, to check each download refuses them. */
async function foreignIds(table: "Statement" | "Mailbox", accountId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "${table}" WHERE "accountId" <> $1 LIMIT 5`, [
    accountId,
  ]);
  return rows.map((row) => row.id);
}

const oneOfOr = (ids: string[]) => (ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid());

test("a subscriber's downloads refuse malformed ids and filters, and other households' ids", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const { rows } = await db.query<{ userId: string; accountId: string }>(
    `SELECT u."id" AS "userId", m."accountId" FROM "User" u JOIN "Membership" m ON m."userId" = u."id" WHERE u."email" = $1`,
    [DEMO.owner.email],
  );
  const owner = rows[0]!;
  const statements = await foreignIds("Statement", owner.accountId);
  const mailboxes = await foreignIds("Mailbox", owner.accountId);
  const { rows: requests } = await db.query<{ id: string }>(
    `SELECT "id" FROM "PrivacyRequest" WHERE "userId" IS DISTINCT FROM $1 LIMIT 5`,
    [owner.userId],
  );
  const get = (path: string) => page.request.get(path, { maxRedirects: 0 });
  const NOT_A_DOWNLOAD = /^(?!application\/(?:pdf|zip|sieve|x-apple-aspen-config))/;

  await test.step("a statement PDF", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(malformedId, oneOfOr(statements)), async (id) => {
        const response = await get(`/billing/statements/${segment(id)}/pdf`);
        await expectHandled(response, "the statement PDF");
        expect(response.headers()["content-type"] ?? "").toMatch(NOT_A_DOWNLOAD);
        if (statements.includes(id)) expect(response.status(), "another household's statement").toBe(404);
      }),
      { numRuns: 40 },
    );
  });

  await test.step("a mailbox's Sieve script and the mail profile", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(malformedId, oneOfOr(mailboxes)), async (id) => {
        const sieve = await get(`/email/mailboxes/${segment(id)}/rules.sieve`);
        await expectHandled(sieve, "the Sieve script");
        expect(sieve.headers()["content-type"] ?? "").toMatch(NOT_A_DOWNLOAD);
        const profile = await get(`/email/settings/profile.mobileconfig?${query({ mailbox: id })}`);
        await expectHandled(profile, "the mail profile");
        expect(profile.status(), "only the household's own mailbox has a profile").toBe(404);
        if (mailboxes.includes(id)) expect(sieve.status(), "another household's mailbox").toBe(404);
      }),
      { numRuns: 30 },
    );
  });

  await test.step("a privacy export", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(malformedId, oneOfOr(requests.map((r) => r.id))), async (id) => {
        const response = await get(`/privacy/requests/${segment(id)}/export`);
        await expectHandled(response, "the privacy export");
        expect(response.headers()["content-type"] ?? "").toMatch(NOT_A_DOWNLOAD);
      }),
      { numRuns: 30 },
    );
  });

  await test.step("the payment history and usage CSVs", async () => {
    const date = fc.oneof(
      fc
        .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom(
        "9999-12-31",
        "9998-12-31",
        "0000-01-01",
        "0099-01-01",
        "2026-02-30",
        "2026-13-01",
        "2026-1-1",
        "20260101",
      ),
      boundedText,
    );
    const filter = fc.record(
      {
        status: fc.oneof(
          fc.constantFrom("SUCCEEDED", "FAILED", "PENDING", "REFUNDED", "REQUIRES_ACTION", ""),
          boundedText,
        ),
        source: fc.oneof(fc.constantFrom("ONE_TIME", "AUTOPAY", ""), boundedText),
        from: date,
        to: date,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(filter, async (params) => {
        const response = await get(`/billing/history/export?${query(params)}`);
        const refusal = await expectHandled(response, "the payment history CSV");
        if (response.status() === 400) expect(refusal).toMatch(/^Invalid filter: \S/);
        else expect(response.status()).toBe(200);
      }),
      { numRuns: 60 },
    );
    const usage = await get(`/usage/export?${query({ from: YEAR_ZERO, cycle: "-1" })}`);
    await expectHandled(usage, "the usage CSV");
    expect(usage.status()).toBe(200);
  });
});

test("the staff downloads refuse malformed filters and ids", async ({ page }) => {
  test.setTimeout(180_000);
  await signInStaff(page, DEMO.agent);
  const get = (path: string) => page.request.get(path, { maxRedirects: 0 });
  const instant = fc.oneof(
    fc
      .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.constantFrom("2026-03-10T09:30", "2026-02-31T09:30", "9999-12-31T23:59", "0100-01-01T00:00", "0001-01-01T00:00"),
    oddInstant,
    boundedText,
  );
  const filter = fc.record(
    {
      // Always some actor, so an export stays small: nobody has this id or address.
      actor: fc.oneof(
        fc.uuid(),
        fc.constant(`fuzz-${tag}@example.com`),
        boundedText.filter((text) => text.trim() !== ""),
      ),
      accountId: fc.oneof(fc.uuid(), fc.constantFrom("8352 1000 1234 5678", "12345"), boundedText),
      action: fc.oneof(fc.constantFrom("identity.sign_in", "privacy.*", "privacy.", "*"), boundedText),
      outcome: fc.oneof(fc.constantFrom("SUCCESS", "FAILURE", "DENIED"), boundedText),
      ip: fc.oneof(fc.constantFrom("127.0.0.1", "::1", "1.2.3.4.5", ":::::"), boundedText),
      from: instant,
      to: instant,
    },
    { requiredKeys: ["actor"] },
  );

  await test.step("the activity CSV", async () => {
    await fc.assert(
      fc.asyncProperty(filter, async (params) => {
        const response = await get(`/admin/activity/export?${query(params)}`);
        const refusal = await expectHandled(response, "the activity CSV");
        if (response.status() === 400) expect(refusal).toBe("Invalid filter.");
        else expect(response.status()).toBe(200);
      }),
      { numRuns: 40 },
    );
  });

  await test.step("the privacy metrics and agent uploads (not the support agent's)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(boundedText, fc.integer().map(String)), malformedId, async (year, id) => {
        const metrics = await get(`/admin/privacy/metrics/csv?${query({ year })}`);
        await expectHandled(metrics, "the privacy metrics CSV");
        expect(metrics.status()).toBe(403);
        const upload = await get(`/admin/privacy/upload/${segment(id)}`);
        await expectHandled(upload, "an agent's upload");
        expect(upload.status(), "a support agent never gets an agent's upload").not.toBe(200);
      }),
      { numRuns: 20 },
    );
  });
});

// --- Public forms -------------------------------------------------------------------------------

const ERROR_PAGE = /Application error|Internal Server Error|Something went wrong on our side/;

/** Every response the page gets, so a 5xx behind the scenes (an action, an RSC fetch) is not missed. */
function watchServerErrors(page: Page): () => void {
  const failures: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 500)
      failures.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
  });
  return () => {
    expect(failures, "responses with a server error").toEqual([]);
  };
}

/**
 * Fills a field as a person would, then sets the exact value: a browser cuts what passes maxlength
 * and may drop control characters, which a request made by hand still carries.
 */
async function fillExactly(field: Locator, value: string) {
  await field.fill(value);
  await field.evaluate((input, text) => {
    (input as HTMLInputElement).value = text;
  }, value);
}

/** A hidden field set to what a hand-made request could send instead. */
async function tamperHidden(page: Page, name: string, value: string) {
  await page.locator(`input[type="hidden"][name="${name}"]`).evaluate((input, text) => {
    (input as HTMLInputElement).value = text;
  }, value);
}

const formMessage = (page: Page) => page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ });

/** Submits, then expects the answer on the page (a message, or what comes next) and no error page. */
async function submitAndExpectAnswer(page: Page, submit: Locator, answer: Locator) {
  const posted = page.waitForResponse((response) => response.request().method() === "POST");
  await submit.click();
  const response = await posted;
  expect(response.status(), `the form's POST answered ${response.status()}`).toBeLessThan(500);
  await expect(answer.first()).toBeVisible();
  await expect(page.getByText(ERROR_PAGE)).toHaveCount(0);
}

/** Text a person might type, or a hostile string; valid-looking values make the server go further. */
const typed = (...valid: fc.Arbitrary<string>[]) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 3, arbitrary: hostileText },
    ...valid.map((arbitrary) => ({ weight: 2, arbitrary })),
  );
const freshEmail = fc.uuid().map((id) => `fuzz-${tag}-${id.slice(0, 8)}@example.com`);
const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));

for (const [path, title] of [
  ["/privacy/do-not-sell", "Do Not Sell or Share"],
  ["/privacy/limit", "Limit the Use of My Sensitive Personal Information"],
] as const) {
  test(`the "${title}" form answers any input with a message`, async ({ page }) => {
    test.setTimeout(90_000);
    const noServerErrors = watchServerErrors(page);
    const input = fc.record({
      email: typed(freshEmail),
      phone: typed(digits(10)),
      accountNumber: typed(digits(16)),
      name: typed(fc.constant("Ana Rivera")),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ email, phone, accountNumber, name }) => {
        await clearThrottles();
        await page.goto(path);
        await fillExactly(page.getByLabel(/^Email address/), email);
        await fillExactly(page.getByLabel("Phone number"), phone);
        await fillExactly(page.getByLabel("Account number"), accountNumber);
        await fillExactly(page.getByLabel(/^Full name/), name);
        await submitAndExpectAnswer(
          page,
          page.getByRole("button", { name: "Send my request" }),
          formMessage(page).or(page.getByRole("main").getByText("Your request is recorded")),
        );
        noServerErrors();
      }),
      FORM_PARAMS,
    );
  });
}

const REQUEST_TYPES = {
  KNOW_CATEGORIES: "Know what kinds of information we hold",
  KNOW_SPECIFIC: "Get a copy of the information we hold",
  DELETE: "Delete my information",
  CORRECT: "Correct my information",
} as const;

test("the public privacy request form answers any input with a message", async ({ page }) => {
  test.setTimeout(120_000);
  const noServerErrors = watchServerErrors(page);
  const file = fc.record({
    name: fc.constantFrom(
      "permission.pdf",
      "..\\..\\evil.pdf",
      `${"a".repeat(300)}.pdf`,
      "résumé.png",
      ".pdf",
      "photo.jpg.exe",
    ),
    mimeType: fc.constantFrom("application/pdf", "image/png", "image/jpeg", "text/html", "application/x-msdownload"),
    buffer: fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      fc.uint8Array({ maxLength: 500 }).map((bytes) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(bytes)])),
      fc.constant(Buffer.alloc(0)),
    ),
  });
  const input = fc.record({
    type: fc.constantFrom<"" | keyof typeof REQUEST_TYPES>("", "KNOW_CATEGORIES", "KNOW_SPECIFIC", "DELETE", "CORRECT"),
    name: typed(fc.constant("Ana Rivera")),
    email: typed(freshEmail),
    phone: typed(digits(10)),
    accountNumber: typed(digits(16)),
    zip: typed(digits(5)),
    address: typed(fc.constant("1 Main Street")),
    declared: fc.boolean(),
    declarationName: typed(fc.constant("Ana Rivera")),
    correctionField: fc.constantFrom("", "name", "email", "phone", "address"),
    correctionValue: typed(fc.constant("Ana R. Rivera")),
    agent: fc.boolean(),
    agentName: typed(fc.constant("Dana Ortiz")),
    agentEmail: typed(freshEmail),
    permission: fc.option(file, { nil: undefined }),
  });

  await fc.assert(
    fc.asyncProperty(input, async (request) => {
      await clearThrottles();
      await page.goto("/privacy/request");
      if (request.type) await page.getByRole("radio", { name: REQUEST_TYPES[request.type] }).check();
      await fillExactly(page.getByLabel(/^Full name/), request.name);
      await fillExactly(page.getByLabel(/^Email address/), request.email);
      await fillExactly(page.getByLabel("Phone number"), request.phone);
      await fillExactly(page.getByLabel("Account number"), request.accountNumber);
      await fillExactly(page.getByLabel("Service ZIP code"), request.zip);
      await fillExactly(page.getByLabel("Service street address"), request.address);
      if (request.type === "KNOW_SPECIFIC") {
        if (request.declared) await page.getByLabel(/I declare under penalty of perjury/).check();
        await fillExactly(page.getByLabel("Type your full name to sign"), request.declarationName);
      }
      if (request.type === "CORRECT") {
        await page.getByLabel("Which information is wrong?").selectOption(request.correctionField);
        await fillExactly(page.getByRole("textbox", { name: "What it should say" }), request.correctionValue);
      }
      if (request.agent) {
        await page.getByLabel("I am an authorised agent").check();
        await fillExactly(page.getByLabel("Your name"), request.agentName);
        await fillExactly(page.getByLabel("Your email address"), request.agentEmail);
        if (request.permission) await page.getByLabel("Signed permission").setInputFiles(request.permission);
      }
      await submitAndExpectAnswer(
        page,
        page.getByRole("button", { name: "Send my request" }),
        formMessage(page).or(page.getByRole("main").getByText("We received your request")),
      );
      noServerErrors();
    }),
    FORM_PARAMS,
  );
});

test("the privacy request status form answers any input with a message", async ({ page }) => {
  test.setTimeout(90_000);
  const noServerErrors = watchServerErrors(page);
  const reference = typed(
    fc.stringMatching(/^PR-[2-9A-Z]{4}-[2-9A-Z]{4}$/),
    fc.stringMatching(/^pr-[a-z2-9]{4}-[a-z2-9]{4}$/),
  );
  await fc.assert(
    fc.asyncProperty(reference, typed(freshEmail), async (ref, email) => {
      await clearThrottles();
      await page.goto("/privacy/request/status");
      await fillExactly(page.getByLabel("Reference"), ref);
      await fillExactly(page.getByLabel(/^Email address/), email);
      await submitAndExpectAnswer(
        page,
        page.getByRole("button", { name: "Check status" }),
        formMessage(page).or(page.getByRole("heading", { name: /^Request PR-/ })),
      );
      noServerErrors();
    }),
    FORM_PARAMS,
  );
});

test("the forgot-password form answers any input with a message", async ({ page }) => {
  test.setTimeout(90_000);
  const noServerErrors = watchServerErrors(page);
  const email = typed(freshEmail).filter((value) => !DEMO_EMAILS.has(value.trim().toLowerCase()));
  await fc.assert(
    fc.asyncProperty(email, async (value) => {
      await clearThrottles();
      await page.goto("/forgot-password");
      await fillExactly(page.getByLabel("Email"), value);
      await submitAndExpectAnswer(
        page,
        page.getByRole("button", { name: "Send the link" }),
        formMessage(page).or(page.getByRole("main").getByText("If that email has an online account")),
      );
      noServerErrors();
    }),
    FORM_PARAMS,
  );
});

/** The code registration texted to the account's phone, from the development outbox. */
async function registrationCode(phone: string): Promise<string> {
  const { rows } = await db.query<{ body: string }>(
    `SELECT "body" FROM "OutboxMessage" WHERE "recipient" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [phone],
  );
  const code = /^(\d{6}) /.exec(rows[0]?.body ?? "")?.[1];
  if (!code) throw new Error(`no registration code was texted to ${phone}`);
  return code;
}

/** Registration for a fresh account of this run, up to its last step (name, email, password). */
async function openCompletionStep(page: Page) {
  const account = await newServiceAccount();
  await clearThrottles();
  await page.goto("/register");
  await page.getByLabel("Account number").fill(account.accountNumber);
  await page.getByLabel("Service ZIP code").fill(FUZZ_ZIP);
  await page.getByRole("button", { name: "Send the code" }).click();
  await expect(page.getByText("Step 2 of 3")).toBeVisible();
  await page.getByLabel("Code").fill(await registrationCode(account.phone));
  await page.getByRole("button", { name: "Check the code" }).click();
  await expect(page.getByText("Step 3 of 3")).toBeVisible();
}

test("registration's first step answers any account number and ZIP with a message", async ({ page }) => {
  test.setTimeout(90_000);
  const noServerErrors = watchServerErrors(page);
  const account = await newServiceAccount();
  const accountNumber = typed(
    digits(16),
    fc.constant(account.accountNumber),
    fc.constant(account.accountNumber.replace(/(\d{4})(?=\d)/g, "$1 ")),
  );
  const zip = typed(digits(5), fc.constant(FUZZ_ZIP), fc.constant(`${FUZZ_ZIP}-1234`));
  await fc.assert(
    fc.asyncProperty(accountNumber, zip, fc.constantFrom("Text message", "Email"), async (number, code, channel) => {
      await clearThrottles();
      await page.goto("/register");
      await fillExactly(page.getByLabel("Account number"), number);
      await fillExactly(page.getByLabel("Service ZIP code"), code);
      await page.getByRole("radio", { name: channel, exact: true }).check();
      await submitAndExpectAnswer(
        page,
        page.getByRole("button", { name: "Send the code" }),
        formMessage(page).or(page.getByText("Step 2 of 3")),
      );
      noServerErrors();
    }),
    FORM_PARAMS,
  );
});

test("registration's code step answers any code, or a tampered registration, with a message", async ({ page }) => {
  test.setTimeout(90_000);
  const noServerErrors = watchServerErrors(page);
  const account = await newServiceAccount();
  await clearThrottles();
  await page.goto("/register");
  await page.getByLabel("Account number").fill(account.accountNumber);
  await page.getByLabel("Service ZIP code").fill(FUZZ_ZIP);
  await page.getByRole("button", { name: "Send the code" }).click();
  await expect(page.getByText("Step 2 of 3")).toBeVisible();
  // Five wrong codes end a registration; later runs check that its refusal is a message too.
  await fc.assert(
    fc.asyncProperty(
      typed(digits(6), fc.constant("123 456")),
      sometimes(typed(fc.uuid())),
      async (code, registrationId) => {
        await fillExactly(page.getByLabel("Code"), code);
        if (registrationId !== undefined) await tamperHidden(page, "registrationId", registrationId);
        await submitAndExpectAnswer(
          page,
          page.getByRole("button", { name: "Check the code" }),
          formMessage(page).or(page.getByText("Step 3 of 3")),
        );
        noServerErrors();
      },
    ),
    { numRuns: 10, endOnFailure: true },
  );
});

test("registration's last step answers any name, email and password with a message", async ({ page }) => {
  test.setTimeout(150_000);
  const noServerErrors = watchServerErrors(page);
  const password = fc.oneof(
    fc.string({ unit: "grapheme-ascii", minLength: 12, maxLength: 40 }),
    fc.constantFrom("password", "qwerty123", "short"),
    hostileText,
  );
  const input = fc
    .record({
      name: typed(fc.constant("Ana Rivera")),
      email: typed(freshEmail, fc.constant(DEMO.owner.email)),
      password,
      mismatch: sometimes(hostileText),
      completion: sometimes(typed(fc.string({ unit: "grapheme-ascii", minLength: 20, maxLength: 100 }))),
    })
    .map(({ mismatch, ...rest }) => ({ ...rest, confirmation: mismatch ?? rest.password }));

  await fc.assert(
    fc.asyncProperty(input, async ({ name, email, password: secret, confirmation, completion }) => {
      if (!(await page.getByRole("button", { name: "Create my account" }).isVisible())) await openCompletionStep(page);
      await fillExactly(page.getByLabel("Your name"), name);
      await fillExactly(page.getByLabel("Email"), email);
      await fillExactly(page.getByLabel("Password"), secret);
      await fillExactly(page.getByLabel("Type it again"), confirmation);
      if (completion !== undefined) await tamperHidden(page, "completion", completion);
      await submitAndExpectAnswer(
        page,
        page.getByRole("button", { name: "Create my account" }),
        formMessage(page).or(page.getByText("Your online account is ready")),
      );
      noServerErrors();
    }),
    FORM_PARAMS,
  );
});

test("the reset-password form answers any password, or a tampered link, with a message", async ({ page }) => {
  test.setTimeout(150_000);
  const noServerErrors = watchServerErrors(page);
  const owner = { email: `fuzz-${tag}-reset@example.com`, password: `harbour lantern ${tag} meadow` };
  await openCompletionStep(page);
  await page.getByLabel("Your name").fill("Fuzz Reset");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Type it again").fill(owner.password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText("Your online account is ready")).toBeVisible();
  const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = $1`, [owner.email]);
  const userId = rows[0]!.id;

  await test.step("a link that does not work", async () => {
    await fc.assert(
      fc.asyncProperty(malformedId, async (secret) => {
        const response = await page.request.get(`/reset-password/${segment(secret)}`);
        await expectHandled(response, "the reset page");
      }),
      { numRuns: 20 },
    );
  });

  const password = fc.oneof(
    fc.string({ unit: "grapheme-ascii", minLength: 12, maxLength: 40 }),
    fc.constantFrom("password", "short", owner.email),
    hostileText,
  );
  const input = fc
    .record({
      password,
      mismatch: sometimes(hostileText),
      secret: sometimes(hostileText),
    })
    .map(({ mismatch, ...rest }) => ({ ...rest, confirmation: mismatch ?? rest.password }));
  await fc.assert(
    fc.asyncProperty(input, async ({ password: secretPassword, confirmation, secret }) => {
      // Each run has its own live link, as if the subscriber had just asked for one (times are kept in UTC).
      const link = randomBytes(32).toString("base64url");
      await db.query(
        `INSERT INTO "VerificationToken" ("id", "purpose", "secretDigest", "userId", "expiresAt")
         VALUES (gen_random_uuid(), 'PASSWORD_RESET', $1, $2, timezone('UTC', now()) + interval '30 minutes')`,
        [sha256(link), userId],
      );
      await page.goto(`/reset-password/${link}`);
      await fillExactly(page.getByLabel("New password"), secretPassword);
      await fillExactly(page.getByLabel("Type it again"), confirmation);
      if (secret !== undefined) await tamperHidden(page, "secret", secret);
      await submitAndExpectAnswer(
        page,
        page.getByRole("button", { name: "Save the new password" }),
        formMessage(page).or(page.getByText("Your password is reset")),
      );
      noServerErrors();
    }),
    FORM_PARAMS,
  );
});
