import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { IdentityError } from "./errors.ts";
import {
  acceptInvite,
  cancelInvite,
  inspectInvite,
  inviteMember,
  listPendingInvites,
  MAX_HOUSEHOLD_LOGINS,
  removeMember,
  ZInvite,
} from "./household.ts";
import { resolveSession } from "./resolve-session.ts";
import { signIn } from "./sign-in.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());
// Each test starts from the real time; tests move the clock forward from there.
beforeEach(() => ctx.setNow(new Date()));

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
const emailFor = (name: string) => `hh-${name}-${tag}@example.com`;
const request = { ip: "192.0.2.40", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" };
const PASSWORD = "the owner's passphrase";
const MEMBER_PASSWORD = "a member's own passphrase";

const LINK = /http:\/\/portal\.test\/invite\/([A-Za-z0-9_-]{43})/;

/** Every captured invitation link sent to an address, oldest first. */
async function inviteLinksTo(email: string) {
  const messages = await db.outboxMessage.findMany({
    where: { recipient: email, body: { contains: "/invite/" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return messages.map((m) => LINK.exec(m.body)![1]!);
}

async function latestInviteTo(email: string) {
  const links = await inviteLinksTo(email);
  if (links.length === 0) throw new Error(`no invitation was sent to ${email}`);
  return links.at(-1)!;
}

async function actorFor(sessionId: string) {
  const actor = await resolveSession(db, sessionId, ctx.now());
  if (!actor) throw new Error(`session ${sessionId} does not resolve`);
  return actor;
}

/** A household whose owner ("Ada Lovelace", profile "Ada") is signed in. */
async function household(name: string) {
  const email = emailFor(name);
  const { owner, account, profile } = await createHousehold(db, {
    owner: { email, password: PASSWORD, name: "Ada Lovelace" },
  });
  const { sessionId } = await signIn(ctx, { email, password: PASSWORD }, request);
  return { owner, account, profile, actor: await actorFor(sessionId) };
}

/** Invites an address (normalised as the web form does) and returns the secret from the captured email. */
async function invite(actor: Awaited<ReturnType<typeof household>>["actor"], email: string) {
  await inviteMember(ctx, actor, ZInvite.parse({ email }).email, request);
  return latestInviteTo(email.trim().toLowerCase());
}

describe("inviting household members", () => {
  it("emails an invitation link from the owner, lists it as pending, and audits it", async () => {
    const { actor, account, owner } = await household("invite");
    const email = emailFor("invitee");
    const secret = await invite(actor, ` ${email.toUpperCase()} `);

    const mail = await db.outboxMessage.findFirstOrThrow({ where: { recipient: email } });
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });
    expect(mail.body).toContain("Ada Lovelace invited you");
    expect(mail.body).toMatch(LINK);

    expect(await inspectInvite(ctx, secret)).toEqual({ email, inviter: "Ada Lovelace" });
    expect(await inspectInvite(ctx, "not-a-link-we-sent")).toBeNull();
    const pending = await listPendingInvites(ctx, account.id);
    expect(pending).toEqual([
      {
        id: expect.any(String),
        email,
        createdAt: ctx.now(),
        expiresAt: new Date(ctx.now().getTime() + 7 * 86_400_000),
      },
    ]);
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: owner.id, action: "identity.household_invite" } }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id, target: email, sessionId: actor.sessionId });
  });

  it("refuses an address that already has a login", async () => {
    const { actor, account } = await household("invite-taken");
    const existing = await createUser(db, { email: emailFor("invite-existing") });
    await expect(inviteMember(ctx, actor, existing.email, request)).rejects.toEqual(new IdentityError("EMAIL_TAKEN"));
    expect(await db.outboxMessage.count({ where: { recipient: existing.email } })).toBe(0);
    expect(await listPendingInvites(ctx, account.id)).toEqual([]);
  });

  it("replaces the earlier invitation when the same address is invited again", async () => {
    const { actor, account } = await household("reinvite");
    const email = emailFor("reinvitee");
    const first = await invite(actor, email);
    const second = await invite(actor, email);
    expect(second).not.toBe(first);

    expect(await inspectInvite(ctx, first)).toBeNull();
    await expect(
      acceptInvite(ctx, { secret: first, name: "Mary Somerville", password: MEMBER_PASSWORD }, request),
    ).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await inspectInvite(ctx, second)).toMatchObject({ email });
    expect((await listPendingInvites(ctx, account.id)).map((i) => i.email)).toEqual([email]);
  });

  it("expires an invitation after 7 days", async () => {
    const { actor, account } = await household("invite-late");
    const secret = await invite(actor, emailFor("late-invitee"));
    ctx.advance(7 * 86_400_000);
    expect(await inspectInvite(ctx, secret)).toBeNull();
    expect(await listPendingInvites(ctx, account.id)).toEqual([]);
    await expect(
      acceptInvite(ctx, { secret, name: "Late Comer", password: MEMBER_PASSWORD }, request),
    ).rejects.toMatchObject({ code: "LINK_INVALID" });
  });

  it(`stops at ${MAX_HOUSEHOLD_LOGINS} logins, counting members and pending invitations`, async () => {
    const { actor, account } = await household("full");
    for (const name of ["full-m1", "full-m2"]) {
      await addMember(db, account.id, (await createUser(db, { email: emailFor(name) })).id, "MEMBER");
    }
    // Owner + 2 members + 5 invitations = 8.
    for (let i = 0; i < MAX_HOUSEHOLD_LOGINS - 3; i += 1) await invite(actor, emailFor(`full-i${i}`));
    const refusal = await inviteMember(ctx, actor, emailFor("full-extra"), request).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(IdentityError);
    expect(refusal).toMatchObject({ code: "NOT_ALLOWED", detail: { reason: "household_full" } });
    expect(await db.outboxMessage.count({ where: { recipient: emailFor("full-extra") } })).toBe(0);

    // Cancelling an invitation frees its place.
    const [latest] = await listPendingInvites(ctx, account.id);
    await cancelInvite(ctx, actor, latest!.id, request);
    await invite(actor, emailFor("full-extra"));
    await expect(inviteMember(ctx, actor, emailFor("full-extra2"), request)).rejects.toMatchObject({
      code: "NOT_ALLOWED",
    });

    // Expired invitations do not count.
    ctx.advance(7 * 86_400_000);
    await invite(actor, emailFor("full-later"));
    expect(await listPendingInvites(ctx, account.id)).toHaveLength(1);
  });
});

