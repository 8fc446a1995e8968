import { randomBytes } from "node:crypto";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IdentityError } from "../identity/errors.ts";
import { resolveSession } from "../identity/resolve-session.ts";
import { signIn } from "../identity/sign-in.ts";
import { mustSetUpTwoFactor } from "../identity/staff-policy.ts";
import { createTestContext } from "../testing/test-context.ts";
import {
  acceptStaffInvite,
  changeStaffRole,
  deactivateStaff,
  inspectStaffInvite,
  inviteStaff,
  listStaff,
  reactivateStaff,
  type StaffActor,
  StaffError,
} from "./staff.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `staff-${name}-${tag}-${(sequence += 1)}@example.com`;
const request = { ip: "203.0.113.40", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" };
const STRONG = "violet kettle harbour seventeen";

type Role = "SUPPORT_AGENT" | "PRIVACY_OFFICER" | "ADMIN";
async function staff(role: Role, name = `Staff ${role}`): Promise<StaffActor & { email: string }> {
  const user = await createUser(db, { email: email(role.toLowerCase()), name, staffRole: role });
  return { id: user.id, email: user.email, name, staffRole: role, sessionId: crypto.randomUUID(), stepUpAt: null };
}
const fresh = <T extends StaffActor>(actor: T): T => ({ ...actor, stepUpAt: ctx.now() });

/** The invitation link's secret, read back from the queued email. */
async function inviteSecret(to: string): Promise<string> {
  const message = await db.outboxMessage.findFirstOrThrow({ where: { recipient: to }, orderBy: { createdAt: "desc" } });
  const match = /\/staff-invite\?token=([A-Za-z0-9_-]+)/.exec(message.body);
  expect(match, message.body).not.toBeNull();
  return match![1]!;
}

let admin: Awaited<ReturnType<typeof staff>>;
beforeAll(async () => {
  admin = await staff("ADMIN", "Ada Admin");
});
afterAll(() => db.$disconnect());

describe("inviting staff", () => {
  it("invite → accept → sign in works, and the new agent must set up two-step sign-in first", async () => {
    const address = email("invitee");
    const { userId } = await inviteStaff(ctx, fresh(admin), request, {
      email: ` ${address.toUpperCase()} `,
      name: "Iris Invitee",
      role: "SUPPORT_AGENT",
      locale: "es",
    });
    const message = await db.outboxMessage.findFirstOrThrow({ where: { recipient: address } });
    expect(message.subject).toContain("consola de personal");
    expect(message.body).toContain("Ada Admin");
    expect(message.body).toContain("agente de soporte");
    const secret = await inviteSecret(address);
    expect(message.body).toContain(`http://portal.test/staff-invite?token=${secret}`);

    // Until accepted, nobody can sign in: the stored hash is of a password nobody was told.
    await expect(signIn(ctx, { email: address, password: STRONG }, request)).rejects.toEqual(
      new IdentityError("INVALID_CREDENTIALS"),
    );
    const listed = (await listStaff(ctx, admin, request)).find((m) => m.id === userId);
    expect(listed).toMatchObject({
      email: address,
      name: "Iris Invitee",
      role: "SUPPORT_AGENT",
      twoFactorEnabled: false,
      lastSignInAt: null,
      disabled: false,
      invite: "pending",
    });

    expect(await inspectStaffInvite(ctx, secret)).toEqual({
      email: address,
      name: "Iris Invitee",
      role: "SUPPORT_AGENT",
    });
    // The staff policy: 15 characters at least, and not the email.
    await expect(acceptStaffInvite(ctx, request, { token: secret, password: "short but ok" })).rejects.toMatchObject({
      code: "WEAK_PASSWORD",
      detail: { problem: "too_short", minLength: 15 },
    });
    await expect(acceptStaffInvite(ctx, request, { token: secret, password: address })).rejects.toMatchObject({
      code: "WEAK_PASSWORD",
      detail: { problem: "matches_email" },
    });
    await acceptStaffInvite(ctx, request, { token: secret, password: STRONG });
    // The link works once.
    await expect(acceptStaffInvite(ctx, request, { token: secret, password: STRONG })).rejects.toEqual(
      new IdentityError("LINK_INVALID"),
    );
    expect(await inspectStaffInvite(ctx, secret)).toBeNull();

    const session = await signIn(ctx, { email: address, password: STRONG }, request);
    expect(session.userId).toBe(userId);
    const me = await resolveSession(db, session.sessionId);
    expect(me).toMatchObject({ staffRole: "SUPPORT_AGENT", twoFactorEnabled: false });
    expect(mustSetUpTwoFactor({ staffRole: me!.staffRole, twoFactorEnabled: me!.twoFactorEnabled }, "/admin")).toBe(
      true,
    );

    const after = (await listStaff(ctx, admin, request)).find((m) => m.id === userId);
    expect(after).toMatchObject({ invite: null, disabled: false });
    expect(after?.lastSignInAt).toEqual(ctx.now());

    const audit = await db.auditEvent.findMany({
      where: { target: userId, action: { startsWith: "admin.staff." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.outcome, a.actorUserId])).toEqual([
      ["admin.staff.invite", "SUCCESS", admin.id],
      ["admin.staff.invite_accept", "SUCCESS", userId],
    ]);
    expect(audit[0]).toMatchObject({ ip: request.ip, details: { email: address, role: "SUPPORT_AGENT" } });
  });

  it("refuses an email that already has a login, staff or subscriber", async () => {
    const { owner } = await createHousehold(db, { owner: { email: email("subscriber") } });
    await expect(
      inviteStaff(ctx, fresh(admin), request, { email: owner.email, name: "Someone", role: "SUPPORT_AGENT" }),
    ).rejects.toEqual(new StaffError("EMAIL_TAKEN"));
    await expect(
      inviteStaff(ctx, fresh(admin), request, { email: admin.email, name: "Someone", role: "ADMIN" }),
    ).rejects.toEqual(new StaffError("EMAIL_TAKEN"));
    const denied = await db.auditEvent.count({
      where: { action: "admin.staff.invite", outcome: "DENIED", target: owner.email },
    });
    expect(denied).toBe(1);

    // Two admins inviting the same new address at the same moment: one invitation, one refusal.
    const twice = email("twice");
    const results = await Promise.allSettled(
      [0, 1].map(() => inviteStaff(ctx, fresh(admin), request, { email: twice, name: "Twice", role: "SUPPORT_AGENT" })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")?.reason).toEqual(new StaffError("EMAIL_TAKEN"));
    expect(await db.outboxMessage.count({ where: { recipient: twice } })).toBe(1);
  });

  it("an invitation stops working once the invitee is deactivated, or when it expires", async () => {
    const first = email("cancelled");
    const { userId } = await inviteStaff(ctx, fresh(admin), request, { email: first, name: "Cy", role: "ADMIN" });
    const secret = await inviteSecret(first);
    await deactivateStaff(ctx, fresh(admin), request, { userId });
    await expect(acceptStaffInvite(ctx, request, { token: secret, password: STRONG })).rejects.toEqual(
      new IdentityError("LINK_INVALID"),
    );

    const second = email("late");
    const late = await inviteStaff(ctx, fresh(admin), request, { email: second, name: "Lee", role: "PRIVACY_OFFICER" });
    const lateSecret = await inviteSecret(second);
    const saved = ctx.now();
    try {
      ctx.setNow(new Date(saved.getTime() + 3 * 24 * 3_600_000 + 1_000));
      expect((await listStaff(ctx, admin, request)).find((m) => m.id === late.userId)?.invite).toBe("expired");
      await expect(acceptStaffInvite(ctx, request, { token: lateSecret, password: STRONG })).rejects.toEqual(
        new IdentityError("LINK_INVALID"),
      );
    } finally {
      ctx.setNow(saved);
    }
  });
});

describe("roles and deactivation", () => {
  it("changes a role, deactivates (ending every session) and reactivates, each audited with the target", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const session = await signIn(ctx, { email: agent.email, password: "correct horse battery" }, request);

    expect(await changeStaffRole(ctx, fresh(admin), request, { userId: agent.id, role: "PRIVACY_OFFICER" })).toEqual({
      from: "SUPPORT_AGENT",
      to: "PRIVACY_OFFICER",
    });
    await expect(
      changeStaffRole(ctx, fresh(admin), request, { userId: agent.id, role: "PRIVACY_OFFICER" }),
    ).rejects.toEqual(new StaffError("SAME_ROLE"));

    expect(await deactivateStaff(ctx, fresh(admin), request, { userId: agent.id })).toEqual({ sessionsEnded: 1 });
    expect(await resolveSession(db, session.sessionId)).toBeNull();
    await expect(signIn(ctx, { email: agent.email, password: "correct horse battery" }, request)).rejects.toMatchObject(
      { code: "ACCOUNT_DISABLED" },
    );
    await expect(deactivateStaff(ctx, fresh(admin), request, { userId: agent.id })).rejects.toEqual(
      new StaffError("ALREADY_DISABLED"),
    );
    expect((await listStaff(ctx, admin, request)).find((m) => m.id === agent.id)).toMatchObject({
      role: "PRIVACY_OFFICER",
      disabled: true,
    });

    await reactivateStaff(ctx, fresh(admin), request, { userId: agent.id });
    await expect(reactivateStaff(ctx, fresh(admin), request, { userId: agent.id })).rejects.toEqual(
      new StaffError("NOT_DISABLED"),
    );
    await signIn(ctx, { email: agent.email, password: "correct horse battery" }, request);

    const audit = await db.auditEvent.findMany({
      where: { target: agent.id, action: { startsWith: "admin.staff." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.outcome, a.actorUserId])).toEqual([
      ["admin.staff.role_change", "SUCCESS", admin.id],
      ["admin.staff.deactivate", "SUCCESS", admin.id],
      ["admin.staff.reactivate", "SUCCESS", admin.id],
    ]);
    expect(audit[0]?.details).toEqual({ from: "SUPPORT_AGENT", to: "PRIVACY_OFFICER" });
    expect(audit[1]?.details).toMatchObject({ sessionsEnded: 1 });
  });

  it("never leaves the console without an active admin, and nobody changes or switches off themselves", async () => {
    const other = await staff("ADMIN", "Other Admin");
    await expect(
      changeStaffRole(ctx, fresh(admin), request, { userId: admin.id, role: "SUPPORT_AGENT" }),
    ).rejects.toEqual(new StaffError("OWN_ACCOUNT"));
    await expect(deactivateStaff(ctx, fresh(admin), request, { userId: admin.id })).rejects.toEqual(
      new StaffError("OWN_ACCOUNT"),
    );

    // The database is shared by the run's files (one at a time): set aside every other active admin
    // so that `admin` and `other` are the only two, and put them back afterwards.
    const others = await db.user.findMany({
      where: { staffRole: "ADMIN", disabledAt: null, id: { notIn: [admin.id, other.id] } },
      select: { id: true },
    });
    const setAside = others.map((u) => u.id);
    await db.user.updateMany({ where: { id: { in: setAside } }, data: { disabledAt: new Date() } });
    try {
      // Two active admins: one may go, and then the remaining one is protected.
      await changeStaffRole(ctx, fresh(admin), request, { userId: other.id, role: "SUPPORT_AGENT" });
      const lastAdminEvents = () =>
        db.auditEvent.count({
          where: { target: admin.id, outcome: "DENIED", details: { path: ["reason"], equals: "LAST_ADMIN" } },
        });
      const before = await lastAdminEvents();

      // Only active admins count: a deactivated admin is no safety net (and its stale session, here
      // the actor object, still cannot remove the last active one).
      const helper = await staff("ADMIN", "Helper Admin");
      await deactivateStaff(ctx, fresh(admin), request, { userId: helper.id });
      await expect(
        changeStaffRole(ctx, fresh(helper), request, { userId: admin.id, role: "SUPPORT_AGENT" }),
      ).rejects.toEqual(new StaffError("LAST_ADMIN"));
      await expect(deactivateStaff(ctx, fresh(helper), request, { userId: admin.id })).rejects.toEqual(
        new StaffError("LAST_ADMIN"),
      );
      expect(await lastAdminEvents()).toBe(before + 2);
      expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
        staffRole: "ADMIN",
        disabledAt: null,
      });

      // Two admins demoting each other at once: one wins, the other is refused.
      await changeStaffRole(ctx, fresh(admin), request, { userId: other.id, role: "ADMIN" });
      const results = await Promise.allSettled([
        changeStaffRole(ctx, fresh(admin), request, { userId: other.id, role: "SUPPORT_AGENT" }),
        changeStaffRole(ctx, fresh(other), request, { userId: admin.id, role: "SUPPORT_AGENT" }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.reason).toEqual(new StaffError("LAST_ADMIN"));
      expect(
        await db.user.count({ where: { id: { in: [admin.id, other.id] }, staffRole: "ADMIN", disabledAt: null } }),
      ).toBe(1);
      // Restore `admin` as an admin for the tests that follow, whoever won.
      if (results[0]!.status === "rejected") {
        await changeStaffRole(ctx, fresh(other), request, { userId: admin.id, role: "ADMIN" });
      }
    } finally {
      await db.user.updateMany({ where: { id: { in: setAside } }, data: { disabledAt: null } });
    }
  });

  it("refuses anyone without MANAGE_STAFF (audited), and asks admins for a recent step-up", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const officer = await staff("PRIVACY_OFFICER");
    const target = await staff("SUPPORT_AGENT");
    const { owner } = await createHousehold(db, { owner: { email: email("owner") } });
    const subscriber: StaffActor = {
      id: owner.id,
      name: owner.name,
      staffRole: null,
      sessionId: crypto.randomUUID(),
      stepUpAt: ctx.now(),
    };
    for (const who of [fresh(agent), fresh(officer), subscriber]) {
      await expect(listStaff(ctx, who, request)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
      await expect(
        inviteStaff(ctx, who, request, { email: email("nope"), name: "Nope", role: "ADMIN" }),
      ).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
      await expect(changeStaffRole(ctx, who, request, { userId: target.id, role: "ADMIN" })).rejects.toEqual(
        new IdentityError("NOT_ALLOWED"),
      );
      await expect(deactivateStaff(ctx, who, request, { userId: target.id })).rejects.toEqual(
        new IdentityError("NOT_ALLOWED"),
      );
      await expect(reactivateStaff(ctx, who, request, { userId: target.id })).rejects.toEqual(
        new IdentityError("NOT_ALLOWED"),
      );
    }
    const refusals = await db.auditEvent.findMany({
      where: { action: "admin.denied", actorUserId: { in: [agent.id, officer.id, owner.id] } },
    });
    expect(refusals).toHaveLength(15);
    expect(refusals.every((e) => (e.details as { permission?: string }).permission === "MANAGE_STAFF")).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      staffRole: "SUPPORT_AGENT",
      disabledAt: null,
    });

    const stale = { ...admin, stepUpAt: new Date(ctx.now().getTime() - 11 * 60_000) };
    await expect(changeStaffRole(ctx, stale, request, { userId: target.id, role: "ADMIN" })).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    await expect(deactivateStaff(ctx, admin, request, { userId: target.id })).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    // Listing changes nothing, so it needs no step-up.
    expect((await listStaff(ctx, stale, request)).some((m) => m.id === target.id)).toBe(true);
    // A subscriber is not staff: there is nothing to change.
    await expect(changeStaffRole(ctx, fresh(admin), request, { userId: owner.id, role: "ADMIN" })).rejects.toEqual(
      new StaffError("STAFF_NOT_FOUND"),
    );
  });
});
