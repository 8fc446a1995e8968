import { randomBytes, randomUUID } from "node:crypto";
import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import { createAccount } from "@homeport/db/factories";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { fromDbDate, toDbDate } from "../billing/calendar.ts";
import {
  authenticateIngestionKey,
  createIngestionKey,
  hashIngestionKey,
  ingestUsage,
  type RecordResult,
} from "./ingest.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const accounts: string[] = [];
const keys: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(async () => {
  await db.ingestionKey.updateMany({ where: { id: { in: keys } }, data: { revokedAt: new Date() } });
  await db.$disconnect();
});

const uniqueAccountNumber = () =>
  `9${(BigInt(`0x${randomBytes(8).toString("hex")}`) % 10n ** 15n).toString().padStart(15, "0")}`;
const randomMac = () => [...randomBytes(6)].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");

async function account() {
  const created = await createAccount(db, { accountNumber: uniqueAccountNumber(), timeZone: "America/Los_Angeles" });
  accounts.push(created.id);
  return created;
}

/** A record for one hour from `start`; ids are unique across the shared database. */
function record(accountNumber: string, start: string, down: number, up: number, extra: Record<string, unknown> = {}) {
  const from = new Date(start);
  return {
    id: `test-${randomUUID()}`,
    accountNumber,
    intervalStart: from.toISOString(),
    intervalEnd: new Date(from.getTime() + 3_600_000).toISOString(),
    bytesDown: String(down),
    bytesUp: String(up),
    ...extra,
  };
}

async function days(accountId: string) {
  const rows = await db.usageDay.findMany({ where: { accountId }, orderBy: [{ day: "asc" }, { deviceMac: "asc" }] });
  return rows.map((r) => ({ day: fromDbDate(r.day), mac: r.deviceMac, down: r.bytesDown, up: r.bytesUp }));
}

const statuses = (results: RecordResult[]) => results.map((r) => r.status);

