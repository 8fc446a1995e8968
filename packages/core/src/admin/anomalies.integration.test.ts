import { randomBytes } from "node:crypto";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { signIn } from "../identity/sign-in.ts";
import { createTestContext } from "../testing/test-context.ts";
import {
  acknowledgeAnomaly,
  escalateAnomaly,
  getAnomaly,
  listAnomalies,
  resolveAnomaly,
  runAnomalyScan,
  scanForAnomalies,
} from "./anomalies.ts";
import { bucketStart, FAILED_SIGN_IN_ACCOUNT_THRESHOLD, FAILED_SIGN_IN_WINDOW_MS, HOUR } from "./anomaly-rules.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `anomaly-${name}-${tag}-${(sequence += 1)}@example.com`;
/** A documentation address per test, so other tests' events never share a subject. */
const ip = () => `198.51.${Number.parseInt(tag.slice(0, 2), 16)}.${(sequence += 1) % 250}`;

type StaffRole = "SUPPORT_AGENT" | "ADMIN" | "PRIVACY_OFFICER";
async function staff(role: StaffRole) {
  const user = await createUser(db, {
    email: email(role.toLowerCase()),
    name: `Staff ${role} ${tag}`,
    staffRole: role,
  });
  return { id: user.id, staffRole: role as string | null, stepUpAt: new Date() as Date | null };
}

let agent: Awaited<ReturnType<typeof staff>>;
let admin: Awaited<ReturnType<typeof staff>>;
let officer: Awaited<ReturnType<typeof staff>>;

beforeAll(async () => {
  agent = await staff("SUPPORT_AGENT");
  admin = await staff("ADMIN");
  officer = await staff("PRIVACY_OFFICER");
});
afterAll(() => db.$disconnect());

function fresh<T extends { stepUpAt: Date | null }>(actor: T): T {
  ctx.setNow(new Date());
  return { ...actor, stepUpAt: ctx.now() };
}

/** Failed sign-ins as sign-in.ts writes them, inside one 15-minute bucket an hour ago. */
async function failedBurst(
  victim: { id: string; email: string },
  accountId: string,
  count: number,
  address: string,
  offset = 0,
) {
  const start = bucketStart(new Date(Date.now() - HOUR), FAILED_SIGN_IN_WINDOW_MS).getTime() + offset;
  await db.auditEvent.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      action: "identity.sign_in",
      outcome: "FAILURE" as const,
      actorUserId: victim.id,
      accountId,
      target: victim.email,
      ip: address,
      userAgent: "python-requests/2.31.0",
      occurredAt: new Date(start + i * 20_000),
      details: { reason: "wrong_password" },
    })),
  });
  return new Date(start);
}

async function burstFlag() {
  const { owner, account } = await createHousehold(db, { owner: { email: email("victim") } });
  const address = ip();
  await failedBurst(owner, account.id, FAILED_SIGN_IN_ACCOUNT_THRESHOLD, address);
  ctx.setNow(new Date());
  await scanForAnomalies(ctx);
  const flag = await db.anomalyFlag.findFirstOrThrow({
    where: { rule: "failed_sign_in_burst_account", subjectKey: `user:${owner.id}` },
  });
  return { flag, owner, account, address };
}

