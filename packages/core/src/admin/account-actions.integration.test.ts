import { randomBytes, randomUUID } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { ZodError } from "zod";
import { IdentityError } from "../identity/errors.ts";
import { resolveSession } from "../identity/resolve-session.ts";
import { signIn } from "../identity/sign-in.ts";
import { createTestContext } from "../testing/test-context.ts";
import {
  AccountActionError,
  type ActionActor,
  forceSignOut,
  lockAccount,
  resendVerification,
  resetTwoFactor,
  unlockAccount,
} from "./account-actions.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `acct-actions-${name}-${tag}-${(sequence += 1)}@example.com`;
const request = { ip: "198.51.100.30", userAgent: "vitest" };
const PASSWORD = "a household passphrase";
const NOTE = "Caller reported a stolen phone";
const VERIFICATION = "Caller gave the account number, service ZIP and the last payment amount";

beforeEach(() => ctx.setNow(new Date()));
afterAll(() => db.$disconnect());

type StaffRole = "SUPPORT_AGENT" | "PRIVACY_OFFICER" | "ADMIN";
/** A staff member who stepped up just now (relative to the test clock). */
async function staff(role: StaffRole, options: { stepUp?: boolean } = {}): Promise<ActionActor> {
  const user = await createUser(db, { email: email(role.toLowerCase()), name: `Staff ${role}`, staffRole: role });
  return {
    id: user.id,
    staffRole: role,
    sessionId: randomUUID(),
    stepUpAt: options.stepUp === false ? null : ctx.now(),
  };
}

async function household() {
  const owner = { email: email("owner"), name: "Maria Prueba", password: PASSWORD, locale: "es" };
  const { account, owner: user } = await createHousehold(db, { owner });
  const member = await createUser(db, { email: email("member"), name: "Alex Prueba", password: PASSWORD });
  await addMember(db, account.id, member.id, "MEMBER");
  return { account, owner: user, member };
}

const signInAs = (address: string) => signIn(ctx, { email: address, password: PASSWORD }, request);
const outbox = (recipient: string) =>
  db.outboxMessage.findMany({
    where: { recipient },
    orderBy: { createdAt: "asc" },
    select: { subject: true, body: true },
  });
const notices = (userId: string) =>
  db.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { messageKey: true } });

