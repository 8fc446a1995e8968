import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { changePassword } from "./change-password.ts";
import { IdentityError } from "./errors.ts";
import { resolveSession } from "./resolve-session.ts";
import { signIn } from "./sign-in.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(async () => {
  // Files share one database and run one after another. sign-in.integration.test.ts lists every
  // failed sign-in and jobs/worker.integration.test.ts every outbox row, so take ours away again.
  await db.outboxMessage.deleteMany({ where: { recipient: { startsWith: "cp-" } } });
  await db.auditEvent.deleteMany({ where: { action: "identity.sign_in", target: { startsWith: "cp-" } } });
  await db.$disconnect();
});
beforeEach(() => ctx.setNow(new Date()));

const request = { ip: "192.0.2.20", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" };
const OLD = "the old passphrase";

async function actorFor(sessionId: string) {
  const actor = await resolveSession(db, sessionId, ctx.now());
  if (!actor) throw new Error(`session ${sessionId} does not resolve`);
  return actor;
}

async function signInActor(email: string, password = OLD) {
  const { sessionId } = await signIn(ctx, { email, password }, request);
  return actorFor(sessionId);
}

const passwordHashOf = async (userId: string) =>
  (
    await db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { passwordHash: true, passwordChangedAt: true },
    })
  ).passwordHash;

describe("changing the password", () => {
  it("needs a recent step-up", async () => {
    const email = "cp-stepup@example.com";
    const user = await createUser(db, { email, password: OLD });
    const actor = await signInActor(email);
    const hash = await passwordHashOf(user.id);

    // Nine minutes after signing in still counts as fresh...
    ctx.advance(9 * 60_000);
    await changePassword(ctx, await actorFor(actor.sessionId), "a brand new passphrase", request);
    const changed = await passwordHashOf(user.id);
    expect(changed).not.toBe(hash);

    // ...eleven minutes does not.
    ctx.advance(2 * 60_000);
    const stale = await actorFor(actor.sessionId);
    expect(stale.stepUpAt).toEqual(actor.stepUpAt);
    await expect(changePassword(ctx, stale, "another new passphrase", request)).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    expect(await passwordHashOf(user.id)).toBe(changed);
    expect(await db.auditEvent.count({ where: { actorUserId: user.id, action: "identity.password_change" } })).toBe(1);
  });

  it("refuses weak passwords with the problem in the detail", async () => {
    const email = "cp-weak-owner@example.com";
    const user = await createUser(db, { email, password: OLD });
    const actor = await signInActor(email);
    const hash = await passwordHashOf(user.id);

    for (const [password, problem] of [
      ["kq7vz12", "too_short"],
      ["password123", "common"],
      ["PassWord123", "common"],
      ["cp-weak-owner", "matches_email"],
      ["CP-Weak-Owner@Example.com", "matches_email"],
    ] as const) {
      const error = await changePassword(ctx, actor, password, request).catch((e: unknown) => e);
      expect(error, password).toBeInstanceOf(IdentityError);
      expect(error, password).toMatchObject({ code: "WEAK_PASSWORD", detail: { problem, minLength: 8 } });
    }
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect(await db.auditEvent.count({ where: { actorUserId: user.id, action: "identity.password_change" } })).toBe(0);
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);
  });

  it("asks 15 characters of staff", async () => {
    const email = "cp-staff@example.com";
    const old = "the staff member's old passphrase";
    const staff = await createUser(db, { email, password: old, staffRole: "SUPPORT_AGENT" });
    const actor = await signInActor(email, old);

    await expect(changePassword(ctx, actor, "kq7vzkq7vzkq7v", request)).rejects.toMatchObject({
      code: "WEAK_PASSWORD",
      detail: { problem: "too_short", minLength: 15 },
    });
    await changePassword(ctx, actor, "kq7vzkq7vzkq7vz", request);
    await expect(signIn(ctx, { email, password: old }, request)).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect((await signIn(ctx, { email, password: "kq7vzkq7vzkq7vz" }, request)).userId).toBe(staff.id);
  });

  it("changes the hash, ends other sessions, audits and tells the user", async () => {
    const email = "cp-success@example.com";
    const newPassword = "an entirely new passphrase";
    const { owner, account } = await createHousehold(db, {
      owner: { email, password: OLD, name: "Katherine Johnson" },
    });
    const current = await signInActor(email);
    const other = await signIn(ctx, { email, password: OLD }, request);
    const another = await signIn(ctx, { email, password: OLD }, request);
    const before = await db.user.findUniqueOrThrow({
      where: { id: owner.id },
      select: { passwordHash: true, passwordChangedAt: true },
    });
    expect(before.passwordChangedAt).toBeNull();

    ctx.advance(60_000);
    expect(await changePassword(ctx, current, newPassword, request)).toEqual({ otherSessionsEnded: 2 });

    const after = await db.user.findUniqueOrThrow({
      where: { id: owner.id },
      select: { passwordHash: true, passwordChangedAt: true },
    });
    expect(after.passwordHash).not.toBe(before.passwordHash);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect(after.passwordHash).not.toContain(newPassword);
    expect(after.passwordChangedAt).toEqual(ctx.now());

    expect(await resolveSession(db, other.sessionId, ctx.now())).toBeNull();
    expect(await resolveSession(db, another.sessionId, ctx.now())).toBeNull();
    expect(await resolveSession(db, current.sessionId, ctx.now())).toMatchObject({ id: owner.id });
    const ended = await db.deviceSession.findUniqueOrThrow({ where: { id: other.sessionId } });
    expect(ended.revokedAt).toEqual(ctx.now());

    await expect(signIn(ctx, { email, password: OLD }, request)).rejects.toEqual(
      new IdentityError("INVALID_CREDENTIALS"),
    );
    expect((await signIn(ctx, { email, password: newPassword }, request)).userId).toBe(owner.id);

    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: owner.id, action: "identity.password_change" } }),
    ).toMatchObject({
      outcome: "SUCCESS",
      accountId: account.id,
      sessionId: current.sessionId,
      ip: request.ip,
      details: { otherSessionsEnded: 2 },
    });
    expect(await db.notification.findFirstOrThrow({ where: { userId: owner.id } })).toMatchObject({
      messageKey: "password_changed",
      accountId: account.id,
      href: "/security",
    });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED", subject: "Your Spectrum password was changed" });
    expect(mail.body).toContain("Hi Katherine,");
  });

  it("stores the NFKC form, so full-width characters sign in typed as ASCII", async () => {
    const email = "cp-nfkc@example.com";
    const user = await createUser(db, { email, password: OLD });
    const actor = await signInActor(email);
    // Full-width letters and the ideographic space, as an East Asian keyboard may produce them.
    const fullWidth = "ｍｙ\u3000ｖｅｒｙ\u3000ｏｗｎ\u3000ｓｅｃｒｅｔ";
    expect(fullWidth.normalize("NFKC")).toBe("my very own secret");

    await changePassword(ctx, actor, fullWidth, request);
    expect((await signIn(ctx, { email, password: "my very own secret" }, request)).userId).toBe(user.id);
    expect((await signIn(ctx, { email, password: fullWidth }, request)).userId).toBe(user.id);
    await expect(signIn(ctx, { email, password: "My Very Own Secret" }, request)).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
  });
});