describe("scanForAnomalies", () => {
  it("turns a burst of failed sign-ins into one flag, however often it runs, and grows it as the burst goes on", async () => {
    const { owner, account } = await createHousehold(db, { owner: { email: email("burst") } });
    const address = ip();
    const windowStart = await failedBurst(owner, account.id, FAILED_SIGN_IN_ACCOUNT_THRESHOLD, address);

    ctx.setNow(new Date());
    const first = await scanForAnomalies(ctx);
    expect(first.created).toBeGreaterThanOrEqual(1);
    const again = await runAnomalyScan(ctx);
    expect(again.candidates).toBeGreaterThanOrEqual(1);
    const flags = await db.anomalyFlag.findMany({ where: { subjectKey: `user:${owner.id}` } });
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      rule: "failed_sign_in_burst_account",
      accountId: account.id,
      userId: owner.id,
      ip: address,
      windowStart,
      eventCount: FAILED_SIGN_IN_ACCOUNT_THRESHOLD,
      status: "OPEN",
    });

    // Three more attempts in the same window: the same flag, with the new count.
    await failedBurst(owner, account.id, 3, address, FAILED_SIGN_IN_ACCOUNT_THRESHOLD * 20_000);
    const third = await scanForAnomalies(ctx, { since: new Date(Date.now() - 2 * HOUR) });
    expect(third.updated).toBeGreaterThanOrEqual(1);
    const grown = await db.anomalyFlag.findMany({ where: { subjectKey: `user:${owner.id}` } });
    expect(grown).toHaveLength(1);
    expect(grown[0]!.eventCount).toBe(FAILED_SIGN_IN_ACCOUNT_THRESHOLD + 3);
    expect(grown[0]!.lastSeenAt.getTime()).toBeGreaterThan(flags[0]!.lastSeenAt.getTime());
  });

  it("leaves nine failures alone", async () => {
    const { owner, account } = await createHousehold(db, { owner: { email: email("nine") } });
    await failedBurst(owner, account.id, FAILED_SIGN_IN_ACCOUNT_THRESHOLD - 1, ip());
    ctx.setNow(new Date());
    await scanForAnomalies(ctx);
    expect(await db.anomalyFlag.count({ where: { subjectKey: `user:${owner.id}` } })).toBe(0);
  });

  it("flags a password change after a sign-in from a new device, as the real sign-in records it", async () => {
    const password = "correct horse battery";
    const { owner, account } = await createHousehold(db, { owner: { email: email("takeover"), password } });
    const laptop =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    const stranger = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
    ctx.setNow(new Date());
    await signIn(ctx, { email: owner.email, password }, { ip: ip(), userAgent: laptop });
    const second = await signIn(ctx, { email: owner.email, password }, { ip: ip(), userAgent: stranger });
    const newDevice = await db.auditEvent.findFirstOrThrow({
      where: { action: "identity.sign_in", outcome: "SUCCESS", sessionId: second.sessionId },
    });
    expect(newDevice.details).toMatchObject({ newDevice: true });
    await recordAuditEvent(
      db,
      { actorUserId: owner.id, sessionId: second.sessionId },
      { action: "identity.password_change", outcome: "SUCCESS", accountId: account.id },
    );
    ctx.setNow(new Date(Date.now() + 1000));
    await scanForAnomalies(ctx);
    const flag = await db.anomalyFlag.findFirstOrThrow({
      where: { rule: "new_device_then_change", subjectKey: `user:${owner.id}` },
    });
    expect(flag).toMatchObject({ accountId: account.id, eventCount: 2, severity: 3 });
    expect(flag.details).toMatchObject({ changes: ["identity.password_change"] });
  });
});