describe("locking an account", () => {
  it("locks the household out with a reason, ends its sessions, audits and tells everyone", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const { account, owner, member } = await household();
    const sessions = [await signInAs(owner.email), await signInAs(member.email), await signInAs(member.email)];

    const result = await lockAccount(ctx, agent, request, {
      accountId: account.id,
      reason: "fraud_suspected",
      note: NOTE,
    });
    expect(result).toEqual({ sessionsEnded: 3, notified: 2 });
    expect(await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      lockedAt: ctx.now(),
      lockReason: "fraud_suspected",
    });
    for (const session of sessions) expect(await resolveSession(db, session.sessionId)).toBeNull();

    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "admin.account.lock", accountId: account.id },
    });
    expect(event).toMatchObject({
      actorUserId: agent.id,
      outcome: "SUCCESS",
      ip: "198.51.100.30",
      details: { reason: "fraud_suspected", note: NOTE, sessionsEnded: 3 },
    });
    // Each in their own language.
    expect((await outbox(owner.email))[0]?.body).toContain("sospechamos un uso fraudulento");
    expect((await outbox(member.email))[0]).toMatchObject({
      subject: expect.stringContaining("is locked"),
      body: expect.stringContaining("we suspect fraudulent use"),
    });
    expect(await notices(member.id)).toEqual([{ messageKey: "account.locked_by_support" }]);

    // Nobody in the household gets back in, and the answer says why.
    await expect(signInAs(owner.email)).rejects.toEqual(
      new IdentityError("ACCOUNT_LOCKED", { reason: "fraud_suspected" }),
    );
    await expect(signInAs(member.email)).rejects.toMatchObject({ code: "ACCOUNT_LOCKED" });
    await expect(
      lockAccount(ctx, agent, request, { accountId: account.id, reason: "security_review", note: NOTE }),
    ).rejects.toEqual(new AccountActionError("ALREADY_LOCKED"));
  });

  it("unlocks with a note; the household signs in again", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const { account, owner } = await household();
    await lockAccount(ctx, agent, request, { accountId: account.id, reason: "customer_request", note: NOTE });
    await expect(signInAs(owner.email)).rejects.toMatchObject({ code: "ACCOUNT_LOCKED" });

    expect(
      await unlockAccount(ctx, agent, request, { accountId: account.id, note: "Customer called back, verified" }),
    ).toEqual({
      notified: 2,
    });
    expect(await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({
      lockedAt: null,
      lockReason: null,
    });
    const session = await signInAs(owner.email);
    expect(await resolveSession(db, session.sessionId)).toMatchObject({ id: owner.id });
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "admin.account.unlock", accountId: account.id } }),
    ).toMatchObject({
      actorUserId: agent.id,
      details: { note: "Customer called back, verified", previousReason: "customer_request" },
    });
    expect((await notices(owner.id)).map((n) => n.messageKey)).toEqual([
      "account.locked_by_support",
      "account.unlocked_by_support",
    ]);
    await expect(unlockAccount(ctx, agent, request, { accountId: account.id, note: NOTE })).rejects.toEqual(
      new AccountActionError("NOT_LOCKED"),
    );
  });

  it("refuses a privacy officer and a subscriber, auditing the refusal, and needs a step-up and a note", async () => {
    const { account, owner } = await household();
    const officer = await staff("PRIVACY_OFFICER");
    const input = { accountId: account.id, reason: "security_review" as const, note: NOTE };
    await expect(lockAccount(ctx, officer, request, input)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    expect(await db.auditEvent.count({ where: { action: "admin.denied", actorUserId: officer.id } })).toBe(1);

    const subscriber: ActionActor = { id: owner.id, staffRole: null, sessionId: randomUUID(), stepUpAt: ctx.now() };
    await expect(lockAccount(ctx, subscriber, request, input)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    await expect(unlockAccount(ctx, subscriber, request, { accountId: account.id, note: NOTE })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );

    const stale = await staff("SUPPORT_AGENT", { stepUp: false });
    await expect(lockAccount(ctx, stale, request, input)).rejects.toEqual(new IdentityError("STEP_UP_REQUIRED"));
    const agent = await staff("SUPPORT_AGENT");
    await expect(lockAccount(ctx, agent, request, { ...input, note: "short" })).rejects.toBeInstanceOf(ZodError);
    await expect(
      lockAccount(ctx, agent, request, { ...input, reason: "bored" as "security_review" }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(lockAccount(ctx, agent, request, { ...input, accountId: randomUUID() })).rejects.toEqual(
      new AccountActionError("ACCOUNT_NOT_FOUND"),
    );
    expect((await db.serviceAccount.findUniqueOrThrow({ where: { id: account.id } })).lockedAt).toBeNull();
  });
});

describe("forcing a sign-out", () => {
  it("ends every session of the user, audits the note and tells them", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const { account, owner, member } = await household();
    const memberSessions = [await signInAs(member.email), await signInAs(member.email)];
    const ownerSession = await signInAs(owner.email);

    expect(await forceSignOut(ctx, agent, request, { userId: member.id, note: NOTE })).toEqual({ sessionsEnded: 2 });
    for (const session of memberSessions) expect(await resolveSession(db, session.sessionId)).toBeNull();
    expect(await resolveSession(db, ownerSession.sessionId)).not.toBeNull();
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "admin.user.force_sign_out", target: member.id } }),
    ).toMatchObject({ actorUserId: agent.id, accountId: account.id, details: { note: NOTE, sessionsEnded: 2 } });
    expect(await notices(member.id)).toEqual([{ messageKey: "account.signed_out_by_support" }]);
    expect((await outbox(member.email))[0]?.subject).toMatch(/signed you out/);
  });

  it("is refused to a privacy officer and a subscriber, and a staff target needs an admin", async () => {
    const { owner, member } = await household();
    const officer = await staff("PRIVACY_OFFICER");
    await expect(forceSignOut(ctx, officer, request, { userId: member.id, note: NOTE })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    const subscriber: ActionActor = { id: owner.id, staffRole: null, sessionId: randomUUID(), stepUpAt: ctx.now() };
    await expect(forceSignOut(ctx, subscriber, request, { userId: member.id, note: NOTE })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );

    const agent = await staff("SUPPORT_AGENT");
    const colleague = await staff("SUPPORT_AGENT");
    await expect(forceSignOut(ctx, agent, request, { userId: colleague.id, note: NOTE })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    const admin = await staff("ADMIN");
    expect(await forceSignOut(ctx, admin, request, { userId: colleague.id, note: NOTE })).toEqual({ sessionsEnded: 0 });
    await expect(forceSignOut(ctx, agent, request, { userId: randomUUID(), note: NOTE })).rejects.toEqual(
      new AccountActionError("USER_NOT_FOUND"),
    );
  });
});