describe("cancelling an invitation", () => {
  it("makes the link stop working, and audits it", async () => {
    const { actor, account, owner } = await household("cancel");
    const email = emailFor("cancelled");
    const secret = await invite(actor, email);
    const [pending] = await listPendingInvites(ctx, account.id);

    await cancelInvite(ctx, actor, pending!.id, request);
    expect(await inspectInvite(ctx, secret)).toBeNull();
    await expect(
      acceptInvite(ctx, { secret, name: "Never Joined", password: MEMBER_PASSWORD }, request),
    ).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await listPendingInvites(ctx, account.id)).toEqual([]);
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { actorUserId: owner.id, action: "identity.household_invite_cancel" },
      }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id, target: pending!.id });

    await expect(cancelInvite(ctx, actor, pending!.id, request)).rejects.toEqual(new IdentityError("MEMBER_NOT_FOUND"));
  });
});

describe("accepting an invitation", () => {
  it("creates a verified member login with a profile, notifies the owner, and works once", async () => {
    const { actor, account, owner } = await household("accept");
    const email = emailFor("joiner");
    const secret = await invite(actor, email);

    ctx.advance(60_000);
    const { userId } = await acceptInvite(ctx, { secret, name: "Grace Hopper", password: MEMBER_PASSWORD }, request);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
    expect(user).toMatchObject({
      email,
      name: "Grace Hopper",
      emailVerifiedAt: ctx.now(),
      passwordChangedAt: ctx.now(),
      disabledAt: null,
    });
    expect(user.memberships.map((m) => [m.accountId, m.role])).toEqual([[account.id, "MEMBER"]]);
    expect(
      (await db.profile.findMany({ where: { accountId: account.id }, orderBy: { createdAt: "asc" } })).map((p) => [
        p.name,
        p.userId,
      ]),
    ).toEqual([
      ["Ada", owner.id],
      ["Grace", userId],
    ]);

    expect(
      await db.notification.findFirstOrThrow({ where: { userId: owner.id, messageKey: "member_joined" } }),
    ).toMatchObject({ accountId: account.id, values: { name: "Grace Hopper" }, href: "/household" });
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { actorUserId: userId, action: "identity.household_join" } }),
    ).toMatchObject({ outcome: "SUCCESS", accountId: account.id });
    expect(await listPendingInvites(ctx, account.id)).toEqual([]);

    // The member signs in as a member of the household.
    const { sessionId } = await signIn(ctx, { email, password: MEMBER_PASSWORD }, request);
    expect(await actorFor(sessionId)).toMatchObject({
      id: userId,
      accountId: account.id,
      membershipRole: "MEMBER",
      emailVerified: true,
    });

    // The link works once.
    expect(await inspectInvite(ctx, secret)).toBeNull();
    await expect(
      acceptInvite(ctx, { secret, name: "Grace Again", password: MEMBER_PASSWORD }, request),
    ).rejects.toEqual(new IdentityError("LINK_INVALID"));
    expect(await db.membership.count({ where: { accountId: account.id } })).toBe(2);
  });

  it("gives a member whose first name is taken a profile with the full name", async () => {
    const { actor, account } = await household("clash");
    const { userId } = await acceptInvite(
      ctx,
      { secret: await invite(actor, emailFor("clash-ada")), name: "Ada Byron", password: MEMBER_PASSWORD },
      request,
    );
    expect(await db.profile.findFirstOrThrow({ where: { accountId: account.id, userId } })).toMatchObject({
      name: "Ada Byron",
    });
    expect(await db.profile.count({ where: { accountId: account.id } })).toBe(2);
  });

  it("refuses a weak password, and the link still works after", async () => {
    const { actor, account } = await household("accept-weak");
    const email = emailFor("weak-joiner");
    const secret = await invite(actor, email);
    for (const [password, problem] of [
      ["short", "too_short"],
      ["password123", "common"],
      [email, "matches_email"],
    ] as const) {
      const error = await acceptInvite(ctx, { secret, name: "Weak Joiner", password }, request).catch(
        (e: unknown) => e,
      );
      expect(error, password).toMatchObject({ code: "WEAK_PASSWORD", detail: { problem, minLength: 8 } });
    }
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await inspectInvite(ctx, secret)).toMatchObject({ email });
    await acceptInvite(ctx, { secret, name: "Weak Joiner", password: MEMBER_PASSWORD }, request);
    expect(await db.membership.count({ where: { accountId: account.id } })).toBe(2);
  });

  it("refuses if the address got a login meanwhile", async () => {
    const { actor, account } = await household("accept-taken");
    const email = emailFor("accept-squatter");
    const secret = await invite(actor, email);
    await createUser(db, { email });
    await expect(
      acceptInvite(ctx, { secret, name: "Second Comer", password: MEMBER_PASSWORD }, request),
    ).rejects.toEqual(new IdentityError("EMAIL_TAKEN"));
    expect(await db.membership.count({ where: { accountId: account.id } })).toBe(1);
  });
});

