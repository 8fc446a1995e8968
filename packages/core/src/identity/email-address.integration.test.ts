import { randomBytes } from "node:crypto";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { confirmEmailLink, requestEmailChange, resendVerificationEmail } from "./email-address.ts";
import { IdentityError } from "./errors.ts";
import { resolveSession } from "./resolve-session.ts";
import { signIn } from "./sign-in.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());
// Each test starts from the real time; tests move the clock forward from there.
beforeEach(() => ctx.setNow(new Date()));

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
const emailFor = (name: string) => `ea-${name}-${tag}@example.com`;
const request = { ip: "192.0.2.30", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" };
const PASSWORD = "an email address passphrase";

const LINK = /http:\/\/portal\.test\/verify-email\/([A-Za-z0-9_-]{43})/;

/** Every captured /verify-email/ link sent to an address, oldest first. */
async function emailLinksTo(email: string) {
  const messages = await db.outboxMessage.findMany({
    where: { recipient: email, body: { contains: "/verify-email/" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return messages.map((m) => LINK.exec(m.body)![1]!);
}

async function latestLinkTo(email: string) {
  const links = await emailLinksTo(email);
  if (links.length === 0) throw new Error(`no link was sent to ${email}`);
  return links.at(-1)!;
}

async function actorFor(sessionId: string) {
  const actor = await resolveSession(db, sessionId, ctx.now());
  if (!actor) throw new Error(`session ${sessionId} does not resolve`);
  return actor;
}

async function signInActor(email: string) {
  const { sessionId } = await signIn(ctx, { email, password: PASSWORD }, request);
  return actorFor(sessionId);
}

/** A household owner, signed in just now (so with a fresh step-up). */
async function signedInOwner(name: string, options: { emailVerified?: boolean } = {}) {
  const email = emailFor(name);
  const { owner, account } = await createHousehold(db, {
    owner: { email, password: PASSWORD, name: "Katherine Johnson", ...options },
  });
  return { email, owner, account, actor: await signInActor(email) };
}

describe("verifying the email address", () => {
  it("sends a link that marks the address verified, once", async () => {
    const { email, owner, actor } = await signedInOwner("verify", { emailVerified: false });
    expect(actor.emailVerified).toBe(false);

    expect(await resendVerificationEmail(ctx, actor)).toEqual({ alreadyVerified: false });
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });
    expect(mail.body).toContain("Hi Katherine");
    const secret = await latestLinkTo(email);

    ctx.advance(60_000);
    expect(await confirmEmailLink(ctx, secret, request)).toEqual({ kind: "verified" });
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      email,
      emailVerifiedAt: ctx.now(),
    });
    expect(await actorFor(actor.sessionId)).toMatchObject({ emailVerified: true });

    await expect(confirmEmailLink(ctx, secret, request)).rejects.toEqual(new IdentityError("LINK_INVALID"));
    await expect(confirmEmailLink(ctx, "not-a-link-we-sent", request)).rejects.toEqual(
      new IdentityError("LINK_INVALID"),
    );
  });

  it("does not send another link when the address is already verified", async () => {
    const { email, actor } = await signedInOwner("already");
    expect(await resendVerificationEmail(ctx, actor)).toEqual({ alreadyVerified: true });
    expect(await db.outboxMessage.count({ where: { recipient: email } })).toBe(0);
  });

  it("expires after 7 days", async () => {
    const { email, owner, actor } = await signedInOwner("verify-late", { emailVerified: false });
    await resendVerificationEmail(ctx, actor);
    const secret = await latestLinkTo(email);
    ctx.advance(7 * 24 * 60 * 60_000);
    await expect(confirmEmailLink(ctx, secret, request)).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ emailVerifiedAt: null });
  });
});