describe("ingestUsage", () => {
  it("adds accepted records up per line and per device, on the service address's day", async () => {
    const { id, accountNumber } = await account();
    const one = "A8:9A:93:4C:21:07";
    const batch = [
      // 00:30 in Sacramento on March 15 (PDT since March 8).
      record(accountNumber, "2026-03-15T07:30:00Z", 100, 10, { deviceMac: one }),
      record(accountNumber, "2026-03-15T09:00:00Z", 200, 20, { deviceMac: "3c-22-fb-10-00-01" }),
      record(accountNumber, "2026-03-15T10:00:00Z", 5, 1),
      // 23:30 on March 14 there, though March 15 in UTC.
      record(accountNumber, "2026-03-15T06:30:00Z", 1000, 100, { deviceMac: one.toLowerCase() }),
    ];
    const results = await ingestUsage(ctx, batch);
    expect(results).toEqual(batch.map((r) => ({ id: r.id, status: "accepted" })));
    expect(await days(id)).toEqual([
      { day: "2026-03-14", mac: "", down: 1000n, up: 100n },
      { day: "2026-03-14", mac: one, down: 1000n, up: 100n },
      { day: "2026-03-15", mac: "", down: 305n, up: 31n },
      { day: "2026-03-15", mac: "3C:22:FB:10:00:01", down: 200n, up: 20n },
      { day: "2026-03-15", mac: one, down: 100n, up: 10n },
    ]);
    const stored = await db.usageRecord.findUniqueOrThrow({ where: { id: batch[1]?.id } });
    expect(stored).toMatchObject({
      accountId: id,
      deviceMac: "3C:22:FB:10:00:01",
      intervalStart: new Date("2026-03-15T09:00:00Z"),
      bytesDown: 200n,
      bytesUp: 20n,
    });
  });

  it("counts a batch sent twice, or a record repeated within one, once", async () => {
    const { id, accountNumber } = await account();
    const batch = [
      record(accountNumber, "2026-04-02T18:00:00Z", 700, 70, { deviceMac: "A8:9A:93:4C:21:07" }),
      record(accountNumber, "2026-04-02T19:00:00Z", 300, 30),
    ];
    expect(statuses(await ingestUsage(ctx, batch))).toEqual(["accepted", "accepted"]);
    const once = await days(id);
    const again = await ingestUsage(ctx, batch);
    expect(again).toEqual(batch.map((r) => ({ id: r.id, status: "duplicate" })));
    expect(await days(id)).toEqual(once);

    const repeated = record(accountNumber, "2026-04-03T18:00:00Z", 50, 5);
    const results = await ingestUsage(ctx, [repeated, { ...repeated }]);
    expect(results).toEqual([
      { id: repeated.id, status: "accepted" },
      { id: repeated.id, status: "duplicate" },
    ]);
    expect((await days(id)).find((d) => d.day === "2026-04-03" && d.mac === "")).toMatchObject({ down: 50n, up: 5n });
  });

  it("accepts each record exactly once when the same batch arrives ten times at once", async () => {
    const { id, accountNumber } = await account();
    const reference = await account();
    const macs = ["A8:9A:93:4C:21:07", "3C:22:FB:10:00:01", "F0:18:98:AB:CD:EF"];
    const batchFor = (number: string) =>
      Array.from({ length: 200 }, (_, i) =>
        record(number, new Date(Date.UTC(2026, 4, 1, 0) + i * 3_600_000).toISOString(), 1000 + i, i, {
          ...(i % 4 === 0 ? {} : { deviceMac: macs[i % 3] }),
        }),
      );
    const batch = batchFor(accountNumber);
    // Ten connections, so the ten calls really overlap.
    const wide = { db: createPrismaClient(parseDatabaseUrl(inject("databaseUrl"), 10)) };
    try {
      const all = await Promise.all(Array.from({ length: 10 }, () => ingestUsage(wide, batch)));
      for (const [i, { id: recordId }] of batch.entries()) {
        const accepted = all.filter((results) => results[i]?.status === "accepted");
        const duplicate = all.filter((results) => results[i]?.status === "duplicate");
        expect([recordId, accepted.length, duplicate.length]).toEqual([recordId, 1, 9]);
      }
    } finally {
      await wide.db.$disconnect();
    }
    // The same records for another account, ingested once, give the same totals.
    expect(statuses(await ingestUsage(ctx, batchFor(reference.accountNumber))).every((s) => s === "accepted")).toBe(
      true,
    );
    expect(await days(id)).toEqual(await days(reference.id));
    const line = (await days(id)).filter((d) => d.mac === "");
    expect(line.reduce((sum, d) => sum + d.down, 0n)).toBe(BigInt(200 * 1000 + (199 * 200) / 2));
    expect(await db.usageRecord.count({ where: { accountId: id } })).toBe(200);
  });

  it("rejects malformed records with the field and why, and takes the rest", async () => {
    const { id, accountNumber } = await account();
    const good = record(accountNumber, "2026-03-15T07:30:00Z", 100, 10);
    const base = record(accountNumber, "2026-03-15T08:30:00Z", 1, 1);
    const { id: _id, ...withoutId } = base;
    const { accountNumber: _number, ...withoutAccount } = base;
    const batch: unknown[] = [
      withoutId,
      { ...base, id: `test-${randomUUID()}`, bytesDown: "-5" },
      { ...base, id: `test-${randomUUID()}`, bytesUp: 1.5 },
      { ...base, id: `test-${randomUUID()}`, intervalEnd: "2026-03-15T08:00:00Z" },
      { ...base, id: `test-${randomUUID()}`, intervalEnd: "2026-03-16T14:30:00Z" },
      { ...base, id: `test-${randomUUID()}`, intervalStart: "2026-03-15T07:30:00" },
      { ...base, id: `test-${randomUUID()}`, deviceMac: "A8:9A:93:4C:21" },
      { ...withoutAccount, id: `test-${randomUUID()}` },
      42,
      null,
      good,
    ];
    const results = await ingestUsage(ctx, batch);
    const rejected = results.map((r) => (r.status === "rejected" ? [r.reason, r.field, r.error] : r.status));
    expect(rejected).toEqual([
      ["invalid", "id", expect.stringMatching(/expected string/)],
      ["invalid", "bytesDown", "must be a whole number of bytes"],
      ["invalid", "bytesUp", "must be a whole number of bytes"],
      ["invalid", "intervalEnd", "must be after intervalStart"],
      ["invalid", "intervalEnd", "an interval may span at most a day (25 hours)"],
      ["invalid", "intervalStart", expect.stringMatching(/^must be an ISO 8601 time with a zone/)],
      ["invalid", "deviceMac", expect.stringMatching(/^must be a MAC address/)],
      ["invalid", "accountNumber", "give accountNumber or modemMac"],
      ["invalid", "record", expect.stringMatching(/expected object/)],
      ["invalid", "record", expect.stringMatching(/expected object/)],
      "accepted",
    ]);
    expect(results.map((r) => r.id)).toEqual(batch.map((r) => (r as { id?: string } | null)?.id ?? null));
    expect(await days(id)).toEqual([{ day: "2026-03-15", mac: "", down: 100n, up: 10n }]);
  });

  it("rejects records for no known account, and finds the account by its modem", async () => {
    const { id, accountNumber } = await account();
    const modem = randomMac();
    const returned = randomMac();
    await db.equipment.createMany({
      data: [
        {
          accountId: id,
          kind: "MODEM",
          model: "Test Modem",
          serialNumber: `test-${randomUUID()}`,
          macAddress: modem,
          installedOn: toDbDate("2025-01-01"),
        },
        {
          accountId: id,
          kind: "MODEM",
          model: "Old Modem",
          serialNumber: `test-${randomUUID()}`,
          macAddress: returned,
          installedOn: toDbDate("2024-01-01"),
          returnedOn: toDbDate("2025-01-01"),
        },
      ],
    });
    const unknown = record(`7${accountNumber.slice(1)}`, "2026-03-15T07:30:00Z", 1, 1);
    const { accountNumber: _n, ...noNumber } = record(accountNumber, "2026-03-15T07:30:00Z", 40, 4);
    const byModem = { ...noNumber, modemMac: modem.toLowerCase().replaceAll(":", "-") };
    const { accountNumber: _m, ...noNumber2 } = record(accountNumber, "2026-03-15T07:30:00Z", 9, 9);
    const byReturned = { ...noNumber2, modemMac: returned };
    const results = await ingestUsage(ctx, [unknown, byModem, byReturned]);
    expect(results).toEqual([
      {
        id: unknown.id,
        status: "rejected",
        reason: "unknown_account",
        field: "accountNumber",
        error: "matches no account",
      },
      { id: byModem.id, status: "accepted" },
      {
        id: byReturned.id,
        status: "rejected",
        reason: "unknown_account",
        field: "modemMac",
        error: "matches no account",
      },
    ]);
    expect(await days(id)).toEqual([{ day: "2026-03-15", mac: "", down: 40n, up: 4n }]);
  });

  it("stores byte counts past 2^53 exactly, and rejects ones no column can hold", async () => {
    const { id, accountNumber } = await account();
    const huge = "9007199254740993"; // 2^53 + 1
    const big = record(accountNumber, "2026-03-15T07:30:00Z", 0, 0, { bytesDown: huge, bytesUp: huge });
    const tooBig = record(accountNumber, "2026-03-15T08:30:00Z", 0, 0, { bytesDown: "99999999999999999999" });
    const unsafeNumber = record(accountNumber, "2026-03-15T09:30:00Z", 0, 0, { bytesDown: 2 ** 53 });
    const results = await ingestUsage(ctx, [big, tooBig, unsafeNumber]);
    expect(results.map((r) => (r.status === "rejected" ? r.field : r.status))).toEqual([
      "accepted",
      "bytesDown",
      "bytesDown",
    ]);
    const stored = await db.usageRecord.findUniqueOrThrow({ where: { id: big.id } });
    expect(stored.bytesDown).toBe(2n ** 53n + 1n);
    expect(await days(id)).toEqual([{ day: "2026-03-15", mac: "", down: 2n ** 53n + 1n, up: 2n ** 53n + 1n }]);
  });
});

