import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, inject, it } from "vitest";
import { markNotificationRead, notifyUser } from "../notifications/notify-user.ts";
import { createTestContext } from "../testing/test-context.ts";
import { cancelInvite, inviteMember, listPendingInvites, removeMember } from "./household.ts";
import { resolveSession, type SignedInUser } from "./resolve-session.ts";
import { revokeSession } from "./revoke-session.ts";
import { signIn } from "./sign-in.ts";

/**
 * Every use case that takes an id from a URL or a form is scoped to the caller: another
 * household's (or user's) id changes nothing and is refused.
 */
const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());
const request = { ip: "203.0.113.50", userAgent: "authz-test" };

async function signedIn(email: string, password: string): Promise<SignedInUser> {
  const { sessionId } = await signIn(ctx, { email, password }, request);
  return (await resolveSession(db, sessionId, ctx.now()))!;
}

async function twoHouseholds() {
  const tag = Math.random().toString(36).slice(2, 8);
  const a = await createHousehold(db, { owner: { email: `authz-a-${tag}@example.com`, password: "password for a" } });
  const b = await createHousehold(db, { owner: { email: `authz-b-${tag}@example.com`, password: "password for b" } });
  const bMember = await createUser(db, { email: `authz-bm-${tag}@example.com`, password: "member of b" });
  await addMember(db, b.account.id, bMember.id, "MEMBER");
  return {
    ownerA: await signedIn(a.owner.email, "password for a"),
    ownerB: await signedIn(b.owner.email, "password for b"),
    memberB: await signedIn(bMember.email, "member of b"),
    tag,
  };
}

describe("ids from URLs and forms are scoped to the caller", () => {
  it("signing out a device: only one's own sessions", async () => {
    const { ownerA, ownerB } = await twoHouseholds();
    await expect(
      revokeSession(
        db,
        { userId: ownerA.id, sessionId: ownerA.sessionId, accountId: ownerA.accountId },
        ownerB.sessionId,
        request,
      ),
    ).rejects.toMatchObject({ code: "SESSION_NOT_FOUND" });
    expect(await resolveSession(db, ownerB.sessionId, ctx.now())).not.toBeNull();
    const denied = await db.auditEvent.findFirst({
      where: { action: "identity.session_revoke", actorUserId: ownerA.id, outcome: "DENIED" },
    });
    expect(denied?.target).toBe(ownerB.sessionId);
  });

  it("notifications: only one's own can be marked read", async () => {
    const { ownerA, ownerB } = await twoHouseholds();
    const notice = await notifyUser(db, { userId: ownerB.id, messageKey: "welcome", values: { name: "B" } });
    expect(await markNotificationRead(db, ownerA.id, notice.id)).toEqual({ updated: 0 });
    expect((await db.notification.findUniqueOrThrow({ where: { id: notice.id } })).readAt).toBeNull();
  });

  it("household: an owner cannot remove another household's member or cancel its invitations", async () => {
    const { ownerA, ownerB, memberB, tag } = await twoHouseholds();
    await expect(removeMember(ctx, ownerA, memberB.id, request)).rejects.toMatchObject({ code: "MEMBER_NOT_FOUND" });
    expect(await resolveSession(db, memberB.sessionId, ctx.now())).not.toBeNull();

    await inviteMember(ctx, ownerB, `authz-invitee-${tag}@example.com`, request);
    const [invite] = await listPendingInvites(ctx, ownerB.accountId!);
    await expect(cancelInvite(ctx, ownerA, invite!.id, request)).rejects.toMatchObject({ code: "MEMBER_NOT_FOUND" });
    expect(await listPendingInvites(ctx, ownerB.accountId!)).toHaveLength(1);
  });

  it("household: a member cannot invite, remove or cancel, even in their own household", async () => {
    const { ownerB, memberB, tag } = await twoHouseholds();
    await expect(inviteMember(ctx, memberB, `authz-x-${tag}@example.com`, request)).rejects.toMatchObject({
      code: "NOT_ALLOWED",
    });
    await expect(removeMember(ctx, memberB, ownerB.id, request)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    await inviteMember(ctx, ownerB, `authz-y-${tag}@example.com`, request);
    const [invite] = await listPendingInvites(ctx, ownerB.accountId!);
    await expect(cancelInvite(ctx, memberB, invite!.id, request)).rejects.toMatchObject({ code: "NOT_ALLOWED" });
  });

  it("an owner cannot remove the owner (themselves) through the member removal", async () => {
    const { ownerB } = await twoHouseholds();
    await expect(removeMember(ctx, ownerB, ownerB.id, request)).rejects.toMatchObject({ code: "MEMBER_NOT_FOUND" });
  });
});