describe("changing the sign-in email", () => {
  it("needs a recent step-up", async () => {
    const { email, owner, actor } = await signedInOwner("stepup");
    ctx.advance(11 * 60_000);
    const stale = await actorFor(actor.sessionId);
    await expect(requestEmailChange(ctx, stale, emailFor("stepup-new"), request)).rejects.toEqual(
      new IdentityError("STEP_UP_REQUIRED"),
    );
    expect(await db.outboxMessage.count({ where: { recipient: { in: [email, emailFor("stepup-new")] } } })).toBe(0);
    expect(await db.verificationToken.count({ where: { purpose: "EMAIL_CHANGE", userId: owner.id } })).toBe(0);
  });

  it("refuses an address that already has a login, whatever its case", async () => {
    const { actor } = await signedInOwner("taken");
    const other = await createUser(db, { email: emailFor("taken-other") });
    await expect(requestEmailChange(ctx, actor, ` ${other.email.toUpperCase()} `, request)).rejects.toEqual(
      new IdentityError("EMAIL_TAKEN"),
    );
    expect(await db.outboxMessage.count({ where: { recipient: other.email } })).toBe(0);
  });

  it("treats the current address as no change", async () => {
    const { email, actor } = await signedInOwner("same");
    expect(await requestEmailChange(ctx, actor, email.toUpperCase(), request)).toEqual({ unchanged: true });
    expect(await db.outboxMessage.count({ where: { recipient: email } })).toBe(0);
  });

  it("mails a confirmation to the new address and a notice to the old one, and changes nothing yet", async () => {
    const { email, owner, account, actor } = await signedInOwner("request");
    const newEmail = emailFor("request-new");
    expect(await requestEmailChange(ctx, actor, newEmail, request)).toEqual({ unchanged: false });

    const confirm = await db.outboxMessage.findFirstOrThrow({ where: { recipient: newEmail } });
    expect(confirm).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });
    expect(confirm.body).toContain("Hi Katherine");
    expect(confirm.body).toMatch(LINK);
    const notice = await db.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(notice).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });
    expect(notice.body).toContain(newEmail);
    expect(notice.body).not.toMatch(LINK);

    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ email });
    expect((await signIn(ctx, { email, password: PASSWORD }, request)).userId).toBe(owner.id);
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { actorUserId: owner.id, action: "identity.email_change_request" },
      }),
    ).toMatchObject({
      outcome: "SUCCESS",
      accountId: account.id,
      sessionId: actor.sessionId,
      details: { to: newEmail },
    });
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "identity.email_change" } })).toBe(0);
  });

  it("changes the address once the link is opened: verified, audited, notified, and the link works once", async () => {
    const { email, owner, account, actor } = await signedInOwner("confirm", { emailVerified: false });
    const newEmail = emailFor("confirm-new");
    await requestEmailChange(ctx, actor, newEmail.toUpperCase(), request);
    const secret = await latestLinkTo(newEmail);

    ctx.advance(60 * 60_000);
    expect(await confirmEmailLink(ctx, secret, request)).toEqual({ kind: "changed", email: newEmail });
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      email: newEmail,
      emailVerifiedAt: ctx.now(),
    });
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: owner.id, action: "identity.email_change" } }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id, details: { from: email, to: newEmail } });
    expect(
      await db.notification.findFirstOrThrow({ where: { userId: owner.id, messageKey: "email_changed" } }),
    ).toMatchObject({ accountId: account.id, values: { email: newEmail }, href: "/security" });

    // The new address signs in; the old one no longer does.
    expect((await signIn(ctx, { email: newEmail, password: PASSWORD }, request)).userId).toBe(owner.id);
    await expect(signIn(ctx, { email, password: PASSWORD }, request)).rejects.toMatchObject({
      code: "INVALID_CREDENTIALS",
    });

    await expect(confirmEmailLink(ctx, secret, request)).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "identity.email_change" } })).toBe(1);
  });

  it("refuses the change if the new address got a login meanwhile, and nothing changes", async () => {
    const { email, owner, actor } = await signedInOwner("race");
    const newEmail = emailFor("race-new");
    await requestEmailChange(ctx, actor, newEmail, request);
    const secret = await latestLinkTo(newEmail);
    const before = await db.user.findUniqueOrThrow({ where: { id: owner.id } });

    const squatter = await createUser(db, { email: newEmail });
    await expect(confirmEmailLink(ctx, secret, request)).rejects.toEqual(new IdentityError("EMAIL_TAKEN"));

    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(before);
    expect(await db.user.findUniqueOrThrow({ where: { id: squatter.id } })).toMatchObject({ email: newEmail });
    expect(await db.auditEvent.count({ where: { actorUserId: owner.id, action: "identity.email_change" } })).toBe(0);
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "email_changed" } })).toBe(0);
    expect((await signIn(ctx, { email, password: PASSWORD }, request)).userId).toBe(owner.id);
  });

  it("honours only the newest change link", async () => {
    const { owner, actor } = await signedInOwner("newest");
    const first = emailFor("newest-first");
    const second = emailFor("newest-second");
    await requestEmailChange(ctx, actor, first, request);
    const firstLink = await latestLinkTo(first);
    await requestEmailChange(ctx, actor, second, request);
    const secondLink = await latestLinkTo(second);

    await expect(confirmEmailLink(ctx, firstLink, request)).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ email: emailFor("newest") });
    expect(await confirmEmailLink(ctx, secondLink, request)).toEqual({ kind: "changed", email: second });
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ email: second });
  });

  it("expires the change link after 24 hours", async () => {
    const { email, owner, actor } = await signedInOwner("change-late");
    const newEmail = emailFor("change-late-new");
    await requestEmailChange(ctx, actor, newEmail, request);
    const secret = await latestLinkTo(newEmail);
    ctx.advance(24 * 60 * 60_000);
    await expect(confirmEmailLink(ctx, secret, request)).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ email });
  });

  it("a verification link for the old address does not verify the new one", async () => {
    const { email, owner, actor } = await signedInOwner("old-link", { emailVerified: false });
    await resendVerificationEmail(ctx, actor);
    const oldVerification = await latestLinkTo(email);
    const newEmail = emailFor("old-link-new");
    await requestEmailChange(ctx, actor, newEmail, request);
    // Confirming the change verifies the new address, at that time.
    await confirmEmailLink(ctx, await latestLinkTo(newEmail), request);
    const changedAt = ctx.now();

    ctx.advance(60_000);
    // The old link is still a live token, but it is for an address the user no longer has.
    expect(await confirmEmailLink(ctx, oldVerification, request)).toEqual({ kind: "verified" });
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      email: newEmail,
      emailVerifiedAt: changedAt,
    });
  });
});