describe("removing a member", () => {
  it("disables the login, ends their sessions, unlinks their profile, and audits it", async () => {
    const { actor, account, owner } = await household("remove");
    const email = emailFor("removed");
    const { userId } = await acceptInvite(
      ctx,
      { secret: await invite(actor, email), name: "Grace Hopper", password: MEMBER_PASSWORD },
      request,
    );
    const sessions = [
      await signIn(ctx, { email, password: MEMBER_PASSWORD }, request),
      await signIn(ctx, { email, password: MEMBER_PASSWORD }, request),
    ];
    const profile = await db.profile.findFirstOrThrow({ where: { accountId: account.id, userId } });

    ctx.advance(60_000);
    await removeMember(ctx, actor, userId, request);

    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ disabledAt: ctx.now() });
    expect(await db.membership.count({ where: { userId } })).toBe(0);
    for (const { sessionId } of sessions) expect(await resolveSession(db, sessionId, ctx.now())).toBeNull();
    expect(await db.deviceSession.count({ where: { userId, revokedAt: null } })).toBe(0);
    // The viewing profile stays with the household, no longer tied to the login.
    expect(await db.profile.findUniqueOrThrow({ where: { id: profile.id } })).toMatchObject({
      name: "Grace",
      userId: null,
    });
    await expect(signIn(ctx, { email, password: MEMBER_PASSWORD }, request)).rejects.toMatchObject({
      code: "ACCOUNT_DISABLED",
    });
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { actorUserId: owner.id, action: "identity.household_remove", outcome: "SUCCESS" },
      }),
    ).toMatchObject({
      accountId: account.id,
      target: userId,
      sessionId: actor.sessionId,
      details: { name: "Grace Hopper" },
    });
    // The owner is untouched.
    expect(await actorFor(actor.sessionId)).toMatchObject({ id: owner.id, membershipRole: "OWNER" });
  });

  it("refuses a second removal as not found, keeping a DENIED audit row", async () => {
    const { actor, account, owner } = await household("remove-twice");
    const member = await createUser(db, { email: emailFor("remove-twice-member") });
    await addMember(db, account.id, member.id, "MEMBER");

    await removeMember(ctx, actor, member.id, request);
    await expect(removeMember(ctx, actor, member.id, request)).rejects.toEqual(new IdentityError("MEMBER_NOT_FOUND"));
    const audits = await db.auditEvent.findMany({
      where: { actorUserId: owner.id, action: "identity.household_remove" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => [a.outcome, a.target])).toEqual([
      ["SUCCESS", member.id],
      ["DENIED", member.id],
    ]);
    expect(audits[1]).toMatchObject({ accountId: account.id, sessionId: actor.sessionId, ip: request.ip });
  });
});

