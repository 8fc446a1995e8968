import { randomBytes, randomInt } from "node:crypto";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { RequestContext } from "../audit/record-audit-event.ts";
import { createTestContext } from "../testing/test-context.ts";
import { IdentityError } from "./errors.ts";
import { inspectResetLink, requestPasswordReset, resetPassword } from "./password-reset.ts";
import { resolveSession } from "./resolve-session.ts";
import { signIn } from "./sign-in.ts";
import { currentTotp } from "./totp.ts";
import { confirmTotpEnrolment, countRecoveryCodes, startTotpEnrolment } from "./two-factor.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());
// Each test starts from the real time; tests move the clock forward from there.
beforeEach(() => ctx.setNow(new Date()));

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
const emailFor = (name: string) => `pr-${name}-${tag}@example.com`;
/** A request from an address of its own, so the per-IP reset throttle of one test never touches another. */
const freshRequest = (): RequestContext => ({
  ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15",
});
const OLD = "the forgotten passphrase";
const NEW = "a remembered new passphrase";
const STEP_MS = 30_000;

const LINK = /http:\/\/portal\.test\/reset-password\/([A-Za-z0-9_-]{43})/;

/** Every captured reset link sent to an address, oldest first. */
async function resetLinksTo(email: string) {
  const messages = await db.outboxMessage.findMany({
    where: { recipient: email, body: { contains: "/reset-password/" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return messages.map((m) => LINK.exec(m.body)![1]!);
}

/** Asks for a reset and returns the secret from the link in the captured email. */
async function requestLink(email: string, request = freshRequest()) {
  await requestPasswordReset(ctx, email, request);
  const links = await resetLinksTo(email);
  expect(links.length).toBeGreaterThan(0);
  return links.at(-1)!;
}

const passwordHashOf = async (userId: string) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash;

async function actorFor(sessionId: string) {
  const actor = await resolveSession(db, sessionId, ctx.now());
  if (!actor) throw new Error(`session ${sessionId} does not resolve`);
  return actor;
}

describe("asking for a reset link", () => {
  it("answers an unknown email exactly like a known one, and mails only the known one", async () => {
    const known = emailFor("known");
    const unknown = emailFor("unknown");
    const user = await createUser(db, { email: known, password: OLD, name: "Marie Curie" });
    const request = freshRequest();

    const answers = [];
    for (const email of [known, unknown]) {
      answers.push(
        await requestPasswordReset(ctx, email, request).then(
          (value) => ({ ok: true, value }),
          (error: unknown) => ({ ok: false, value: error }),
        ),
      );
    }
    expect(answers[0]).toEqual({ ok: true, value: undefined });
    expect(answers[1]).toEqual(answers[0]);

    expect(await db.outboxMessage.count({ where: { recipient: unknown } })).toBe(0);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: known } });
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });
    expect(mail.body).toContain("Hi Marie");
    expect(mail.body).toMatch(LINK);
    expect(await db.verificationToken.count({ where: { purpose: "PASSWORD_RESET", userId: user.id } })).toBe(1);

    const audits = await db.auditEvent.findMany({
      where: { action: "identity.password_reset_request", ip: request.ip },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.outcome, a.actorUserId, a.target])).toEqual(
      expect.arrayContaining([
        ["SUCCESS", user.id, null],
        ["FAILURE", null, unknown],
      ]),
    );
    expect(audits).toHaveLength(2);
  });

  it("finds the login whatever the case or spacing of the typed email", async () => {
    const email = emailFor("case");
    await createUser(db, { email, password: OLD });
    await requestPasswordReset(ctx, `  ${email.toUpperCase()} `, freshRequest());
    expect(await resetLinksTo(email)).toHaveLength(1);
  });

  it("sends nothing to a disabled login", async () => {
    const email = emailFor("disabled");
    const user = await createUser(db, { email, password: OLD });
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await requestPasswordReset(ctx, email, freshRequest());
    expect(await db.outboxMessage.count({ where: { recipient: email } })).toBe(0);
  });

  it("throttles requests per email: after 3 in an hour the 4th is refused, from any address", async () => {
    const email = emailFor("throttle");
    const unknown = emailFor("throttle-unknown");
    await createUser(db, { email, password: OLD });
    for (let i = 0; i < 3; i += 1) {
      await requestPasswordReset(ctx, email, freshRequest());
      await requestPasswordReset(ctx, unknown, freshRequest());
    }
    // An unknown email is limited the same way, so the limit tells nothing either.
    await expect(requestPasswordReset(ctx, email, freshRequest())).rejects.toEqual(new IdentityError("THROTTLED"));
    await expect(requestPasswordReset(ctx, unknown, freshRequest())).rejects.toEqual(new IdentityError("THROTTLED"));
    expect(await resetLinksTo(email)).toHaveLength(3);

    // The wait is five minutes, not a lock.
    ctx.advance(5 * 60_000 + 1_000);
    await requestPasswordReset(ctx, email, freshRequest());
    expect(await resetLinksTo(email)).toHaveLength(4);
  });
});

