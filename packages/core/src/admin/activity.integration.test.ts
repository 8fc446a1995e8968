import { randomBytes } from "node:crypto";
import type { AuditOutcome } from "@homeport/db";
import { createAccount, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZodError } from "zod";
import { createTestContext } from "../testing/test-context.ts";
import {
  ACTIVITY_CSV_HEADER,
  collectCsv,
  encodeActivityCursor,
  exportActivityCsv,
  searchActivity,
  summariseDetails,
} from "./activity.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
/** Every action in this file starts with it, so a prefix filter sees only this run's events. */
const prefix = `act${tag}.`;
let sequence = 0;
const email = (name: string) => `activity-${name}-${tag}-${(sequence += 1)}@example.com`;

type StaffRole = "SUPPORT_AGENT" | "ADMIN" | "PRIVACY_OFFICER";
async function staff(role: StaffRole) {
  const user = await createUser(db, { email: email(role.toLowerCase()), name: `Staff ${role}`, staffRole: role });
  return { id: user.id, staffRole: role, email: user.email, name: user.name };
}

let agent: Awaited<ReturnType<typeof staff>>;
let admin: Awaited<ReturnType<typeof staff>>;
let officer: Awaited<ReturnType<typeof staff>>;
let household: Awaited<ReturnType<typeof createHousehold>>;
let otherAccount: Awaited<ReturnType<typeof createAccount>>;
const base = new Date("2026-03-10T12:00:00.000Z");
const at = (minutes: number) => new Date(base.getTime() + minutes * 60_000);

interface Seeded {
  action: string;
  outcome?: AuditOutcome;
  occurredAt: Date;
  accountId?: string | null;
  actorUserId?: string | null;
  ip?: string | null;
  target?: string | null;
  details?: object;
}

async function seed(events: Seeded[]) {
  for (const event of events) {
    await db.auditEvent.create({
      data: {
        action: event.action,
        outcome: event.outcome ?? "SUCCESS",
        occurredAt: event.occurredAt,
        accountId: event.accountId ?? null,
        actorUserId: event.actorUserId ?? null,
        ip: event.ip ?? null,
        target: event.target ?? null,
        ...(event.details ? { details: event.details } : {}),
      },
    });
  }
}

beforeAll(async () => {
  [agent, admin, officer] = await Promise.all([staff("SUPPORT_AGENT"), staff("ADMIN"), staff("PRIVACY_OFFICER")]);
  household = await createHousehold(db, { owner: { email: email("owner"), name: "Ada Owner" } });
  otherAccount = await createAccount(db, { holderName: "Other Household" });
  const owner = household.owner.id;
  await seed([
    {
      action: `${prefix}identity.sign_in`,
      occurredAt: at(0),
      accountId: household.account.id,
      actorUserId: owner,
      ip: "198.51.100.7",
    },
    {
      action: `${prefix}identity.sign_in`,
      outcome: "FAILURE",
      occurredAt: at(1),
      accountId: household.account.id,
      ip: "198.51.100.8",
    },
    {
      action: `${prefix}billing.payment`,
      occurredAt: at(2),
      accountId: household.account.id,
      actorUserId: owner,
      details: { amountCents: 2599 },
    },
    {
      action: `${prefix}admin.denied`,
      outcome: "DENIED",
      occurredAt: at(3),
      actorUserId: officer.id,
      ip: "198.51.100.7",
    },
    { action: `${prefix}identity.sign_in`, occurredAt: at(4), accountId: otherAccount.id, ip: "203.0.113.99" },
    {
      action: `${prefix}billing.payment`,
      occurredAt: at(60 * 24 * 3),
      accountId: otherAccount.id,
      target: '=HYPERLINK("http://x")',
    },
  ]);
});
afterAll(() => db.$disconnect());

const ours = { action: prefix };
/** The paging test's events, kept apart so they do not change the other tests' counts. */
const pagePrefix = `page${tag}.`;

