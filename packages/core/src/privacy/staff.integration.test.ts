import { randomBytes } from "node:crypto";
import type { Prisma } from "@homeport/db";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import {
  addPrivacyNote,
  applyPrivacyCorrection,
  assignPrivacyRequest,
  canWorkPrivacy,
  completePrivacyCorrection,
  denyPrivacyRequest,
  extendPrivacyRequest,
  getPrivacyMetrics,
  getPrivacyRequestForStaff,
  listPrivacyQueue,
  privacyUploadForStaff,
  verifyPrivacyRequest,
} from "./staff.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex").toUpperCase();
let sequence = 0;
const email = (name: string) => `privacy-staff-${name}-${tag.toLowerCase()}-${(sequence += 1)}@example.com`;
const web = { ip: "203.0.113.20", userAgent: "vitest" };
const DAY = 86_400_000;

type StaffRole = "SUPPORT_AGENT" | "ADMIN" | "PRIVACY_OFFICER";
async function staff(role: StaffRole) {
  const user = await createUser(db, {
    email: email(role.toLowerCase()),
    name: `Staff ${role} ${tag}`,
    staffRole: role,
  });
  return { id: user.id, staffRole: role as string | null, stepUpAt: new Date() as Date | null };
}

let officer: Awaited<ReturnType<typeof staff>>;
let admin: Awaited<ReturnType<typeof staff>>;
let agent: Awaited<ReturnType<typeof staff>>;

beforeAll(async () => {
  officer = await staff("PRIVACY_OFFICER");
  admin = await staff("ADMIN");
  agent = await staff("SUPPORT_AGENT");
});
afterAll(() => db.$disconnect());

/** Step-ups are fresh relative to the test clock, which each test sets to the real time. */
function fresh<T extends { stepUpAt: Date | null }>(actor: T): T {
  ctx.setNow(new Date());
  return { ...actor, stepUpAt: ctx.now() };
}

async function privacyRequest(data: Partial<Prisma.PrivacyRequestUncheckedCreateInput> = {}) {
  const now = ctx.now();
  return db.privacyRequest.create({
    data: {
      reference: `PR-${tag}-${String((sequence += 1)).padStart(4, "0")}`,
      type: "KNOW_CATEGORIES",
      channel: "PUBLIC_FORM",
      status: "RECEIVED",
      claimed: { name: "Dana Consumer", email: email("consumer") },
      verification: { matched: ["email"], count: 1, needed: 2, declaration: false, method: "data_points" },
      receivedAt: new Date(now.getTime() - 10 * DAY),
      dueAt: new Date(now.getTime() + 35 * DAY),
      ...data,
    },
  });
}