describe("the reset link", () => {
  it("works for 30 minutes", async () => {
    const email = emailFor("expiry");
    await createUser(db, { email, password: OLD });
    const secret = await requestLink(email);
    expect(await inspectResetLink(ctx, secret)).toEqual({ email, staff: false, needsCode: false });
    expect(await inspectResetLink(ctx, `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`)).toBeNull();

    ctx.advance(29 * 60_000);
    expect(await inspectResetLink(ctx, secret)).not.toBeNull();
    ctx.advance(60_000);
    expect(await inspectResetLink(ctx, secret)).toBeNull();
    await expect(resetPassword(ctx, { secret, password: NEW }, freshRequest())).rejects.toEqual(
      new IdentityError("LINK_INVALID"),
    );
  });

  it("stops working once a newer link is asked for", async () => {
    const email = emailFor("newer");
    const user = await createUser(db, { email, password: OLD });
    const hash = await passwordHashOf(user.id);
    const older = await requestLink(email);
    const newer = await requestLink(email);
    expect(newer).not.toBe(older);

    expect(await inspectResetLink(ctx, older)).toBeNull();
    await expect(resetPassword(ctx, { secret: older, password: NEW }, freshRequest())).rejects.toEqual(
      new IdentityError("LINK_INVALID"),
    );
    expect(await inspectResetLink(ctx, newer)).toMatchObject({ email });
    await resetPassword(ctx, { secret: newer, password: NEW }, freshRequest());
    expect(await passwordHashOf(user.id)).not.toBe(hash);
    expect((await signIn(ctx, { email, password: NEW }, freshRequest())).userId).toBe(user.id);
  });

  it("refuses a weak password and keeps working afterwards", async () => {
    const email = emailFor("weak");
    const user = await createUser(db, { email, password: OLD });
    const secret = await requestLink(email);
    const hash = await passwordHashOf(user.id);

    for (const [password, problem] of [
      ["short", "too_short"],
      ["password123", "common"],
      [email.toUpperCase(), "matches_email"],
    ] as const) {
      const error = await resetPassword(ctx, { secret, password }, freshRequest()).catch((e: unknown) => e);
      expect(error, password).toBeInstanceOf(IdentityError);
      expect(error, password).toMatchObject({ code: "WEAK_PASSWORD", detail: { problem, minLength: 8 } });
    }
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect(await inspectResetLink(ctx, secret)).toMatchObject({ email });
    await resetPassword(ctx, { secret, password: NEW }, freshRequest());
    expect(await passwordHashOf(user.id)).not.toBe(hash);
  });

  it("sets the new password, ends every session, audits, notifies, and works once", async () => {
    const email = emailFor("done");
    const { owner, account } = await createHousehold(db, { owner: { email, password: OLD, name: "Marie Curie" } });
    const request = freshRequest();
    const first = await signIn(ctx, { email, password: OLD }, request);
    const second = await signIn(ctx, { email, password: OLD }, request);
    const secret = await requestLink(email, request);

    await resetPassword(ctx, { secret, password: NEW }, request);

    expect(await resolveSession(db, first.sessionId, ctx.now())).toBeNull();
    expect(await resolveSession(db, second.sessionId, ctx.now())).toBeNull();
    expect(await db.deviceSession.count({ where: { userId: owner.id, revokedAt: null } })).toBe(0);
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      passwordChangedAt: ctx.now(),
    });
    await expect(signIn(ctx, { email, password: OLD }, request)).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });
    expect((await signIn(ctx, { email, password: NEW }, request)).userId).toBe(owner.id);

    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: owner.id, action: "identity.password_reset" } }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id, ip: request.ip, details: { sessionsEnded: 2 } });
    expect(
      await db.notification.findFirstOrThrow({ where: { userId: owner.id, messageKey: "password_changed" } }),
    ).toMatchObject({ accountId: account.id, href: "/security" });
    const done = await db.outboxMessage.findFirstOrThrow({
      where: { recipient: email, body: { contains: "every device was signed out" } },
    });
    expect(done).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });

    // The link works once.
    expect(await inspectResetLink(ctx, secret)).toBeNull();
    await expect(resetPassword(ctx, { secret, password: "yet another passphrase" }, request)).rejects.toEqual(
      new IdentityError("LINK_INVALID"),
    );
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "identity.password_reset" } })).toBe(1);
  });

  it("lifts the sign-in throttle of someone who forgot their password", async () => {
    const email = emailFor("locked");
    await createUser(db, { email, password: OLD });
    const request = freshRequest();
    for (let i = 0; i < 5; i += 1) {
      await expect(signIn(ctx, { email, password: "a wrong guess" }, request)).rejects.toMatchObject({
        code: "INVALID_CREDENTIALS",
      });
    }
    await expect(signIn(ctx, { email, password: OLD }, request)).rejects.toMatchObject({ code: "THROTTLED" });
    await resetPassword(ctx, { secret: await requestLink(email, request), password: NEW }, request);
    expect((await signIn(ctx, { email, password: NEW }, request)).sessionId).toBeTruthy();
  });
});

