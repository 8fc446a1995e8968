import { randomBytes, randomUUID } from "node:crypto";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IdentityError } from "../identity/errors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { authenticateIngestionKey, hashIngestionKey } from "../usage/ingest.ts";
import { type ApiKeyActor, ApiKeyError, createApiKey, listApiKeys, revokeApiKey } from "./api-keys.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `keys-${name}-${tag}-${(sequence += 1)}@example.com`;
const request = { ip: "203.0.113.41", userAgent: "vitest" };

type Role = "SUPPORT_AGENT" | "PRIVACY_OFFICER" | "ADMIN";
async function staff(role: Role): Promise<ApiKeyActor> {
  const user = await createUser(db, { email: email(role.toLowerCase()), staffRole: role });
  return { id: user.id, staffRole: role, sessionId: randomUUID(), stepUpAt: null };
}
const fresh = <T extends ApiKeyActor>(actor: T): T => ({ ...actor, stepUpAt: ctx.now() });

let admin: ApiKeyActor;
beforeAll(async () => {
  admin = await staff("ADMIN");
});
afterAll(() => db.$disconnect());

describe("ingestion API keys in the console", () => {
  it("creates a key whose secret is returned once and stored only as a hash, and it authenticates", async () => {
    const created = await createApiKey(ctx, fresh(admin), request, { name: `  Network feed ${tag}  ` });
    expect(created.name).toBe(`Network feed ${tag}`);
    expect(created.secret.startsWith(`hpk_${created.prefix}_`)).toBe(true);

    const row = await db.ingestionKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretHash).toBe(hashIngestionKey(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(13));

    expect(await authenticateIngestionKey(db, created.secret)).toEqual({ id: created.id, name: created.name });
    const listed = (await listApiKeys(ctx, admin, request)).find((k) => k.id === created.id);
    expect(listed).toMatchObject({ name: created.name, prefix: created.prefix, revokedAt: null });
    expect(listed?.lastUsedAt).toBeInstanceOf(Date);
    expect(Object.keys(listed ?? {}).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"]);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { target: created.id } });
    expect(audit).toMatchObject({
      action: "usage.ingestion_key_create",
      outcome: "SUCCESS",
      actorUserId: admin.id,
      sessionId: admin.sessionId,
      ip: request.ip,
    });
    expect(JSON.stringify(audit.details)).not.toContain(created.secret);
  });

  it("revoking stops the key at once, is idempotent, audited once, and lists revoked keys last", async () => {
    const created = await createApiKey(ctx, fresh(admin), request, { name: `Billing mediation ${tag}` });
    const live = await createApiKey(ctx, fresh(admin), request, { name: `Still live ${tag}` });
    expect(await authenticateIngestionKey(db, created.secret)).not.toBeNull();

    expect(await revokeApiKey(ctx, fresh(admin), request, { keyId: created.id })).toEqual({ revoked: true });
    expect(await authenticateIngestionKey(db, created.secret)).toBeNull();
    expect(await revokeApiKey(ctx, fresh(admin), request, { keyId: created.id })).toEqual({ revoked: false });
    expect(await authenticateIngestionKey(db, live.secret)).not.toBeNull();

    const revocations = await db.auditEvent.findMany({ where: { action: "admin.api_key.revoke", target: created.id } });
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({
      actorUserId: admin.id,
      details: { name: `Billing mediation ${tag}`, prefix: created.prefix },
    });

    const keys = await listApiKeys(ctx, admin, request);
    const positions = [keys.findIndex((k) => k.id === live.id), keys.findIndex((k) => k.id === created.id)];
    expect(positions[0]).toBeLessThan(positions[1]!);
    expect(keys.find((k) => k.id === created.id)?.revokedAt).toEqual(ctx.now());

    await expect(revokeApiKey(ctx, fresh(admin), request, { keyId: randomUUID() })).rejects.toEqual(
      new ApiKeyError("KEY_NOT_FOUND"),
    );
  });

  it("refuses staff without MANAGE_API_KEYS and subscribers (audited), and asks for a recent step-up", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const officer = await staff("PRIVACY_OFFICER");
    const { owner } = await createHousehold(db, { owner: { email: email("owner") } });
    const subscriber: ApiKeyActor = { id: owner.id, staffRole: null, sessionId: randomUUID(), stepUpAt: ctx.now() };
    const key = await createApiKey(ctx, fresh(admin), request, { name: `Target ${tag}` });
    const before = await db.ingestionKey.count();

    for (const who of [fresh(agent), fresh(officer), subscriber]) {
      await expect(listApiKeys(ctx, who, request)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
      await expect(createApiKey(ctx, who, request, { name: "Sneaky" })).rejects.toEqual(
        new IdentityError("NOT_ALLOWED"),
      );
      await expect(revokeApiKey(ctx, who, request, { keyId: key.id })).rejects.toEqual(
        new IdentityError("NOT_ALLOWED"),
      );
    }
    expect(await db.ingestionKey.count()).toBe(before);
    expect(await authenticateIngestionKey(db, key.secret)).not.toBeNull();
    const refusals = await db.auditEvent.findMany({
      where: { action: "admin.denied", actorUserId: { in: [agent.id, officer.id, owner.id] } },
    });
    expect(refusals).toHaveLength(9);
    expect(refusals.every((e) => (e.details as { permission?: string }).permission === "MANAGE_API_KEYS")).toBe(true);

    const stale = { ...admin, stepUpAt: new Date(ctx.now().getTime() - 11 * 60_000) };
    await expect(createApiKey(ctx, stale, request, { name: "Late" })).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    await expect(revokeApiKey(ctx, stale, request, { keyId: key.id })).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    expect(await db.ingestionKey.count()).toBe(before);
    // Listing changes nothing, so it needs no step-up.
    expect((await listApiKeys(ctx, stale, request)).some((k) => k.id === key.id)).toBe(true);
    await expect(createApiKey(ctx, fresh(admin), request, { name: "   " })).rejects.toThrow("NAME_REQUIRED");
  });
});