describe("ingestion keys", () => {
  it("authenticate their integration, note their use, and are stored only as a hash", async () => {
    const name = `Network feed ${randomUUID()}`;
    const created = await createIngestionKey(db, name);
    keys.push(created.id);
    expect(created.key).toMatch(/^hpk_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/);
    expect(created.key.startsWith(`hpk_${created.prefix}_`)).toBe(true);
    expect((await db.ingestionKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeNull();

    expect(await authenticateIngestionKey(db, created.key)).toEqual({ id: created.id, name });
    const row = await db.ingestionKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.secretHash).toBe(hashIngestionKey(created.key));

    const secret = created.key.split("_").slice(2).join("_");
    const [raw] = await db.$queryRaw<{ row: string }[]>`
      SELECT row_to_json(k)::text AS row FROM "IngestionKey" k WHERE k.id = ${created.id}::uuid`;
    expect(raw?.row).toContain(created.prefix);
    expect(raw?.row).not.toContain(created.key);
    expect(raw?.row).not.toContain(secret);
  });

  it("refuse a wrong, malformed, missing or revoked key", async () => {
    const created = await createIngestionKey(db, `Revoked feed ${randomUUID()}`);
    keys.push(created.id);
    const last = created.key.at(-1) === "A" ? "B" : "A";
    const wrong = `${created.key.slice(0, -1)}${last}`;
    expect(await authenticateIngestionKey(db, wrong)).toBeNull();
    expect(await authenticateIngestionKey(db, `${created.key}x`)).toBeNull();
    expect(await authenticateIngestionKey(db, "not-a-key")).toBeNull();
    expect(await authenticateIngestionKey(db, "")).toBeNull();
    expect(await authenticateIngestionKey(db, null)).toBeNull();
    expect(await authenticateIngestionKey(db, undefined)).toBeNull();

    await db.ingestionKey.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    expect(await authenticateIngestionKey(db, created.key)).toBeNull();
    expect((await db.ingestionKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeNull();
  });
});