describe("the review queue", () => {
  it("lists flags with their subject, and shows one with the subject's events in the window", async () => {
    const { flag, owner, account } = await burstFlag();
    const queue = await listAnomalies(ctx, fresh(agent), { status: "OPEN", rule: "failed_sign_in_burst_account" });
    const item = queue.flags.find((f) => f.id === flag.id);
    expect(item).toMatchObject({
      status: "OPEN",
      eventCount: FAILED_SIGN_IN_ACCOUNT_THRESHOLD,
      subject: { kind: "user", accountId: account.id, label: `${owner.name} · ${owner.email}` },
    });
    expect(queue.totals.OPEN).toBeGreaterThanOrEqual(1);
    const resolvedOnly = await listAnomalies(ctx, fresh(agent), { status: "RESOLVED" });
    expect(resolvedOnly.flags.some((f) => f.id === flag.id)).toBe(false);

    const file = await getAnomaly(ctx, fresh(agent), flag.id);
    expect(file?.related).toHaveLength(FAILED_SIGN_IN_ACCOUNT_THRESHOLD);
    expect(file?.related[0]).toMatchObject({
      action: "identity.sign_in",
      outcome: "FAILURE",
      reason: "wrong_password",
    });
    expect(file?.actions).toEqual({ acknowledge: true, escalate: false, resolve: false });
    expect(await getAnomaly(ctx, fresh(agent), "not-a-uuid")).toBeNull();
  });

  it("walks OPEN → ACKNOWLEDGED → ESCALATED → RESOLVED with a note and an audit event each, and RESOLVED is final", async () => {
    const { flag } = await burstFlag();
    const request = { actorUserId: agent.id, ip: "203.0.113.5", userAgent: "vitest" };
    await expect(
      resolveAnomaly(ctx, fresh(agent), request, { flagId: flag.id, note: "Nothing to see here." }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    await acknowledgeAnomaly(ctx, fresh(agent), request, { flagId: flag.id, note: "Calling the customer." });
    await escalateAnomaly(ctx, fresh(agent), request, { flagId: flag.id, note: "Looks like stuffing; security." });
    await resolveAnomaly(
      ctx,
      fresh(admin),
      { ...request, actorUserId: admin.id },
      {
        flagId: flag.id,
        note: "Password reset with the customer on the phone.",
      },
    );
    await expect(
      acknowledgeAnomaly(ctx, fresh(agent), request, { flagId: flag.id, note: "Reopening this." }),
    ).rejects.toMatchObject({ code: "INVALID_TRANSITION" });

    const file = await getAnomaly(ctx, fresh(agent), flag.id);
    expect(file?.flag.status).toBe("RESOLVED");
    expect(file?.notes.map((n) => [n.action, n.actorName])).toEqual([
      ["acknowledge", `Staff SUPPORT_AGENT ${tag}`],
      ["escalate", `Staff SUPPORT_AGENT ${tag}`],
      ["resolve", `Staff ADMIN ${tag}`],
    ]);
    expect(file?.actions).toEqual({ acknowledge: false, escalate: false, resolve: false });
    const audit = await db.auditEvent.findMany({
      where: { target: flag.id, action: { startsWith: "admin.anomaly_" } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "admin.anomaly_acknowledge",
      "admin.anomaly_escalate",
      "admin.anomaly_resolve",
    ]);
    expect(audit[2]).toMatchObject({ actorUserId: admin.id, outcome: "SUCCESS", ip: "203.0.113.5" });
    expect(audit[2]!.details).toMatchObject({ from: "ESCALATED", to: "RESOLVED" });
  });

  it("lets only one of two staff resolving at once succeed", async () => {
    const { flag } = await burstFlag();
    await acknowledgeAnomaly(ctx, fresh(agent), { actorUserId: agent.id }, { flagId: flag.id, note: "On it now." });
    const results = await Promise.allSettled([
      resolveAnomaly(ctx, fresh(agent), { actorUserId: agent.id }, { flagId: flag.id, note: "Customer confirmed." }),
      resolveAnomaly(ctx, fresh(admin), { actorUserId: admin.id }, { flagId: flag.id, note: "Known test traffic." }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await db.anomalyNote.count({ where: { flagId: flag.id, action: "resolve" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { target: flag.id, action: "admin.anomaly_resolve" } })).toBe(1);
  });

  it("refuses the privacy officer and subscribers, asks for a step-up and a real note", async () => {
    const { flag } = await burstFlag();
    const { owner } = await createHousehold(db, { owner: { email: email("subscriber") } });
    const subscriber = { id: owner.id, staffRole: null, stepUpAt: new Date() };
    for (const who of [fresh(officer), fresh(subscriber)]) {
      const request = { actorUserId: who.id };
      await expect(listAnomalies(ctx, who, {}, request)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
      await expect(getAnomaly(ctx, who, flag.id, request)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
      await expect(
        acknowledgeAnomaly(ctx, who, request, { flagId: flag.id, note: "Let me look." }),
      ).rejects.toMatchObject({ name: "IdentityError", code: "NOT_ALLOWED" });
    }
    expect(
      await db.auditEvent.count({
        where: { action: "admin.denied", outcome: "DENIED", actorUserId: { in: [officer.id, owner.id] } },
      }),
    ).toBeGreaterThanOrEqual(6);

    ctx.setNow(new Date());
    const stale = { ...agent, stepUpAt: new Date(ctx.now().getTime() - 11 * 60_000) };
    await expect(
      acknowledgeAnomaly(ctx, stale, { actorUserId: agent.id }, { flagId: flag.id, note: "Let me look." }),
    ).rejects.toMatchObject({ code: "STEP_UP_REQUIRED" });
    // Reading the queue is not an action.
    await expect(listAnomalies(ctx, stale)).resolves.toBeDefined();
    await expect(
      acknowledgeAnomaly(ctx, fresh(agent), { actorUserId: agent.id }, { flagId: flag.id, note: " ok " }),
    ).rejects.toMatchObject({ code: "NOTE_TOO_SHORT" });
    await expect(
      acknowledgeAnomaly(ctx, fresh(agent), { actorUserId: agent.id }, { flagId: flag.id, note: "x".repeat(1001) }),
    ).rejects.toMatchObject({ code: "NOTE_TOO_LONG" });
    const unchanged = await db.anomalyFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(unchanged.status).toBe("OPEN");
    expect(await db.anomalyNote.count({ where: { flagId: flag.id } })).toBe(0);
  });
});