describe("who may work privacy requests", () => {
  it("allows privacy officers and admins, and refuses support agents and subscribers", async () => {
    expect(canWorkPrivacy({ staffRole: "PRIVACY_OFFICER" })).toBe(true);
    expect(canWorkPrivacy({ staffRole: "ADMIN" })).toBe(true);
    expect(canWorkPrivacy({ staffRole: "SUPPORT_AGENT" })).toBe(false);
    expect(canWorkPrivacy({ staffRole: null })).toBe(false);

    const { owner } = await createHousehold(db, { owner: { email: email("owner") } });
    const subscriber = { id: owner.id, staffRole: null, stepUpAt: new Date() };
    const row = await privacyRequest();
    for (const who of [fresh(agent), fresh(subscriber)]) {
      await expect(listPrivacyQueue(ctx, who, {})).rejects.toMatchObject({
        name: "IdentityError",
        code: "NOT_ALLOWED",
      });
      await expect(getPrivacyRequestForStaff(ctx, who, row.id)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
      await expect(getPrivacyMetrics(ctx, who, 2026)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
      await expect(
        extendPrivacyRequest(
          ctx,
          who,
          { actorUserId: who.id, ...web },
          { requestId: row.id, reason: "Need more time." },
        ),
      ).rejects.toMatchObject({ code: "NOT_ALLOWED" });
      await expect(
        addPrivacyNote(ctx, who, { actorUserId: who.id }, { requestId: row.id, note: "Looking" }),
      ).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    }
    const unchanged = await db.privacyRequest.findUniqueOrThrow({ where: { id: row.id } });
    expect(unchanged.extendedAt).toBeNull();
    expect(await db.privacyRequestEvent.count({ where: { requestId: row.id } })).toBe(0);
    const denied = await db.auditEvent.count({
      where: { outcome: "DENIED", actorUserId: { in: [agent.id, owner.id] }, action: { startsWith: "privacy." } },
    });
    expect(denied).toBeGreaterThanOrEqual(4);
  });

  it("asks for a recent step-up before any action", async () => {
    const row = await privacyRequest();
    ctx.setNow(new Date());
    const stale = { ...officer, stepUpAt: new Date(ctx.now().getTime() - 11 * 60_000) };
    await expect(
      assignPrivacyRequest(ctx, stale, { actorUserId: officer.id }, { requestId: row.id }),
    ).rejects.toMatchObject({ name: "IdentityError", code: "STEP_UP_REQUIRED" });
    // Reading the queue is not an action.
    await expect(listPrivacyQueue(ctx, stale, { q: row.reference })).resolves.toHaveLength(1);
  });
});

describe("the queue", () => {
  it("lists by due date with SLA states, and filters by SLA, assignee, type and search", async () => {
    const me = fresh(officer);
    const now = ctx.now();
    const consumer = email("queue");
    const overdue = await privacyRequest({ dueAt: new Date(now.getTime() - DAY), claimed: { email: consumer } });
    const soon = await privacyRequest({ dueAt: new Date(now.getTime() + 3 * DAY), type: "DELETE" });
    const later = await privacyRequest({ dueAt: new Date(now.getTime() + 30 * DAY), assignedToId: me.id });
    const closed = await privacyRequest({ status: "COMPLETED", dueAt: new Date(now.getTime() - 5 * DAY) });
    const ours = new Set([overdue.id, soon.id, later.id, closed.id]);

    const all = (await listPrivacyQueue(ctx, me, { limit: 200, q: tag })).filter((r) => ours.has(r.id));
    expect(all.map((r) => [r.id, r.sla])).toEqual([
      [closed.id, "CLOSED"],
      [overdue.id, "OVERDUE"],
      [soon.id, "DUE_SOON"],
      [later.id, "ON_TRACK"],
    ]);
    expect(all.find((r) => r.id === later.id)?.assignedTo).toEqual({ id: me.id, name: `Staff PRIVACY_OFFICER ${tag}` });

    const active = await listPrivacyQueue(ctx, me, { status: "ACTIVE", q: tag, limit: 200 });
    expect(active.some((r) => r.id === closed.id)).toBe(false);
    const late = await listPrivacyQueue(ctx, me, { sla: "overdue", q: tag, limit: 200 });
    expect(late.map((r) => r.id)).toContain(overdue.id);
    expect(late.map((r) => r.id)).not.toContain(closed.id);
    expect(late.map((r) => r.id)).not.toContain(soon.id);
    const dueSoon = await listPrivacyQueue(ctx, me, { sla: "due_soon", q: tag, limit: 200 });
    expect(dueSoon.map((r) => r.id)).toEqual(expect.arrayContaining([soon.id]));
    expect(dueSoon.map((r) => r.id)).not.toContain(later.id);
    const mine = await listPrivacyQueue(ctx, me, { assigned: "me", q: tag, limit: 200 });
    expect(mine.map((r) => r.id)).toEqual([later.id]);
    const deletes = await listPrivacyQueue(ctx, me, { type: "DELETE", q: tag, limit: 200 });
    expect(deletes.map((r) => r.id)).toEqual([soon.id]);

    expect((await listPrivacyQueue(ctx, me, { q: consumer.toUpperCase() })).map((r) => r.id)).toEqual([overdue.id]);
    expect((await listPrivacyQueue(ctx, me, { q: overdue.reference.toLowerCase() })).map((r) => r.id)).toEqual([
      overdue.id,
    ]);
    // A tampered filter is ignored rather than an error.
    await expect(
      listPrivacyQueue(ctx, me, { status: "NOPE" as never, sla: "x" as never, q: tag }),
    ).resolves.toBeTruthy();
  });

  it("shows one request's file: claimed identity, uploads, events with names, and what can be done", async () => {
    const me = fresh(officer);
    const row = await privacyRequest({
      channel: "AUTHORIZED_AGENT",
      agentName: "Agent Smith",
      agentEmail: email("agent"),
    });
    await db.privacyUpload.create({
      data: {
        requestId: row.id,
        storedName: `${tag}-${row.id}.pdf`,
        mediaType: "application/pdf",
        bytes: 8,
        sha256: "0".repeat(64),
        content: Buffer.from("%PDF-1.7"),
      },
    });
    await addPrivacyNote(ctx, me, { actorUserId: me.id }, { requestId: row.id, note: "Called the agent." });
    const file = await getPrivacyRequestForStaff(ctx, me, row.id);
    expect(file).toMatchObject({
      claimed: { name: "Dana Consumer" },
      verification: { method: "data_points", count: 1 },
      sla: "ON_TRACK",
      uploads: [{ mediaType: "application/pdf", bytes: 8 }],
      events: [{ kind: "note", note: "Called the agent.", actorName: `Staff PRIVACY_OFFICER ${tag}` }],
      actions: { verify: true, extend: true, deny: true, applyCorrection: false, assign: true },
    });
    expect(file?.uploads[0]).not.toHaveProperty("content");
    expect(await getPrivacyRequestForStaff(ctx, me, "not-a-uuid")).toBeNull();
    expect(await getPrivacyRequestForStaff(ctx, me, "0190f3a0-0000-7000-8000-000000000000")).toBeNull();
  });
});

describe("assigning and notes", () => {
  it("assigns to the actor, records events and audit, and refuses a non-privacy assignee", async () => {
    const me = fresh(officer);
    const row = await privacyRequest();
    const assigned = await assignPrivacyRequest(ctx, me, { actorUserId: me.id, ...web }, { requestId: row.id });
    expect(assigned.assignedToId).toBe(me.id);
    await expect(
      assignPrivacyRequest(ctx, me, { actorUserId: me.id }, { requestId: row.id, assigneeId: agent.id }),
    ).rejects.toMatchObject({ name: "PrivacyStaffError", code: "ASSIGNEE_NOT_ALLOWED" });
    await assignPrivacyRequest(ctx, fresh(admin), { actorUserId: admin.id }, { requestId: row.id, assigneeId: null });
    await addPrivacyNote(ctx, me, { actorUserId: me.id }, { requestId: row.id, note: "Waiting on billing." });

    const events = await db.privacyRequestEvent.findMany({
      where: { requestId: row.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.kind, e.note, e.actorUserId])).toEqual([
      ["assigned", `Staff PRIVACY_OFFICER ${tag}`, me.id],
      ["assigned", null, admin.id],
      ["note", "Waiting on billing.", me.id],
    ]);
    const audit = await db.auditEvent.findMany({ where: { target: row.reference }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["privacy.request.assigned", "SUCCESS"],
      ["privacy.request.assigned", "SUCCESS"],
      ["privacy.request.noted", "SUCCESS"],
    ]);
    expect(audit[0]).toMatchObject({ actorUserId: me.id, ip: web.ip });
  });
});

describe("extending", () => {
  it("moves the due date 45 days once, with the reason, in the provider's time zone", async () => {
    const me = fresh(officer);
    const dueAt = new Date("2099-02-01T08:00:00Z");
    const row = await privacyRequest({ dueAt });
    await expect(extendPrivacyRequest(ctx, me, {}, { requestId: row.id, reason: "short" })).rejects.toBeTruthy();
    const extended = await extendPrivacyRequest(
      ctx,
      me,
      { actorUserId: me.id },
      { requestId: row.id, reason: "We are gathering records from our billing vendor." },
    );
    // 3 a.m. in New York (the test profile's zone) both sides of the clock change.
    expect(ctx.profile.timeZone).toBe("America/New_York");
    expect(extended.dueAt.toISOString()).toBe("2099-03-18T07:00:00.000Z");
    expect(extended).toMatchObject({ extensionReason: "We are gathering records from our billing vendor." });
    expect(extended.extendedAt).not.toBeNull();
    await expect(
      extendPrivacyRequest(ctx, me, {}, { requestId: row.id, reason: "Another ten characters." }),
    ).rejects.toMatchObject({ code: "ALREADY_EXTENDED" });
    const events = await db.privacyRequestEvent.findMany({ where: { requestId: row.id } });
    expect(events).toMatchObject([{ kind: "extended", note: "We are gathering records from our billing vendor." }]);
  });

  it("gives one extension when two officers extend at once", async () => {
    const me = fresh(officer);
    const other = { ...admin, stepUpAt: ctx.now() };
    const row = await privacyRequest();
    const results = await Promise.allSettled([
      extendPrivacyRequest(ctx, me, {}, { requestId: row.id, reason: "Records held by a vendor." }),
      extendPrivacyRequest(ctx, other, {}, { requestId: row.id, reason: "Large volume of records." }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toMatchObject({ code: "ALREADY_EXTENDED" });
    const after = await db.privacyRequest.findUniqueOrThrow({ where: { id: row.id } });
    expect(Math.round((after.dueAt.getTime() - row.dueAt.getTime()) / DAY)).toBe(45);
    expect(await db.privacyRequestEvent.count({ where: { requestId: row.id, kind: "extended" } })).toBe(1);
  });

  it("refuses closed requests, opt-outs, and a deadline that has already passed (§7021(b))", async () => {
    const me = fresh(officer);
    const reason = "Need time to search archives.";
    const closed = await privacyRequest({ status: "DENIED" });
    await expect(extendPrivacyRequest(ctx, me, {}, { requestId: closed.id, reason })).rejects.toMatchObject({
      code: "REQUEST_CLOSED",
    });
    const optOut = await privacyRequest({ type: "OPT_OUT_SALE_SHARING" });
    await expect(extendPrivacyRequest(ctx, me, {}, { requestId: optOut.id, reason })).rejects.toMatchObject({
      code: "NOT_EXTENDABLE",
    });
    const late = await privacyRequest({ dueAt: new Date(ctx.now().getTime() - 1000) });
    await expect(extendPrivacyRequest(ctx, me, {}, { requestId: late.id, reason })).rejects.toMatchObject({
      code: "EXTENSION_TOO_LATE",
    });
    await expect(
      extendPrivacyRequest(ctx, me, {}, { requestId: "0190f3a0-0000-7000-8000-000000000000", reason }),
    ).rejects.toMatchObject({ code: "REQUEST_NOT_FOUND" });
  });
});

describe("manual verification", () => {
  it("verifies a public request against the account found, with the owner as the subject", async () => {
    const me = fresh(officer);
    const { account, owner } = await createHousehold(db, { owner: { email: email("verify-owner") } });
    const row = await privacyRequest({ type: "DELETE" });
    await expect(
      verifyPrivacyRequest(
        ctx,
        me,
        {},
        { requestId: row.id, accountNumber: account.accountNumber, matched: ["email"] },
      ),
    ).rejects.toMatchObject({ code: "NOT_ENOUGH_DATA_POINTS" });
    await expect(
      verifyPrivacyRequest(
        ctx,
        me,
        {},
        { requestId: row.id, accountNumber: "999999999", matched: ["email", "zip", "name"] },
      ),
    ).rejects.toMatchObject({ code: "ACCOUNT_NOT_FOUND" });
    const verified = await verifyPrivacyRequest(
      ctx,
      me,
      { actorUserId: me.id },
      {
        requestId: row.id,
        accountNumber: account.accountNumber,
        matched: ["email", "zip", "name"],
        note: "Called back.",
      },
    );
    expect(verified).toMatchObject({
      status: "VERIFIED",
      userId: owner.id,
      accountId: account.id,
      verification: { matched: ["email", "zip", "name"], count: 3, needed: 3, method: "staff" },
    });
    expect(verified.verifiedAt).not.toBeNull();
    await expect(
      verifyPrivacyRequest(
        ctx,
        me,
        {},
        { requestId: row.id, accountNumber: account.accountNumber, matched: ["email", "zip", "name"] },
      ),
    ).rejects.toMatchObject({ code: "ALREADY_VERIFIED" });
    const audit = await db.auditEvent.findFirst({
      where: { target: row.reference, action: "privacy.request.verified" },
    });
    expect(audit).toMatchObject({ accountId: null, details: { method: "staff", accountId: account.id } });
  });

  it("needs the agent's permission checked, the declaration for specific pieces, and no corrected point", async () => {
    const me = fresh(officer);
    const { account } = await createHousehold(db, { owner: { email: email("verify-agent") } });
    const agentRequest = await privacyRequest({ channel: "AUTHORIZED_AGENT", agentName: "A. Gent" });
    const input = {
      requestId: agentRequest.id,
      accountNumber: account.accountNumber,
      matched: ["email", "zip"] as const,
    };
    await expect(verifyPrivacyRequest(ctx, me, {}, { ...input, matched: [...input.matched] })).rejects.toMatchObject({
      code: "PERMISSION_NOT_CHECKED",
    });
    const ok = await verifyPrivacyRequest(
      ctx,
      me,
      {},
      { ...input, matched: [...input.matched], permissionChecked: true },
    );
    expect(ok.verification).toMatchObject({ method: "staff", permissionChecked: true });

    const specific = await privacyRequest({ type: "KNOW_SPECIFIC" });
    await expect(
      verifyPrivacyRequest(
        ctx,
        me,
        {},
        {
          requestId: specific.id,
          accountNumber: account.accountNumber,
          matched: ["email", "zip", "phone"],
        },
      ),
    ).rejects.toMatchObject({ code: "DECLARATION_MISSING" });

    const correction = await privacyRequest({
      type: "CORRECT",
      correction: { field: "email", value: "x@example.com" },
    });
    await expect(
      verifyPrivacyRequest(
        ctx,
        me,
        {},
        { requestId: correction.id, accountNumber: account.accountNumber, matched: ["email", "zip"] },
      ),
    ).rejects.toMatchObject({ code: "CORRECTED_POINT_USED" });

    const optOut = await privacyRequest({ type: "LIMIT_SENSITIVE" });
    await expect(
      verifyPrivacyRequest(
        ctx,
        me,
        {},
        { requestId: optOut.id, accountNumber: account.accountNumber, matched: ["email"] },
      ),
    ).rejects.toMatchObject({ code: "NOT_VERIFIABLE" });
  });
});

describe("denying", () => {
  it("denies with a reason and an explanation, and not a deletion the job has started", async () => {
    const me = fresh(officer);
    const row = await privacyRequest();
    await expect(denyPrivacyRequest(ctx, me, {}, { requestId: row.id, reason: "other" })).rejects.toBeTruthy();
    const denied = await denyPrivacyRequest(
      ctx,
      me,
      { actorUserId: me.id },
      { requestId: row.id, reason: "cannot_verify", note: "The details given match none of our records." },
    );
    expect(denied).toMatchObject({
      status: "DENIED",
      outcome: "DENIED",
      denialReason: "cannot_verify",
      response: { denied: true, reason: "cannot_verify", explanation: "The details given match none of our records." },
    });
    expect(denied.completedAt).not.toBeNull();
    await expect(denyPrivacyRequest(ctx, me, {}, { requestId: row.id, reason: "cannot_verify" })).rejects.toMatchObject(
      { code: "REQUEST_CLOSED" },
    );

    const running = await privacyRequest({ type: "DELETE", status: "IN_PROGRESS" });
    await expect(
      denyPrivacyRequest(ctx, me, {}, { requestId: running.id, reason: "exception_legal_obligation" }),
    ).rejects.toMatchObject({ code: "DENIAL_NOT_ALLOWED" });
    const know = await privacyRequest({ type: "KNOW_CATEGORIES", status: "VERIFIED" });
    await expect(
      denyPrivacyRequest(ctx, me, {}, { requestId: know.id, reason: "correction_accurate" }),
    ).rejects.toMatchObject({ code: "DENIAL_NOT_ALLOWED" });
  });
});

describe("corrections", () => {
  async function verifiedCorrection(field: "name" | "email" | "phone" | "address", value: string) {
    const { account, owner } = await createHousehold(db, {
      owner: { email: email(`correct-${field}`), name: "Old Name" },
      account: { holderName: "Old Name", emailOnFile: "old@example.com" },
    });
    const row = await privacyRequest({
      type: "CORRECT",
      channel: "PORTAL",
      status: "VERIFIED",
      userId: owner.id,
      accountId: account.id,
      correction: { field, value },
    });
    return { account, owner, row };
  }

  it("applies a name to the login and the account holder, and completes as complied", async () => {
    const me = fresh(officer);
    const { account, owner, row } = await verifiedCorrection("name", "Dana Q. Consumer");
    const done = await applyPrivacyCorrection(ctx, me, { actorUserId: me.id }, { requestId: row.id });
    expect(done).toMatchObject({ status: "COMPLETED", outcome: "COMPLIED", response: { corrected: "name" } });
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).name).toBe("Dana Q. Consumer");
    expect((await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).holderName).toBe(
      "Dana Q. Consumer",
    );
    const kinds = await db.privacyRequestEvent.findMany({
      where: { requestId: row.id },
      orderBy: { createdAt: "asc" },
    });
    expect(kinds.map((e) => e.kind)).toEqual(["correction_applied", "completed"]);
    await expect(applyPrivacyCorrection(ctx, me, {}, { requestId: row.id })).rejects.toMatchObject({
      code: "REQUEST_CLOSED",
    });
  });

  it("changes the contact email and phone on file, not the sign-in", async () => {
    const me = fresh(officer);
    const byEmail = await verifiedCorrection("email", "New.Contact@Example.com");
    await applyPrivacyCorrection(ctx, me, {}, { requestId: byEmail.row.id });
    expect(await db.serviceAccount.findUniqueOrThrow({ where: { id: byEmail.account.id } })).toMatchObject({
      emailOnFile: "new.contact@example.com",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: byEmail.owner.id } })).email).toBe(byEmail.owner.email);

    const byPhone = await verifiedCorrection("phone", "(916) 555-0199");
    await applyPrivacyCorrection(ctx, me, {}, { requestId: byPhone.row.id });
    expect(await db.serviceAccount.findUniqueOrThrow({ where: { id: byPhone.account.id } })).toMatchObject({
      phoneOnFile: "+19165550199",
    });

    const bad = await verifiedCorrection("phone", "12");
    await expect(applyPrivacyCorrection(ctx, me, {}, { requestId: bad.row.id })).rejects.toMatchObject({
      code: "CORRECTION_INVALID",
    });
  });

  it("completes an address correction by hand, and refuses unverified or wrong-type requests", async () => {
    const me = fresh(officer);
    const { row } = await verifiedCorrection("address", "200 New Street");
    await expect(applyPrivacyCorrection(ctx, me, {}, { requestId: row.id })).rejects.toMatchObject({
      code: "ADDRESS_NOT_APPLIED_ONLINE",
    });
    const done = await completePrivacyCorrection(
      ctx,
      me,
      {},
      { requestId: row.id, outcome: "COMPLIED", note: "Service address updated by the moves team." },
    );
    expect(done).toMatchObject({ status: "COMPLETED", outcome: "COMPLIED" });

    const unverified = await privacyRequest({ type: "CORRECT", correction: { field: "name", value: "X" } });
    await expect(applyPrivacyCorrection(ctx, me, {}, { requestId: unverified.id })).rejects.toMatchObject({
      code: "NOT_VERIFIED",
    });
    const know = await privacyRequest({ status: "VERIFIED" });
    await expect(applyPrivacyCorrection(ctx, me, {}, { requestId: know.id })).rejects.toMatchObject({
      code: "NOT_A_CORRECTION",
    });
  });

  it("applies a correction once when two officers click at once", async () => {
    const me = fresh(officer);
    const other = { ...admin, stepUpAt: ctx.now() };
    const { row } = await verifiedCorrection("name", "Concurrent Name");
    const results = await Promise.allSettled([
      applyPrivacyCorrection(ctx, me, {}, { requestId: row.id }),
      applyPrivacyCorrection(ctx, other, {}, { requestId: row.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.privacyRequestEvent.count({ where: { requestId: row.id, kind: "correction_applied" } })).toBe(1);
  });
});

describe("metrics and uploads", () => {
  it("counts the year's requests per type in the provider's time zone (§7102)", async () => {
    const me = fresh(officer);
    const year = 2090 + (Number.parseInt(tag.slice(0, 2), 16) % 9);
    const before = await getPrivacyMetrics(ctx, me, year);
    const at = (iso: string) => new Date(iso);
    await privacyRequest({
      type: "DELETE",
      status: "COMPLETED",
      outcome: "COMPLIED",
      receivedAt: at(`${year}-03-01T18:00:00Z`),
      completedAt: at(`${year}-03-11T18:00:00Z`),
      dueAt: at(`${year}-04-15T07:00:00Z`),
    });
    await privacyRequest({
      type: "DELETE",
      status: "DENIED",
      outcome: "DENIED",
      denialReason: "cannot_verify",
      receivedAt: at(`${year}-05-01T18:00:00Z`),
      completedAt: at(`${year}-05-05T18:00:00Z`),
      dueAt: at(`${year}-06-15T07:00:00Z`),
    });
    // Early on 1 January UTC is still 31 December in the provider's zone: last year's.
    await privacyRequest({
      type: "DELETE",
      receivedAt: at(`${year}-01-01T03:00:00Z`),
      dueAt: at(`${year}-02-15T07:00:00Z`),
    });
    const after = await getPrivacyMetrics(ctx, me, year);
    const del = (m: typeof after) => m.metrics.find((row) => row.type === "DELETE")!;
    expect(after.metrics.map((m) => m.type)).toEqual([
      "KNOW_CATEGORIES",
      "KNOW_SPECIFIC",
      "DELETE",
      "CORRECT",
      "OPT_OUT_SALE_SHARING",
      "LIMIT_SENSITIVE",
    ]);
    expect(del(after).received - del(before).received).toBe(2);
    expect(del(after).compliedInWhole - del(before).compliedInWhole).toBe(1);
    expect(del(after).denied - del(before).denied).toBe(1);
    expect((del(after).deniedByReason.cannot_verify ?? 0) - (del(before).deniedByReason.cannot_verify ?? 0)).toBe(1);
    await expect(getPrivacyMetrics(ctx, me, 1999)).rejects.toBeTruthy();
  });

  it("hands the agent's permission to staff only, audited", async () => {
    const me = fresh(officer);
    const row = await privacyRequest({ channel: "AUTHORIZED_AGENT" });
    const upload = await db.privacyUpload.create({
      data: {
        requestId: row.id,
        storedName: `${tag}-${row.id}-perm.png`,
        mediaType: "image/png",
        bytes: 4,
        sha256: "1".repeat(64),
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      },
    });
    const file = await privacyUploadForStaff(ctx, me, { actorUserId: me.id }, upload.id);
    expect(file).toMatchObject({ fileName: upload.storedName, mediaType: "image/png" });
    expect([...file.content]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expect(privacyUploadForStaff(ctx, fresh(agent), { actorUserId: agent.id }, upload.id)).rejects.toMatchObject({
      code: "NOT_ALLOWED",
    });
    await expect(privacyUploadForStaff(ctx, me, {}, "0190f3a0-0000-7000-8000-000000000000")).rejects.toMatchObject({
      code: "UPLOAD_NOT_FOUND",
    });
    const audit = await db.auditEvent.findMany({
      where: { target: row.reference, action: "privacy.upload.downloaded" },
    });
    expect(audit).toMatchObject([{ outcome: "SUCCESS", actorUserId: me.id, details: { uploadId: upload.id } }]);
  });
});
