import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { IdentityError } from "./errors.ts";
import { resolveSession } from "./resolve-session.ts";
import { signIn } from "./sign-in.ts";
import { currentTotp } from "./totp.ts";
import {
  confirmTotpEnrolment,
  countRecoveryCodes,
  disableTotp,
  pendingTotpEnrolment,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "./two-factor.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(async () => {
  // Files share one database and run one after another. sign-in.integration.test.ts lists every
  // failed sign-in and jobs/worker.integration.test.ts every outbox row, so take ours away again.
  await db.outboxMessage.deleteMany({ where: { recipient: { startsWith: "tf-" } } });
  await db.auditEvent.deleteMany({ where: { action: "identity.sign_in", target: { startsWith: "tf-" } } });
  await db.$disconnect();
});
// Each test starts from the real time; tests move the clock forward from there.
beforeEach(() => ctx.setNow(new Date()));

const request = { ip: "192.0.2.10", userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15" };
const PASSWORD = "a long two-factor passphrase";
const STEP_MS = 30_000;

/** The signed-in user behind a session, resolved on the test clock. */
async function actorFor(sessionId: string) {
  const actor = await resolveSession(db, sessionId, ctx.now());
  if (!actor) throw new Error(`session ${sessionId} does not resolve`);
  return actor;
}

async function signInActor(email: string, password = PASSWORD) {
  const { sessionId } = await signIn(ctx, { email, password }, request);
  return actorFor(sessionId);
}

/** The plain base32 secret from the enrolment's manual key ("ABCD EFGH …"). */
const plainSecret = (manualKey: string) => manualKey.replace(/\s+/g, "");

/** A six-digit code that matches none of the steps the verifier accepts at `now`. */
async function wrongCode(secret: string, now: Date) {
  const valid = new Set(
    await Promise.all([-STEP_MS, 0, STEP_MS].map((d) => currentTotp(secret, new Date(now.getTime() + d)))),
  );
  return ["000000", "111111", "222222", "333333"].find((code) => !valid.has(code))!;
}

/** A household owner with two-step sign-in on; the enrolment code spent the current time step. */
async function enrolledOwner(prefix: string) {
  const email = `${prefix}@example.com`;
  const { owner, account } = await createHousehold(db, { owner: { email, password: PASSWORD, name: "Ada Lovelace" } });
  const actor = await signInActor(email);
  const { manualKey } = await startTotpEnrolment(ctx, actor);
  const secret = plainSecret(manualKey);
  const { recoveryCodes } = await confirmTotpEnrolment(ctx, actor, await currentTotp(secret, ctx.now()), request);
  return { email, owner, account, actor, secret, recoveryCodes };
}

describe("enrolling in two-step sign-in", () => {
  it("needs a recent step-up", async () => {
    const email = "tf-stepup@example.com";
    await createUser(db, { email, password: PASSWORD });
    const fresh = await signInActor(email);
    const { manualKey } = await startTotpEnrolment(ctx, fresh);
    const secret = plainSecret(manualKey);

    ctx.advance(11 * 60_000);
    const stale = await actorFor(fresh.sessionId);
    expect(stale.stepUpAt).toEqual(fresh.stepUpAt);
    await expect(startTotpEnrolment(ctx, stale)).rejects.toEqual(new IdentityError("STEP_UP_REQUIRED"));
    await expect(confirmTotpEnrolment(ctx, stale, await currentTotp(secret, ctx.now()), request)).rejects.toMatchObject(
      { code: "STEP_UP_REQUIRED" },
    );
    expect(await db.user.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ totpEnabledAt: null });

    // Stepping up (password again, replacing the session) makes it possible again.
    const stepped = await signIn(ctx, { email, password: PASSWORD, replacesSessionId: fresh.sessionId }, request);
    expect(await resolveSession(db, fresh.sessionId, ctx.now())).toBeNull();
    const actor = await actorFor(stepped.sessionId);
    const { recoveryCodes } = await confirmTotpEnrolment(ctx, actor, await currentTotp(secret, ctx.now()), request);
    expect(recoveryCodes).toHaveLength(10);
  });

  it("keeps the pending secret sealed, shows it again on reload, and a restart replaces it", async () => {
    const email = "tf-pending@example.com";
    const user = await createUser(db, { email, password: PASSWORD });
    const actor = await signInActor(email);
    expect(await pendingTotpEnrolment(ctx, actor)).toBeNull();

    const first = await startTotpEnrolment(ctx, actor);
    expect(first.manualKey).toMatch(/^([A-Z2-7]{4} )*[A-Z2-7]{1,4}$/);
    const secret = plainSecret(first.manualKey);
    expect(secret).toHaveLength(32);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(first.uri).toContain(`secret=${secret}`);
    expect(first.uri).toContain("Spectrum");

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true } });
    expect(stored.totpSecret).toMatch(/^v1\./);
    expect(stored.totpSecret).not.toContain(secret);
    expect(await pendingTotpEnrolment(ctx, actor)).toEqual(first);

    const second = await startTotpEnrolment(ctx, actor);
    expect(second.manualKey).not.toEqual(first.manualKey);
    expect(await pendingTotpEnrolment(ctx, actor)).toEqual(second);
    // The first secret's codes no longer confirm.
    const firstCode = await currentTotp(secret, ctx.now());
    if (firstCode !== (await currentTotp(plainSecret(second.manualKey), ctx.now()))) {
      await expect(confirmTotpEnrolment(ctx, actor, firstCode, request)).rejects.toMatchObject({
        code: "INVALID_CODE",
      });
    }
  });

  it("cannot be confirmed without a pending secret", async () => {
    const email = "tf-notpending@example.com";
    await createUser(db, { email, password: PASSWORD });
    const actor = await signInActor(email);
    await expect(confirmTotpEnrolment(ctx, actor, "123456", request)).rejects.toEqual(
      new IdentityError("TWO_FACTOR_NOT_PENDING"),
    );
  });

  it("does not turn on with a wrong code, and audits the failure", async () => {
    const email = "tf-wrongcode@example.com";
    const { owner, account } = await createHousehold(db, { owner: { email, password: PASSWORD } });
    const actor = await signInActor(email);
    const { manualKey } = await startTotpEnrolment(ctx, actor);
    const secret = plainSecret(manualKey);

    await expect(confirmTotpEnrolment(ctx, actor, await wrongCode(secret, ctx.now()), request)).rejects.toEqual(
      new IdentityError("INVALID_CODE"),
    );
    await expect(confirmTotpEnrolment(ctx, actor, "12ab56", request)).rejects.toMatchObject({
      code: "INVALID_CODE",
    });
    // A code from long ago (outside the one-step drift window) is refused too.
    await expect(
      confirmTotpEnrolment(ctx, actor, await currentTotp(secret, new Date(ctx.now().getTime() - 5 * 60_000)), request),
    ).rejects.toMatchObject({ code: "INVALID_CODE" });

    const user = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.totpEnabledAt).toBeNull();
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(0);
    expect(await pendingTotpEnrolment(ctx, actor)).toMatchObject({ manualKey });
    const failures = await db.auditEvent.findMany({
      where: { actorUserId: owner.id, action: "identity.two_factor_enable" },
      orderBy: { id: "asc" },
    });
    expect(failures.map((f) => [f.outcome, (f.details as { reason: string }).reason])).toEqual([
      ["FAILURE", "invalid"],
      ["FAILURE", "malformed"],
      ["FAILURE", "invalid"],
    ]);
    expect(failures[0]).toMatchObject({ accountId: account.id, sessionId: actor.sessionId, ip: request.ip });
    expect(await db.notification.count({ where: { userId: owner.id } })).toBe(0);

    // The user can still sign in with the password alone.
    expect((await signIn(ctx, { email, password: PASSWORD }, request)).userId).toBe(owner.id);
  });

  it("turns on with a right code: recovery codes, other sessions end, audit, notice and email", async () => {
    const email = "tf-confirm@example.com";
    const { owner, account } = await createHousehold(db, {
      owner: { email, password: PASSWORD, name: "Grace Hopper" },
    });
    const current = await signInActor(email);
    const other = await signIn(ctx, { email, password: PASSWORD }, request);
    const { manualKey } = await startTotpEnrolment(ctx, current);
    const secret = plainSecret(manualKey);

    const { recoveryCodes } = await confirmTotpEnrolment(ctx, current, await currentTotp(secret, ctx.now()), request);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(10);
    const digests = await db.recoveryCode.findMany({ where: { userId: owner.id } });
    for (const { digest } of digests) {
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      for (const code of recoveryCodes) expect(digest).not.toContain(code.replace("-", ""));
    }

    const user = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.totpEnabledAt).toEqual(ctx.now());

    expect(await resolveSession(db, other.sessionId, ctx.now())).toBeNull();
    expect(await resolveSession(db, current.sessionId, ctx.now())).toMatchObject({
      id: owner.id,
      twoFactorEnabled: true,
      mfa: true,
    });

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { actorUserId: owner.id, action: "identity.two_factor_enable" },
    });
    expect(audit).toMatchObject({
      outcome: "SUCCESS",
      accountId: account.id,
      sessionId: current.sessionId,
      ip: request.ip,
      details: { otherSessionsEnded: 1 },
    });

    const notice = await db.notification.findFirstOrThrow({ where: { userId: owner.id } });
    expect(notice).toMatchObject({ messageKey: "two_factor_enabled", accountId: account.id, href: "/security" });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED", subject: "Two-step sign-in is on" });
    expect(mail.body).toContain("Hi Grace,");

    // Once on, there is nothing pending and no second enrolment.
    expect(await pendingTotpEnrolment(ctx, current)).toBeNull();
    await expect(startTotpEnrolment(ctx, current)).rejects.toEqual(new IdentityError("TWO_FACTOR_ALREADY_ON"));
    await expect(
      confirmTotpEnrolment(ctx, current, await currentTotp(secret, ctx.now()), request),
    ).rejects.toMatchObject({ code: "TWO_FACTOR_ALREADY_ON" });
  });
});

