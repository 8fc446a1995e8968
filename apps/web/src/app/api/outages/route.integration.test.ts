import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

let POST: (request: Request) => Promise<Response>;
let key: string;

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: inject("databaseUrl" as never) as string,
    NEXTAUTH_SECRET: "outage-route-test-secret-long-enough-123",
  });
  ({ POST } = await import("./route.ts"));
  const { coreContext } = await import("@homeport/core/context");
  const { createIngestionKey } = await import("@homeport/core/usage/ingest");
  ({ key } = await createIngestionKey(coreContext().db, "outage route test"));
});

afterAll(async () => {
  const { coreContext } = await import("@homeport/core/context");
  await coreContext().db.$disconnect();
});

const send = (body: unknown, auth: string | null = `Bearer ${key}`) =>
  POST(
    new Request("http://localhost/api/outages", {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

const ref = `route-${crypto.randomUUID()}`;
const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
const report = { ref, zips: ["95816"], services: ["INTERNET"], status: "INVESTIGATING", startedAt: hourAgo };

describe("POST /api/outages", () => {
  it("creates an outage, updates it by ref, and refuses to reopen it once resolved", async () => {
    const created = await send(report);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ref, status: "INVESTIGATING", created: true });
    expect((await send({ ...report, status: "IDENTIFIED", cause: "power" })).status).toBe(200);
    const resolved = await send({ ...report, status: "RESOLVED", resolvedAt: new Date().toISOString() });
    expect(resolved.status).toBe(200);
    expect((await send(report)).status).toBe(409);
  });

  it("answers bad input with a 4xx and what is wrong", async () => {
    expect((await send(report, null)).status).toBe(401);
    expect((await send(report, "Bearer nope")).status).toBe(401);
    expect((await send("{not json")).status).toBe(400);
    const invalid = await send({ ...report, zips: ["958"], status: "RESOLVED" });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { details: { path: string }[] };
    expect(body.details.map((d) => d.path).sort()).toEqual(["resolvedAt", "zips.0"]);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await send({ ...report, ref: `${ref}-future`, startedAt: future })).status).toBe(400);
  });
});
