import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

let POST: (request: Request) => Promise<Response>;
let key: string;
let accountNumber: string;

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: inject("databaseUrl" as never) as string,
    NEXTAUTH_SECRET: "usage-route-test-secret-long-enough-1234",
  });
  ({ POST } = await import("./route.ts"));
  const { coreContext } = await import("@homeport/core/context");
  const { createIngestionKey } = await import("@homeport/core/usage/ingest");
  const db = coreContext().db;
  accountNumber = `8352${String(Date.now()).slice(-12)}`;
  await db.serviceAccount.create({
    data: {
      accountNumber,
      holderName: "Usage Household",
      addressLine1: "2 Test Way",
      city: "Sacramento",
      state: "CA",
      zip: "95816",
      timeZone: "America/Los_Angeles",
    },
  });
  ({ key } = await createIngestionKey(db, "route test"));
});

afterAll(async () => {
  const { coreContext } = await import("@homeport/core/context");
  await coreContext().db.$disconnect();
});

const send = (body: unknown, auth: string | null = `Bearer ${key}`) =>
  POST(
    new Request("http://localhost/api/usage/records", {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  accountNumber,
  intervalStart: "2026-03-15T07:00:00Z",
  intervalEnd: "2026-03-15T08:00:00Z",
  bytesDown: "1500000000",
  bytesUp: 200000000,
  ...extra,
});

describe("POST /api/usage/records", () => {
  it("answers each record on its own: accepted, duplicate, malformed (400) or unknown account (404)", async () => {
    const tag = crypto.randomUUID();
    const response = await send({
      records: [
        record(`${tag}-1`),
        record(`${tag}-1`),
        record(`${tag}-2`, { bytesDown: "-5" }),
        record(`${tag}-3`, { accountNumber: "8352000000000000" }),
        42,
      ],
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 1, duplicate: 1, rejected: 3 });
    expect(body.results.map((r: { code: number }) => r.code)).toEqual([201, 200, 400, 404, 400]);
    expect(body.results[2]).toMatchObject({ field: "bytesDown", error: "must be a whole number of bytes" });

    const again = await (await send({ records: [record(`${tag}-1`)] })).json();
    expect(again.results[0]).toMatchObject({ status: "duplicate", code: 200 });
  });

  it("refuses a missing or wrong key with 401, and a malformed batch with 400 or 413, never a 500", async () => {
    expect((await send({ records: [record("x")] }, null)).status).toBe(401);
    expect(
      (await send({ records: [record("x")] }, "Bearer hpk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status,
    ).toBe(401);
    expect((await send("{not json")).status).toBe(400);
    expect((await send({ rows: [] })).status).toBe(400);
    expect((await send({ records: [] })).status).toBe(400);
    const tooMany = Array.from({ length: 1001 }, (_, i) => record(`too-many-${i}`));
    expect((await send({ records: tooMany })).status).toBe(413);
  });
});
