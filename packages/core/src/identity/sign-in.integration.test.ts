import { randomUUID } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { IdentityError } from "./errors.ts";
import { listActiveSessions } from "./list-sessions.ts";
import { resolveSession } from "./resolve-session.ts";
import { revokeSession } from "./revoke-session.ts";
import { signIn } from "./sign-in.ts";
import { signOut } from "./sign-out.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());
const request = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone) Safari" };

describe("password sign-in and device sessions", () => {
  it("opens a session, audits it, and a revoked session stops resolving", async () => {
    const { owner, account } = await createHousehold(db, {
      owner: { email: "si-owner@example.com", password: "a long passphrase" },
    });
    const first = await signIn(ctx, { email: "si-owner@example.com", password: "a long passphrase" }, request);
    const second = await signIn(ctx, { email: "si-owner@example.com", password: "a long passphrase" }, request);
    expect(first.userId).toBe(owner.id);

    const me = await resolveSession(db, first.sessionId);
    expect(me).toMatchObject({ id: owner.id, accountId: account.id, membershipRole: "OWNER", twoFactorEnabled: false });
    expect((await listActiveSessions(db, owner.id)).map((s) => s.id).sort()).toEqual(
      [first.sessionId, second.sessionId].sort(),
    );

    await revokeSession(
      db,
      { userId: owner.id, sessionId: first.sessionId, accountId: account.id },
      second.sessionId,
      request,
    );
    expect(await resolveSession(db, second.sessionId)).toBeNull();
    await signOut(db, owner.id, first.sessionId, request);
    expect(await resolveSession(db, first.sessionId)).toBeNull();

    const actions = await db.auditEvent.findMany({ where: { actorUserId: owner.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      "identity.sign_in:SUCCESS",
      "identity.sign_in:SUCCESS",
      "identity.session_revoke:SUCCESS",
      "identity.sign_out:SUCCESS",
    ]);
    expect(actions[0]).toMatchObject({ ip: "203.0.113.7", accountId: account.id });
  });

  it("refuses a wrong password or unknown email alike and audits the failure", async () => {
    await createUser(db, { email: "si-wrong@example.com", password: "the right one" });
    for (const attempt of [
      { email: "si-wrong@example.com", password: "the wrong one" },
      { email: "nobody@example.com", password: "whatever" },
    ]) {
      await expect(signIn(ctx, attempt, request)).rejects.toEqual(new IdentityError("INVALID_CREDENTIALS"));
    }
    const failures = await db.auditEvent.findMany({
      where: {
        action: "identity.sign_in",
        outcome: "FAILURE",
        target: { in: ["nobody@example.com", "si-wrong@example.com"] },
      },
    });
    expect(failures.map((f) => f.target).sort()).toEqual(["nobody@example.com", "si-wrong@example.com"]);
  });

  it("cannot revoke another user's session", async () => {
    const a = await createUser(db, { email: "si-a@example.com", password: "password one" });
    await createUser(db, { email: "si-b@example.com", password: "password two" });
    const sa = await signIn(ctx, { email: "si-a@example.com", password: "password one" }, request);
    const sb = await signIn(ctx, { email: "si-b@example.com", password: "password two" }, request);
    await expect(
      revokeSession(db, { userId: a.id, sessionId: sa.sessionId, accountId: null }, sb.sessionId, request),
    ).rejects.toThrow("SESSION_NOT_FOUND");
    expect(await resolveSession(db, sb.sessionId)).not.toBeNull();
  });

  it("throttles guessing per account with growing waits, not a permanent lock", async () => {
    await createUser(db, { email: "si-throttle@example.com", password: "the real password" });
    const guess = { email: "si-throttle@example.com", password: "guess" };
    const other = { ip: "198.51.100.9", userAgent: "curl" };
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn(ctx, guess, other)).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    }
    // Blocked now, even with the right password, and from another address too.
    await expect(
      signIn(ctx, { ...guess, password: "the real password" }, { ...other, ip: "192.0.2.1" }),
    ).rejects.toMatchObject({ code: "THROTTLED" });
    ctx.advance(31_000);
    const ok = await signIn(ctx, { ...guess, password: "the real password" }, other);
    expect(ok.sessionId).toBeTruthy();
    // A success clears the account's counter.
    await expect(signIn(ctx, guess, other)).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    ctx.setNow(new Date());
  });

  it("notices a sign-in from a new kind of device, in the app and by email", async () => {
    const user = await createUser(db, { email: "si-device@example.com", password: "device password" });
    await signIn(ctx, { email: user.email, password: "device password" }, request);
    await signIn(ctx, { email: user.email, password: "device password" }, request);
    expect(await db.notification.count({ where: { userId: user.id, messageKey: "new_device_sign_in" } })).toBe(0);
    const windows =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    await signIn(ctx, { email: user.email, password: "device password" }, { ip: "192.0.2.44", userAgent: windows });
    const notice = await db.notification.findFirstOrThrow({
      where: { userId: user.id, messageKey: "new_device_sign_in" },
    });
    expect(notice.values).toMatchObject({ ip: "192.0.2.44" });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: user.email } });
    expect(mail.subject).toContain("New sign-in");
    expect(mail.body).toContain("192.0.2.44");
  });

  it("keeps a locked household out with the lock's reason, only once the password is right", async () => {
    const tag = randomUUID().slice(0, 8);
    const owner = { email: `si-locked-${tag}@example.com`, password: "locked household pass" };
    const { account } = await createHousehold(db, { owner });
    const open = await signIn(ctx, owner, request);
    await db.serviceAccount.update({
      where: { id: account.id },
      data: { lockedAt: new Date(), lockReason: "security_review" },
    });

    // An existing session stops resolving on its next request.
    expect(await resolveSession(db, open.sessionId)).toBeNull();
    await expect(signIn(ctx, owner, request)).rejects.toEqual(
      new IdentityError("ACCOUNT_LOCKED", { reason: "security_review" }),
    );
    // A wrong password learns nothing about the lock.
    await expect(signIn(ctx, { ...owner, password: "not the password" }, request)).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { action: "identity.sign_in", target: owner.email, outcome: "DENIED" },
      }),
    ).toMatchObject({ accountId: account.id, details: { reason: "account_locked", lockReason: "security_review" } });

    // Staff are never locked out this way.
    const staff = await createUser(db, {
      email: `si-locked-staff-${tag}@example.com`,
      password: "a staff passphrase long",
      staffRole: "ADMIN",
    });
    await addMember(db, account.id, staff.id, "MEMBER");
    const staffSession = await signIn(ctx, { email: staff.email, password: "a staff passphrase long" }, request);
    expect(await resolveSession(db, staffSession.sessionId)).toMatchObject({ id: staff.id });

    await db.serviceAccount.update({ where: { id: account.id }, data: { lockedAt: null, lockReason: null } });
    expect(await resolveSession(db, open.sessionId)).toMatchObject({ accountId: account.id });
  });
});