describe("searchActivity", () => {
  it("returns this run's events newest first, with the actor's and the account's names", async () => {
    const { events, nextCursor } = await searchActivity(ctx, agent, ours);
    expect(nextCursor).toBeNull();
    expect(events.map((e) => e.action.slice(prefix.length))).toEqual([
      "billing.payment",
      "identity.sign_in",
      "admin.denied",
      "billing.payment",
      "identity.sign_in",
      "identity.sign_in",
    ]);
    const payment = events[3]!;
    expect(payment.actor).toEqual({ id: household.owner.id, name: "Ada Owner", email: household.owner.email });
    expect(payment.account).toMatchObject({
      id: household.account.id,
      accountNumber: household.account.accountNumber,
      holderName: household.account.holderName,
    });
    expect(payment.details).toEqual({ amountCents: 2599 });
    expect(summariseDetails(payment.details)).toBe("amountCents: 2599");
  });

  it("filters by account (id or number), actor (id or email), action, outcome, IP and time range", async () => {
    const count = async (filter: Record<string, string>) =>
      (await searchActivity(ctx, admin, { ...ours, ...filter })).events.length;
    expect(await count({ accountId: household.account.id })).toBe(3);
    const spaced = household.account.accountNumber.replace(/(\d{4})(?=\d)/g, "$1 ");
    expect(await count({ accountId: spaced })).toBe(3);
    expect(await count({ accountId: "9999000011112222" })).toBe(0);
    expect(await count({ actor: household.owner.id })).toBe(2);
    expect(await count({ actor: household.owner.email.toUpperCase() })).toBe(2);
    expect(await count({ actor: `nobody-${tag}@example.com` })).toBe(0);
    expect(await count({ action: `${prefix}identity.sign_in` })).toBe(3);
    expect(await count({ action: `${prefix}billing.*` })).toBe(2);
    expect(await count({ action: `${prefix}billing.`, accountId: otherAccount.id })).toBe(1);
    // The prefix is literal text: "_" in it is not a LIKE wildcard.
    expect(await count({ action: `${prefix}identity_` })).toBe(0);
    expect(await count({ outcome: "DENIED" })).toBe(1);
    expect(await count({ outcome: "FAILURE", accountId: household.account.id })).toBe(1);
    expect(await count({ ip: "198.51.100.7" })).toBe(2);
    expect(await count({ from: at(1).toISOString(), to: at(3).toISOString() })).toBe(3);
    expect(await count({ from: "2026-03-11T00:00:00-08:00" })).toBe(1);
    // Empty fields from the GET form mean "any".
    expect(await count({ accountId: "", actor: "", outcome: "", ip: "", from: "", to: "", cursor: "" })).toBe(6);
  });

  it("rejects malformed filters with a ZodError", async () => {
    for (const bad of [
      { outcome: "MAYBE" },
      { from: "yesterday" },
      { from: at(5).toISOString(), to: at(1).toISOString() },
      { limit: 500 },
      { accountId: "drop table" },
      { action: "privacy.%" },
    ]) {
      await expect(searchActivity(ctx, agent, { ...ours, ...bad })).rejects.toBeInstanceOf(ZodError);
    }
  });

  it("pages through events with equal timestamps: each once, in order, across three pages", async () => {
    const same = at(-60);
    await seed(
      Array.from({ length: 7 }, (_, i) => ({ action: `${pagePrefix}e${i}`, occurredAt: i < 6 ? same : at(-61) })),
    );
    const expected = await db.auditEvent.findMany({
      where: { action: { startsWith: pagePrefix } },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    for (let pageNo = 0; pageNo < 5; pageNo += 1) {
      const result = await searchActivity(ctx, agent, { action: pagePrefix, limit: 3, cursor });
      seen.push(...result.events.map((e) => e.id));
      sizes.push(result.events.length);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(expected.map((e) => String(e.id)));
  });

  it("rejects an edited or made-up cursor", async () => {
    const first = await searchActivity(ctx, agent, { ...ours, limit: 2 });
    const cursor = first.nextCursor!;
    expect(cursor).toEqual(expect.any(String));
    const [payload, digest] = cursor.split(".");
    const edited = Buffer.from(
      Buffer.from(payload!, "base64url")
        .toString("utf8")
        .replace(/\.\d+$/, ".1"),
      "utf8",
    );
    for (const bad of [
      `${edited.toString("base64url")}.${digest}`,
      `${payload}.${digest!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`,
      "not-a-cursor",
      `${payload}`,
      Buffer.from("1700000000000.5").toString("base64url"),
    ]) {
      await expect(searchActivity(ctx, agent, { ...ours, cursor: bad })).rejects.toBeInstanceOf(ZodError);
    }
    // A well-formed cursor for any position is accepted: it names a place, not a permission.
    const made = encodeActivityCursor({ occurredAt: at(2), id: 9_000_000_000_000n });
    const older = await searchActivity(ctx, agent, { ...ours, cursor: made });
    expect(older.events.map((e) => e.occurredAt.getTime())).toEqual([at(2), at(1), at(0)].map((d) => d.getTime()));
  });

  it("refuses privacy officers and subscribers, and records the refusal", async () => {
    const subscriber = { id: household.owner.id, staffRole: null };
    for (const who of [officer, subscriber]) {
      await expect(searchActivity(ctx, who, ours)).rejects.toMatchObject({
        name: "IdentityError",
        code: "NOT_ALLOWED",
      });
      await expect(exportActivityCsv(ctx, who, ours)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    }
    const denied = await db.auditEvent.findMany({
      where: { action: "admin.denied", actorUserId: { in: [officer.id, household.owner.id] } },
    });
    expect(denied).toHaveLength(4);
    expect(denied.every((e) => (e.details as { permission?: string }).permission === "VIEW_ACTIVITY")).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "admin.activity.exported", actorUserId: officer.id } })).toBe(
      0,
    );
  });
});