describe("resetting two-step sign-in", () => {
  async function withTwoFactor(userId: string) {
    await db.user.update({
      where: { id: userId },
      data: { totpSecret: "v1.sealed", totpEnabledAt: new Date(), totpLastUsedStep: 123 },
    });
    await db.recoveryCode.createMany({
      data: Array.from({ length: 3 }, (_, i) => ({ userId, digest: `digest-${tag}-${userId}-${i}` })),
    });
  }

  it("clears the factor and recovery codes after a recorded verification, ends sessions and tells the user", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const { account, owner } = await household();
    await withTwoFactor(owner.id);
    await db.deviceSession.create({
      data: { userId: owner.id, userAgent: "x", expiresAt: new Date(Date.now() + 3_600_000) },
    });

    await expect(
      resetTwoFactor(ctx, agent, request, { userId: owner.id, verification: "said so" }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await resetTwoFactor(ctx, agent, request, { userId: owner.id, verification: VERIFICATION })).toEqual({
      sessionsEnded: 1,
      recoveryCodesRemoved: 3,
    });
    expect(
      await db.user.findUniqueOrThrow({
        where: { id: owner.id },
        select: { totpSecret: true, totpEnabledAt: true, totpLastUsedStep: true },
      }),
    ).toEqual({ totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null });
    expect(await db.recoveryCode.count({ where: { userId: owner.id } })).toBe(0);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "admin.user.two_factor_reset", target: owner.id } }),
    ).toMatchObject({ actorUserId: agent.id, accountId: account.id, details: { verification: VERIFICATION } });
    expect(await notices(owner.id)).toEqual([{ messageKey: "account.two_factor_reset_by_support" }]);
    expect((await outbox(owner.email))[0]?.subject).toMatch(/soporte de .* restableció/);

    await expect(resetTwoFactor(ctx, agent, request, { userId: owner.id, verification: VERIFICATION })).rejects.toEqual(
      new AccountActionError("TWO_FACTOR_OFF"),
    );
  });

  it("resets a staff member's 2FA only for an admin, never one's own, and never for a subscriber", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const colleague = await staff("PRIVACY_OFFICER");
    await withTwoFactor(colleague.id);
    await expect(
      resetTwoFactor(ctx, agent, request, { userId: colleague.id, verification: VERIFICATION }),
    ).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "admin.user.two_factor_reset", target: colleague.id } }),
    ).toMatchObject({ outcome: "DENIED", details: { reason: "staff_target" } });

    const admin = await staff("ADMIN");
    await withTwoFactor(admin.id);
    await expect(resetTwoFactor(ctx, admin, request, { userId: admin.id, verification: VERIFICATION })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    expect(
      await resetTwoFactor(ctx, admin, request, { userId: colleague.id, verification: VERIFICATION }),
    ).toMatchObject({ recoveryCodesRemoved: 3 });

    const { owner, member } = await household();
    const subscriber: ActionActor = { id: owner.id, staffRole: null, sessionId: randomUUID(), stepUpAt: ctx.now() };
    await expect(
      resetTwoFactor(ctx, subscriber, request, { userId: member.id, verification: VERIFICATION }),
    ).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    const officer = await staff("PRIVACY_OFFICER");
    await expect(
      resetTwoFactor(ctx, officer, request, { userId: member.id, verification: VERIFICATION }),
    ).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
  });
});

describe("resending the email verification", () => {
  it("sends a fresh link to an unverified user and audits it", async () => {
    const agent = await staff("SUPPORT_AGENT");
    const { account } = await createHousehold(db, {
      owner: { email: email("unverified"), name: "Una Verified", emailVerified: false },
    });
    const user = await db.user.findFirstOrThrow({ where: { memberships: { some: { accountId: account.id } } } });
    expect(await resendVerification(ctx, agent, request, { userId: user.id })).toEqual({ sent: true });
    const [message] = await outbox(user.email);
    expect(message?.body).toContain("http://portal.test/verify-email/");
    expect(await db.verificationToken.count({ where: { userId: user.id, purpose: "EMAIL_VERIFICATION" } })).toBe(1);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "admin.user.verification_resend", target: user.id } }),
    ).toMatchObject({ actorUserId: agent.id, accountId: account.id, outcome: "SUCCESS" });
  });

  it("refuses a verified user, a privacy officer, a subscriber and a missing step-up", async () => {
    const { owner, member } = await household();
    const agent = await staff("SUPPORT_AGENT");
    await expect(resendVerification(ctx, agent, request, { userId: owner.id })).rejects.toEqual(
      new AccountActionError("ALREADY_VERIFIED"),
    );
    const officer = await staff("PRIVACY_OFFICER");
    await expect(resendVerification(ctx, officer, request, { userId: owner.id })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    const subscriber: ActionActor = { id: member.id, staffRole: null, sessionId: randomUUID(), stepUpAt: ctx.now() };
    await expect(resendVerification(ctx, subscriber, request, { userId: owner.id })).rejects.toEqual(
      new IdentityError("NOT_ALLOWED"),
    );
    const stale = await staff("SUPPORT_AGENT", { stepUp: false });
    await expect(resendVerification(ctx, stale, request, { userId: owner.id })).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
  });
});