describe("resetting with two-step sign-in on", () => {
  /** A household owner with two-step sign-in on; the enrolment code spent the current time step. */
  async function enrolledOwner(name: string) {
    const email = emailFor(name);
    const { owner, account } = await createHousehold(db, { owner: { email, password: OLD, name: "Ada Lovelace" } });
    const { sessionId } = await signIn(ctx, { email, password: OLD }, freshRequest());
    const actor = await actorFor(sessionId);
    const secret = (await startTotpEnrolment(ctx, actor)).manualKey.replace(/\s+/g, "");
    const { recoveryCodes } = await confirmTotpEnrolment(
      ctx,
      actor,
      await currentTotp(secret, ctx.now()),
      freshRequest(),
    );
    return { email, owner, account, actor, secret, recoveryCodes };
  }

  /** A six-digit code that matches none of the steps the verifier accepts at `now`. */
  async function wrongCode(secret: string, now: Date) {
    const valid = new Set(
      await Promise.all([-STEP_MS, 0, STEP_MS].map((d) => currentTotp(secret, new Date(now.getTime() + d)))),
    );
    return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code))!;
  }

  it("asks for a code, refuses a wrong one, and accepts a fresh one", async () => {
    const { email, owner, actor, secret } = await enrolledOwner("totp");
    const request = freshRequest();
    const link = await requestLink(email, request);
    expect(await inspectResetLink(ctx, link)).toEqual({ email, staff: false, needsCode: true });
    const hash = await passwordHashOf(owner.id);

    await expect(resetPassword(ctx, { secret: link, password: NEW }, request)).rejects.toEqual(
      new IdentityError("SECOND_FACTOR_REQUIRED"),
    );
    expect(await passwordHashOf(owner.id)).toBe(hash);

    ctx.advance(STEP_MS);
    await expect(
      resetPassword(ctx, { secret: link, password: NEW, code: await wrongCode(secret, ctx.now()) }, request),
    ).rejects.toEqual(new IdentityError("INVALID_CODE"));
    // The code from the enrolment was already spent: a replay is refused too.
    await expect(
      resetPassword(
        ctx,
        { secret: link, password: NEW, code: await currentTotp(secret, new Date(ctx.now().getTime() - STEP_MS)) },
        request,
      ),
    ).rejects.toEqual(new IdentityError("INVALID_CODE"));
    expect(await passwordHashOf(owner.id)).toBe(hash);
    expect(await inspectResetLink(ctx, link)).not.toBeNull();

    await resetPassword(ctx, { secret: link, password: NEW, code: await currentTotp(secret, ctx.now()) }, request);
    expect(await passwordHashOf(owner.id)).not.toBe(hash);
    expect(await resolveSession(db, actor.sessionId, ctx.now())).toBeNull();
    // Two-step sign-in stays on: the new password alone does not sign in.
    await expect(signIn(ctx, { email, password: NEW }, request)).rejects.toMatchObject({
      code: "SECOND_FACTOR_REQUIRED",
    });
    ctx.advance(STEP_MS);
    const fresh = await signIn(ctx, { email, password: NEW, code: await currentTotp(secret, ctx.now()) }, request);
    expect(fresh.userId).toBe(owner.id);
  });

  it("accepts a recovery code instead, spending it", async () => {
    const { email, owner, recoveryCodes } = await enrolledOwner("recovery");
    const request = freshRequest();
    const link = await requestLink(email, request);
    await resetPassword(ctx, { secret: link, password: NEW, code: recoveryCodes[0]!.toLowerCase() }, request);
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(9);
    expect((await signIn(ctx, { email, password: NEW, code: recoveryCodes[1]! }, request)).userId).toBe(owner.id);
  });

  it("throttles wrong codes like sign-in does", async () => {
    const { email, secret } = await enrolledOwner("throttle-code");
    const request = freshRequest();
    const link = await requestLink(email, request);
    ctx.advance(STEP_MS);
    const wrong = await wrongCode(secret, ctx.now());
    for (let i = 0; i < 5; i += 1) {
      await expect(resetPassword(ctx, { secret: link, password: NEW, code: wrong }, request)).rejects.toMatchObject({
        code: "INVALID_CODE",
      });
    }
    await expect(
      resetPassword(ctx, { secret: link, password: NEW, code: await currentTotp(secret, ctx.now()) }, request),
    ).rejects.toEqual(new IdentityError("THROTTLED"));
    ctx.advance(61_000);
    await resetPassword(ctx, { secret: link, password: NEW, code: await currentTotp(secret, ctx.now()) }, request);
  });
});