describe("exportActivityCsv", () => {
  it("writes RFC 4180 CSV with formula cells neutralised, and records the export with its filter", async () => {
    const request = { actorUserId: admin.id, ip: "192.0.2.44", userAgent: "vitest" };
    const csv = await collectCsv(
      await exportActivityCsv(ctx, admin, { action: `${prefix}billing.`, limit: 1 }, undefined, request),
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(ACTIVITY_CSV_HEADER.join(","));
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
    expect(lines[1]).toContain(`'=HYPERLINK(""http://x"")`);
    expect(lines[1]!.startsWith(`${at(60 * 24 * 3).toISOString()},,,${prefix}billing.payment,SUCCESS,`)).toBe(true);
    expect(lines[2]).toContain(`Ada Owner,${prefix}billing.payment,SUCCESS,${household.account.accountNumber}`);
    expect(lines[2]).toContain(`"{""amountCents"":2599}"`);
    const recorded = await db.auditEvent.findFirstOrThrow({
      where: { action: "admin.activity.exported", actorUserId: admin.id },
      orderBy: { id: "desc" },
    });
    expect(recorded).toMatchObject({
      outcome: "SUCCESS",
      ip: "192.0.2.44",
      details: { filter: { action: `${prefix}billing.*` }, maxRows: 50_000 },
    });
  });

  it("exports an empty file for an account id that names no account, and records it", async () => {
    const nobody = "01900000-0000-7000-8000-0000000000aa";
    const csv = await collectCsv(await exportActivityCsv(ctx, admin, { accountId: nobody }));
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1);
    const recorded = await db.auditEvent.findFirstOrThrow({
      where: { action: "admin.activity.exported", actorUserId: admin.id },
      orderBy: { id: "desc" },
    });
    expect(recorded).toMatchObject({ accountId: null, details: { filter: { account: nobody } } });
  });

  it("stops at maxRows and pages in batches past equal timestamps", async () => {
    const csv = await collectCsv(await exportActivityCsv(ctx, agent, ours, 4));
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(5);
    const all = await collectCsv(await exportActivityCsv(ctx, agent, { action: pagePrefix }, 50_000));
    expect(all.split("\r\n").filter(Boolean)).toHaveLength(8);
  });
});
