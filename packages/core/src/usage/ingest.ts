import { createHash, randomBytes } from "node:crypto";
import { Prisma } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { calendarDateAt, toDbDate } from "../billing/calendar.ts";
import { isStorableInstant, isStorableText, STORABLE_YEARS } from "../storable.ts";

/** What one record may say, with the field at fault named in every message. */
const ZMac = z
  .string()
  .trim()
  .regex(/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/, "must be a MAC address like A8:9A:93:4C:21:07")
  .transform((v) => v.toUpperCase().replaceAll("-", ":"));
/**
 * Ten petabytes: far more than any line moves in a day, yet hundreds of such records summed into
 * one day's total still fit the bigint column, so an absurd value is refused per record instead of
 * failing a whole batch's insert.
 */
const MAX_BYTES = 10_000_000_000_000_000n;
const ZBytes = z
  .union(
    [
      z
        .string()
        .regex(/^\d{1,20}$/, "must be a whole number of bytes")
        .refine((v) => BigInt(v) <= MAX_BYTES, {
          message: `must be at most ${MAX_BYTES} bytes`,
          when: (payload) => payload.issues.length === 0,
        }),
      z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    ],
    // A fraction or another type fails both options; name the rule rather than "Invalid input".
    { error: "must be a whole number of bytes" },
  )
  .transform((v) => BigInt(v));
const ZInstant = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 time with a zone, like 2026-11-21T14:00:00Z" })
  .transform((v) => new Date(v))
  .refine(isStorableInstant, `must be in the years ${STORABLE_YEARS}`);

// A day at most: 25 hours on the night the clocks go back.
const MAX_INTERVAL_MS = 25 * 3_600_000;

export const ZUsageRecordInput = z
  .object({
    id: z
      .string()
      .trim()
      .min(1, "is required")
      .max(128, "is longer than 128 characters")
      .refine(isStorableText, "must not contain control characters or unpaired surrogates"),
    accountNumber: z
      .string()
      .regex(/^\d{16}$/, "must be the 16-digit account number")
      .optional(),
    modemMac: ZMac.optional(),
    deviceMac: ZMac.optional(),
    intervalStart: ZInstant,
    intervalEnd: ZInstant,
    bytesDown: ZBytes,
    bytesUp: ZBytes,
  })
  .refine((r) => r.accountNumber || r.modemMac, { message: "give accountNumber or modemMac", path: ["accountNumber"] })
  // Only once the times parsed: a time without a zone leaves the string in place of a Date.
  .refine((r) => r.intervalEnd > r.intervalStart, {
    message: "must be after intervalStart",
    path: ["intervalEnd"],
    when: (payload) => payload.issues.length === 0,
  })
  .refine((r) => r.intervalEnd.getTime() - r.intervalStart.getTime() <= MAX_INTERVAL_MS, {
    message: "an interval may span at most a day (25 hours)",
    path: ["intervalEnd"],
    when: (payload) => payload.issues.length === 0,
  });

export type UsageRecordInput = z.infer<typeof ZUsageRecordInput>;

export type RecordResult =
  | { id: string | null; status: "accepted" | "duplicate" }
  | { id: string | null; status: "rejected"; reason: "invalid" | "unknown_account"; field: string; error: string };

export const MAX_BATCH = 1000;