describe("signing in with two-step sign-in on", () => {
  it("asks for the code, accepts a current one once, and the next step's too", async () => {
    const { email, owner, secret } = await enrolledOwner("tf-signin-totp");
    const sessionsBefore = await db.deviceSession.count({ where: { userId: owner.id } });

    await expect(signIn(ctx, { email, password: PASSWORD }, request)).rejects.toEqual(
      new IdentityError("SECOND_FACTOR_REQUIRED"),
    );
    expect(await db.deviceSession.count({ where: { userId: owner.id } })).toBe(sessionsBefore);
    // A wrong password is still just wrong credentials, code or no code.
    await expect(
      signIn(ctx, { email, password: "not the passphrase", code: await currentTotp(secret, ctx.now()) }, request),
    ).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });

    // The enrolment spent this step's code; half a minute later the app shows a new one.
    ctx.advance(STEP_MS);
    const code = await currentTotp(secret, ctx.now());
    const ok = await signIn(ctx, { email, password: PASSWORD, code }, request);
    expect(await resolveSession(db, ok.sessionId, ctx.now())).toMatchObject({ id: owner.id, mfa: true });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { sessionId: ok.sessionId, action: "identity.sign_in" },
    });
    expect(audit).toMatchObject({ outcome: "SUCCESS", details: { mfa: true } });

    // Replay of the same code is refused.
    await expect(signIn(ctx, { email, password: PASSWORD, code }, request)).rejects.toEqual(
      new IdentityError("INVALID_CODE"),
    );
    expect(await db.deviceSession.count({ where: { userId: owner.id } })).toBe(sessionsBefore + 1);

    // The next step's code (a phone clock slightly ahead) is accepted, typed with a space.
    const next = await currentTotp(secret, new Date(ctx.now().getTime() + STEP_MS));
    const ahead = await signIn(
      ctx,
      { email, password: PASSWORD, code: `${next.slice(0, 3)} ${next.slice(3)}` },
      request,
    );
    expect(await resolveSession(db, ahead.sessionId, ctx.now())).toMatchObject({ mfa: true });
    // ...and after it, the current step's code is older than the last one used: refused.
    await expect(
      signIn(ctx, { email, password: PASSWORD, code: await currentTotp(secret, ctx.now()) }, request),
    ).rejects.toMatchObject({ code: "INVALID_CODE" });
  });

  it("accepts a recovery code once, in any case, with or without the dash", async () => {
    const { email, owner, recoveryCodes } = await enrolledOwner("tf-signin-recovery");
    const [first, second] = recoveryCodes as [string, string];

    const ok = await signIn(ctx, { email, password: PASSWORD, code: first.replace("-", "").toLowerCase() }, request);
    expect(await resolveSession(db, ok.sessionId, ctx.now())).toMatchObject({ id: owner.id, mfa: true });
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(9);
    const used = await db.recoveryCode.findMany({ where: { userId: owner.id, usedAt: { not: null } } });
    expect(used.map((u) => u.usedAt)).toEqual([ctx.now()]);

    await expect(signIn(ctx, { email, password: PASSWORD, code: first }, request)).rejects.toEqual(
      new IdentityError("INVALID_CODE"),
    );
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(9);

    await signIn(ctx, { email, password: PASSWORD, code: ` ${second.toLowerCase()} ` }, request);
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(8);
    // Not a recovery code of this user (a made-up one) and not a code at all.
    await expect(signIn(ctx, { email, password: PASSWORD, code: "ABCDE-FGHJK" }, request)).rejects.toMatchObject({
      code: "INVALID_CODE",
    });
    await expect(signIn(ctx, { email, password: PASSWORD, code: "nonsense" }, request)).rejects.toMatchObject({
      code: "INVALID_CODE",
    });
  });

  it("spends a recovery code once even when two sign-ins race with it", async () => {
    const { email, owner, recoveryCodes } = await enrolledOwner("tf-signin-race");
    const sessionsBefore = await db.deviceSession.count({ where: { userId: owner.id } });
    const code = recoveryCodes[3]!;

    const results = await Promise.allSettled([
      signIn(ctx, { email, password: PASSWORD, code }, request),
      signIn(ctx, { email, password: PASSWORD, code }, request),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toEqual(new IdentityError("INVALID_CODE"));
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(9);
    expect(await db.deviceSession.count({ where: { userId: owner.id } })).toBe(sessionsBefore + 1);
  });

  it("accepts an authenticator code once even when two sign-ins race with it", async () => {
    const { email, owner, secret } = await enrolledOwner("tf-signin-totp-race");
    ctx.advance(STEP_MS);
    const code = await currentTotp(secret, ctx.now());
    const results = await Promise.allSettled([
      signIn(ctx, { email, password: PASSWORD, code }, request),
      signIn(ctx, { email, password: PASSWORD, code }, request),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason).toEqual(
      new IdentityError("INVALID_CODE"),
    );
    expect(await db.deviceSession.count({ where: { userId: owner.id, mfa: true } })).toBe(2);
  });

  it("throttles wrong codes: after 5 failures even a right code waits", async () => {
    const { email, owner, secret } = await enrolledOwner("tf-signin-throttle");
    ctx.advance(STEP_MS);
    const wrong = await wrongCode(secret, ctx.now());
    for (const code of [wrong, wrong, "ABCDE-FGHJK", wrong, wrong]) {
      await expect(signIn(ctx, { email, password: PASSWORD, code }, request)).rejects.toEqual(
        new IdentityError("INVALID_CODE"),
      );
    }
    await expect(
      signIn(ctx, { email, password: PASSWORD, code: await currentTotp(secret, ctx.now()) }, request),
    ).rejects.toEqual(new IdentityError("THROTTLED"));
    const throttled = await db.auditEvent.findFirstOrThrow({
      where: { actorUserId: owner.id, action: "identity.sign_in", outcome: "FAILURE" },
      orderBy: { id: "desc" },
    });
    expect(throttled.details).toEqual({ reason: "code_throttled" });

    // The wait is a minute, not a lock; the refused attempt did not spend the code's step.
    ctx.advance(61_000);
    const ok = await signIn(ctx, { email, password: PASSWORD, code: await currentTotp(secret, ctx.now()) }, request);
    expect(await resolveSession(db, ok.sessionId, ctx.now())).toMatchObject({ mfa: true });
    // A success clears the counter: one more wrong code is a plain INVALID_CODE again.
    await expect(
      signIn(ctx, { email, password: PASSWORD, code: await wrongCode(secret, ctx.now()) }, request),
    ).rejects.toMatchObject({ code: "INVALID_CODE" });
  });
});

describe("managing two-step sign-in", () => {
  it("regenerates recovery codes: the old ones stop working", async () => {
    const { email, owner, account, actor, recoveryCodes: old } = await enrolledOwner("tf-regenerate");
    // Spend one old code, so some are used and some not.
    await signIn(ctx, { email, password: PASSWORD, code: old[0]! }, request);
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(9);

    const { recoveryCodes } = await regenerateRecoveryCodes(ctx, actor, request);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(recoveryCodes.filter((c) => old.includes(c))).toEqual([]);
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(10);
    expect(await db.recoveryCode.count({ where: { userId: owner.id } })).toBe(10);

    await expect(signIn(ctx, { email, password: PASSWORD, code: old[1]! }, request)).rejects.toEqual(
      new IdentityError("INVALID_CODE"),
    );
    await signIn(ctx, { email, password: PASSWORD, code: recoveryCodes[0]! }, request);
    expect(await countRecoveryCodes(ctx, owner.id)).toBe(9);

    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { actorUserId: owner.id, action: "identity.recovery_codes_regenerate" },
      }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id, sessionId: actor.sessionId });
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "recovery_codes_regenerated" } })).toBe(
      1,
    );
    expect(await db.outboxMessage.count({ where: { recipient: email, status: "CAPTURED" } })).toBe(2);

    ctx.advance(11 * 60_000);
    await expect(regenerateRecoveryCodes(ctx, await actorFor(actor.sessionId), request)).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
  });

  it("cannot regenerate recovery codes while two-step sign-in is off", async () => {
    const email = "tf-regenerate-off@example.com";
    const user = await createUser(db, { email, password: PASSWORD });
    const actor = await signInActor(email);
    await expect(regenerateRecoveryCodes(ctx, actor, request)).rejects.toEqual(new IdentityError("TWO_FACTOR_OFF"));
    expect(await countRecoveryCodes(ctx, user.id)).toBe(0);
  });

  it("turns off: the password alone signs in again", async () => {
    const { email, owner, account, actor, recoveryCodes } = await enrolledOwner("tf-disable");

    ctx.advance(11 * 60_000);
    await expect(disableTotp(ctx, await actorFor(actor.sessionId), request)).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      totpEnabledAt: expect.any(Date),
    });

    const stepped = await signIn(
      ctx,
      { email, password: PASSWORD, code: recoveryCodes[0]!, replacesSessionId: actor.sessionId },
      request,
    );
    const fresh = await actorFor(stepped.sessionId);
    await disableTotp(ctx, fresh, request);

    const user = await db.user.findUniqueOrThrow({
      where: { id: owner.id },
      select: { totpEnabledAt: true, totpSecret: true, totpLastUsedStep: true },
    });
    expect(user).toEqual({ totpEnabledAt: null, totpSecret: null, totpLastUsedStep: null });
    expect(await db.recoveryCode.count({ where: { userId: owner.id } })).toBe(0);

    const plain = await signIn(ctx, { email, password: PASSWORD }, request);
    expect(await resolveSession(db, plain.sessionId, ctx.now())).toMatchObject({
      twoFactorEnabled: false,
      mfa: false,
    });

    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: owner.id, action: "identity.two_factor_disable" } }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id, sessionId: fresh.sessionId });
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "two_factor_disabled" } })).toBe(1);
    expect(
      await db.outboxMessage.findFirstOrThrow({ where: { recipient: email, subject: "Two-step sign-in is off" } }),
    ).toMatchObject({ status: "CAPTURED" });

    await expect(disableTotp(ctx, fresh, request)).rejects.toEqual(new IdentityError("TWO_FACTOR_OFF"));
    // And it can be turned on again from scratch.
    expect((await startTotpEnrolment(ctx, fresh)).manualKey).toBeTruthy();
  });

  it("cannot be turned off by staff, whose role requires it", async () => {
    const email = "tf-staff@example.com";
    const password = "a staff passphrase of some length";
    const staff = await createUser(db, { email, password, staffRole: "SUPPORT_AGENT" });
    const actor = await signInActor(email, password);
    const { manualKey } = await startTotpEnrolment(ctx, actor);
    await confirmTotpEnrolment(ctx, actor, await currentTotp(plainSecret(manualKey), ctx.now()), request);

    const refusal = await disableTotp(ctx, actor, request).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(IdentityError);
    expect(refusal).toMatchObject({ code: "TWO_FACTOR_ALREADY_ON", detail: { reason: "staff_requires_2fa" } });

    expect(await db.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({
      totpEnabledAt: expect.any(Date),
    });
    expect(await countRecoveryCodes(ctx, staff.id)).toBe(10);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: staff.id, action: "identity.two_factor_disable" } }),
    ).toMatchObject({ outcome: "DENIED", details: { reason: "staff_requires_2fa" } });
    await expect(signIn(ctx, { email, password }, request)).rejects.toMatchObject({ code: "SECOND_FACTOR_REQUIRED" });
  });
});
