import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, inject, it } from "vitest";
import { IdentityError } from "./errors.ts";
import { listActiveSessions } from "./list-sessions.ts";
import { resolveSession } from "./resolve-session.ts";
import { revokeSession } from "./revoke-session.ts";
import { signInWithPassword } from "./sign-in-with-password.ts";
import { signOut } from "./sign-out.ts";

const db = createPrismaClient(parseDatabaseUrl(inject("databaseUrl"), 2));
afterAll(() => db.$disconnect());
const context = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone) Safari" };

describe("password sign-in and device sessions", () => {
  it("opens a session, audits it, and a revoked session stops resolving", async () => {
    const { owner, account } = await createHousehold(db, {
      owner: { email: "si-owner@example.com", password: "a long passphrase" },
    });
    const first = await signInWithPassword(
      db,
      { email: "si-owner@example.com", password: "a long passphrase" },
      context,
    );
    const second = await signInWithPassword(
      db,
      { email: "si-owner@example.com", password: "a long passphrase" },
      context,
    );
    expect(first.userId).toBe(owner.id);

    const me = await resolveSession(db, first.sessionId);
    expect(me).toMatchObject({ id: owner.id, accountId: account.id, membershipRole: "OWNER" });
    expect((await listActiveSessions(db, owner.id)).map((s) => s.id).sort()).toEqual(
      [first.sessionId, second.sessionId].sort(),
    );

    await revokeSession(
      db,
      { userId: owner.id, sessionId: first.sessionId, accountId: account.id },
      second.sessionId,
      context,
    );
    expect(await resolveSession(db, second.sessionId)).toBeNull();
    await signOut(db, owner.id, first.sessionId, context);
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
      await expect(signInWithPassword(db, attempt, context)).rejects.toEqual(new IdentityError("INVALID_CREDENTIALS"));
    }
    const failures = await db.auditEvent.findMany({ where: { action: "identity.sign_in", outcome: "FAILURE" } });
    expect(failures.map((f) => f.target).sort()).toEqual(["nobody@example.com", "si-wrong@example.com"]);
  });

  it("cannot revoke another user's session", async () => {
    const a = await createUser(db, { email: "si-a@example.com", password: "password one" });
    await createUser(db, { email: "si-b@example.com", password: "password two" });
    const sa = await signInWithPassword(db, { email: "si-a@example.com", password: "password one" }, context);
    const sb = await signInWithPassword(db, { email: "si-b@example.com", password: "password two" }, context);
    await expect(
      revokeSession(db, { userId: a.id, sessionId: sa.sessionId, accountId: null }, sb.sessionId, context),
    ).rejects.toThrow("SESSION_NOT_FOUND");
    expect(await resolveSession(db, sb.sessionId)).not.toBeNull();
  });
});