describe("household edge cases", () => {
  it("an invitee whose first and full names are already profiles still joins, with a numbered profile", async () => {
    const { account, owner } = await createHousehold(db, {
      owner: { email: emailFor("numbered-owner"), password: PASSWORD, name: "Ada Lovelace" },
    });
    await db.profile.create({ data: { accountId: account.id, name: "Ada Lovelace" } });
    const { sessionId } = await signIn(ctx, { email: owner.email, password: PASSWORD }, request);
    const actor = await actorFor(sessionId);
    await inviteMember(ctx, actor, emailFor("numbered-ada"), request);
    await acceptInvite(
      ctx,
      { secret: await latestInviteTo(emailFor("numbered-ada")), name: "Ada Lovelace", password: MEMBER_PASSWORD },
      request,
    );
    const names = (await db.profile.findMany({ where: { accountId: account.id }, select: { name: true } })).map(
      (p) => p.name,
    );
    expect(names.sort()).toEqual(["Ada", "Ada Lovelace", "Ada Lovelace 2"]);
  });

  it("a full household can send a pending invitation again", async () => {
    const { account, owner } = await createHousehold(db, {
      owner: { email: emailFor("refull-owner"), password: PASSWORD, name: "Ada Lovelace" },
    });
    const { sessionId } = await signIn(ctx, { email: owner.email, password: PASSWORD }, request);
    const actor = await actorFor(sessionId);
    for (let i = 1; i < MAX_HOUSEHOLD_LOGINS; i += 1) await inviteMember(ctx, actor, emailFor(`refull-${i}`), request);
    await expect(inviteMember(ctx, actor, emailFor("full-extra"), request)).rejects.toMatchObject({
      code: "NOT_ALLOWED",
    });
    await inviteMember(ctx, actor, emailFor("refull-1"), request);
    expect(await listPendingInvites(ctx, account.id)).toHaveLength(MAX_HOUSEHOLD_LOGINS - 1);
  });
});