/** A key is `hpk_<prefix>_<secret>`; only the SHA-256 of the whole key is stored (it is random, not a password). */
export function hashIngestionKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createIngestionKey(db: CoreContext["db"], name: string, request: RequestContext = {}) {
  const prefix = randomBytes(4).toString("hex");
  const key = `hpk_${prefix}_${randomBytes(24).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.ingestionKey.create({ data: { name, prefix, secretHash: hashIngestionKey(key) } });
    await recordAuditEvent(tx, request, {
      action: "usage.ingestion_key_create",
      outcome: "SUCCESS",
      target: created.id,
      details: { name, prefix },
    });
    return created;
  });
  return { id: row.id, prefix, key };
}

/** The integration a request's key belongs to, or null for a missing, unknown or revoked key. */
export async function authenticateIngestionKey(db: CoreContext["db"], key: string | null | undefined) {
  if (!key || !/^hpk_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/.test(key)) return null;
  const row = await db.ingestionKey.findUnique({ where: { secretHash: hashIngestionKey(key) } });
  if (!row || row.revokedAt) return null;
  await db.ingestionKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { id: row.id, name: row.name };
}

function firstIssue(error: z.ZodError): { field: string; error: string } {
  const issue = error.issues[0];
  return { field: issue?.path.join(".") || "record", error: issue?.message ?? "is invalid" };
}

/**
 * Takes a batch of usage records from the network. Each record is applied whole or not at all: a
 * malformed one or one for an unknown account is rejected with the reason, a record id seen before
 * is a duplicate, and the rest are stored and added to the daily totals in one transaction.
 */
export async function ingestUsage(ctx: Pick<CoreContext, "db">, batch: unknown[]): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array(batch.length);
  const valid: { index: number; record: UsageRecordInput }[] = [];
  const seenInBatch = new Set<string>();
  batch.forEach((raw, index) => {
    const parsed = ZUsageRecordInput.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : null;
    if (!parsed.success) {
      results[index] = { id, status: "rejected", reason: "invalid", ...firstIssue(parsed.error) };
    } else if (seenInBatch.has(parsed.data.id)) {
      results[index] = { id, status: "duplicate" };
    } else {
      seenInBatch.add(parsed.data.id);
      valid.push({ index, record: parsed.data });
    }
  });

  const numbers = [...new Set(valid.flatMap(({ record }) => (record.accountNumber ? [record.accountNumber] : [])))];
  const modems = [
    ...new Set(valid.flatMap(({ record }) => (!record.accountNumber && record.modemMac ? [record.modemMac] : []))),
  ];
  const [byNumber, byModem] = await Promise.all([
    numbers.length
      ? ctx.db.serviceAccount.findMany({
          where: { accountNumber: { in: numbers } },
          select: { id: true, accountNumber: true, timeZone: true },
        })
      : [],
    modems.length
      ? ctx.db.equipment.findMany({
          where: { macAddress: { in: modems }, kind: "MODEM", returnedOn: null },
          select: { macAddress: true, account: { select: { id: true, timeZone: true } } },
        })
      : [],
  ]);
  const accountByNumber = new Map(byNumber.map((a) => [a.accountNumber, a]));
  const accountByModem = new Map(byModem.map((e) => [e.macAddress as string, e.account]));

  const rows: { index: number; record: UsageRecordInput; accountId: string; day: string }[] = [];
  for (const { index, record } of valid) {
    const account = record.accountNumber
      ? accountByNumber.get(record.accountNumber)
      : accountByModem.get(record.modemMac as string);
    if (!account) {
      results[index] = {
        id: record.id,
        status: "rejected",
        reason: "unknown_account",
        field: record.accountNumber ? "accountNumber" : "modemMac",
        error: "matches no account",
      };
      continue;
    }
    // A record counts on the day its interval starts at the service address.
    rows.push({ index, record, accountId: account.id, day: calendarDateAt(record.intervalStart, account.timeZone) });
  }
  if (rows.length === 0) return results;

  await ctx.db.$transaction(async (tx) => {
    const inserted = await tx.usageRecord.createManyAndReturn({
      data: rows.map(({ record, accountId }) => ({
        id: record.id,
        accountId,
        deviceMac: record.deviceMac ?? "",
        intervalStart: record.intervalStart,
        intervalEnd: record.intervalEnd,
        bytesDown: record.bytesDown,
        bytesUp: record.bytesUp,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    const fresh = new Set(inserted.map((r) => r.id));
    const totals = new Map<string, { accountId: string; day: string; mac: string; down: bigint; up: bigint }>();
    const add = (accountId: string, day: string, mac: string, down: bigint, up: bigint) => {
      const key = `${accountId}|${day}|${mac}`;
      const entry = totals.get(key) ?? { accountId, day, mac, down: 0n, up: 0n };
      entry.down += down;
      entry.up += up;
      totals.set(key, entry);
    };
    for (const { index, record, accountId, day } of rows) {
      if (!fresh.has(record.id)) {
        results[index] = { id: record.id, status: "duplicate" };
        continue;
      }
      results[index] = { id: record.id, status: "accepted" };
      add(accountId, day, "", record.bytesDown, record.bytesUp);
      if (record.deviceMac) add(accountId, day, record.deviceMac, record.bytesDown, record.bytesUp);
    }
    if (totals.size === 0) return;
    const values = [...totals.values()].map(
      (t) => Prisma.sql`(${t.accountId}::uuid, ${toDbDate(t.day)}::date, ${t.mac}, ${t.down}, ${t.up})`,
    );
    await tx.$executeRaw`
      INSERT INTO "UsageDay" ("accountId", "day", "deviceMac", "bytesDown", "bytesUp")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("accountId", "day", "deviceMac") DO UPDATE
        SET "bytesDown" = "UsageDay"."bytesDown" + EXCLUDED."bytesDown",
            "bytesUp" = "UsageDay"."bytesUp" + EXCLUDED."bytesUp"`;
  });
  return results;
}
