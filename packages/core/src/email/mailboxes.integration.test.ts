import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, inject, it } from "vitest";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import {
  addBlockedSender,
  addForward,
  checkAddress,
  confirmForward,
  createMailbox,
  deleteMailbox,
  getMailbox,
  listMailboxes,
  lockIdleMailboxes,
  removeForward,
  resetMailboxPassword,
  updateAutoReply,
  updateSpamSettings,
} from "./mailboxes.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `${name}${tag}${(sequence += 1)}`;
const NOW = new Date("2026-12-03T18:00:00Z");
const PASSWORD = "harbor lantern orchard 7";

afterAll(() => db.$disconnect());

async function household() {
  const { account, owner } = await createHousehold(db, { owner: { email: `${unique("o")}@example.com`, name: "Ada" } });
  const member = await createUser(db, { email: `${unique("m")}@example.com`, name: "Byron" });
  await addMember(db, account.id, member.id, "MEMBER");
  return {
    account,
    owner: householdActor(owner, account.id, "OWNER"),
    member: householdActor(member, account.id, "MEMBER"),
  };
}

const request = (actor: { id: string; sessionId: string }) => ({ actorUserId: actor.id, sessionId: actor.sessionId });
const fresh = <T extends { stepUpAt: Date | null }>(actor: T) => ({ ...actor, stepUpAt: ctx.now() });

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return (error as { code?: string; name?: string }).code ?? (error as Error).name;
  }
}

async function mailboxFor(h: Awaited<ReturnType<typeof household>>, options: { userId?: string } = {}) {
  return createMailbox(ctx, h.owner, request(h.owner), {
    localPart: unique("box"),
    domain: "charter.net",
    displayName: "Ada",
    password: PASSWORD,
    ...options,
  });
}

describe("mailboxes", () => {
  it("creates a mailbox for the account holder with its rules published, refusing taken, reserved and weak", async () => {
    ctx.setNow(NOW);
    const h = await household();
    const localPart = unique("ada");
    const mailbox = await createMailbox(ctx, h.owner, request(h.owner), {
      localPart: localPart.toUpperCase(),
      domain: "Charter.net",
      displayName: "Ada L.",
      password: PASSWORD,
      userId: h.member.id,
    });
    expect(mailbox.address).toBe(`${localPart}@charter.net`);
    expect((await db.sieveScript.findUniqueOrThrow({ where: { mailboxId: mailbox.id } })).script).toContain("Spam");
    expect(await checkAddress(ctx, localPart, "charter.net")).toEqual({ available: false, problem: "taken" });
    expect(await checkAddress(ctx, "postmaster", "charter.net")).toMatchObject({ problem: "reserved" });

    const again = { localPart, domain: "charter.net", displayName: "x", password: PASSWORD };
    expect(await codeOf(createMailbox(ctx, h.owner, request(h.owner), again))).toBe("ADDRESS_TAKEN");
    expect(
      await codeOf(
        createMailbox(ctx, h.owner, request(h.owner), { ...again, localPart: unique("p"), password: "password" }),
      ),
    ).toBe("PASSWORD_WEAK");
    expect(await codeOf(createMailbox(ctx, h.member, request(h.member), { ...again, localPart: unique("q") }))).toBe(
      "NOT_ALLOWED",
    );
    expect(
      await db.auditEvent.count({
        where: { accountId: h.account.id, action: "email.mailbox.created", target: mailbox.id },
      }),
    ).toBe(1);
  });

  it("stops at the profile's number of additional mailboxes, even when asked twice at once", async () => {
    ctx.setNow(NOW);
    const h = await household();
    const limit = ctx.profile.email.limits.mailboxesPerAccount;
    for (let i = 0; i < limit - 1; i += 1) await mailboxFor(h);
    const results = await Promise.allSettled([mailboxFor(h), mailboxFor(h)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "MAILBOX_LIMIT" } });
    expect((await listMailboxes(ctx, h.owner)).canCreate).toBe(false);
  });

  it("forwards only to a confirmed target, never in a circle, and at most the profile's number", async () => {
    ctx.setNow(NOW);
    const h = await household();
    const a = await mailboxFor(h);
    const b = await mailboxFor(h);
    const target = `${unique("friend")}@example.com`;
    await addForward(ctx, h.owner, request(h.owner), a.id, { address: target });
    const sent = await db.outboxMessage.findFirstOrThrow({ where: { recipient: target } });
    const token = /token=([\w-]+)/.exec(sent.body)?.[1] ?? "";
    let script = (await db.sieveScript.findUniqueOrThrow({ where: { mailboxId: a.id } })).script;
    expect(script).not.toContain(target);

    expect(await confirmForward(ctx, {}, token)).toEqual({ from: a.address, to: target });
    expect(await codeOf(confirmForward(ctx, {}, token))).toBe("LINK_INVALID");
    script = (await db.sieveScript.findUniqueOrThrow({ where: { mailboxId: a.id } })).script;
    expect(script).toContain(`"${target}"`);

    expect(await codeOf(addForward(ctx, h.owner, request(h.owner), a.id, { address: a.address }))).toBe("FORWARD_SELF");
    await addForward(ctx, h.owner, request(h.owner), a.id, { address: b.address });
    expect(await codeOf(addForward(ctx, h.owner, request(h.owner), b.id, { address: a.address }))).toBe("FORWARD_LOOP");
    expect(await codeOf(addForward(ctx, h.owner, request(h.owner), a.id, { address: target }))).toBe("FORWARD_EXISTS");
    await addForward(ctx, h.owner, request(h.owner), a.id, { address: `${unique("x")}@example.com` });
    expect(
      await codeOf(addForward(ctx, h.owner, request(h.owner), a.id, { address: `${unique("y")}@example.com` })),
    ).toBe("FORWARD_LIMIT");
    expect(await codeOf(addForward(ctx, h.owner, request(h.owner), a.id, { address: "not an address" }))).toBe(
      "ZodError",
    );

    const forward = await db.mailboxForward.findFirstOrThrow({ where: { mailboxId: a.id, address: target } });
    await removeForward(ctx, h.owner, request(h.owner), a.id, forward.id);
    script = (await db.sieveScript.findUniqueOrThrow({ where: { mailboxId: a.id } })).script;
    expect(script).not.toContain(target);
  });

  it("keeps rules per mailbox for its reader: auto-reply, spam and blocked senders, escaped into Sieve", async () => {
    ctx.setNow(NOW);
    const h = await household();
    const mine = await mailboxFor(h, { userId: h.member.id });
    const theirs = await mailboxFor(h);
    await updateAutoReply(ctx, h.member, request(h.member), mine.id, {
      enabled: true,
      subject: 'Away "until" Monday',
      body: 'Back soon.\n"; discard; #',
      start: "2026-12-20",
      end: "2027-01-03",
      days: 3,
    });
    await updateSpamSettings(ctx, h.member, request(h.member), mine.id, { level: "STRICT", action: "DISCARD" });
    await addBlockedSender(ctx, h.member, request(h.member), mine.id, "@Spammy.example");
    expect(await codeOf(addBlockedSender(ctx, h.member, request(h.member), mine.id, "spammy.example"))).toBe(
      "BLOCKED_EXISTS",
    );
    const script = (await db.sieveScript.findUniqueOrThrow({ where: { mailboxId: mine.id } })).script;
    expect(script).toContain("vacation");
    expect(script).toContain('Away \\"until\\" Monday');
    expect(script).toContain("spammy.example");

    // A member manages only the mailbox they read.
    expect(
      await codeOf(updateSpamSettings(ctx, h.member, request(h.member), theirs.id, { level: "OFF", action: "FOLDER" })),
    ).toBe("MAILBOX_NOT_FOUND");
    expect(await getMailbox(ctx, h.member, theirs.id)).toBeNull();
    const stranger = await household();
    expect(await getMailbox(ctx, stranger.owner, mine.id)).toBeNull();
    // Staff belong to no household: not found, not an error.
    expect(await getMailbox(ctx, { id: h.owner.id, accountId: null, membershipRole: null }, mine.id)).toBeNull();
    expect(
      await codeOf(
        updateAutoReply(ctx, h.member, request(h.member), mine.id, { enabled: true, subject: "", body: "x", days: 3 }),
      ),
    ).toBe("ZodError");
    expect(
      await codeOf(
        updateAutoReply(ctx, h.member, request(h.member), mine.id, {
          enabled: true,
          subject: "x",
          body: "y".repeat(ctx.profile.email.limits.autoReplyMaxChars + 1),
        }),
      ),
    ).toBe("ZodError");
  });

  it("locks idle mailboxes; a new password (after a fresh sign-in) unlocks them; the primary can't be deleted", async () => {
    ctx.setNow(NOW);
    const h = await household();
    const mailbox = await mailboxFor(h);
    const primary = await mailboxFor(h);
    await db.mailbox.update({ where: { id: primary.id }, data: { primary: true } });
    await db.mailbox.update({
      where: { id: mailbox.id },
      data: { lastLoginAt: new Date(NOW.getTime() - 200 * 86_400_000) },
    });
    await lockIdleMailboxes(ctx);
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).status).toBe("LOCKED");

    expect(
      await codeOf(resetMailboxPassword(ctx, h.owner, request(h.owner), { mailboxId: mailbox.id, password: PASSWORD })),
    ).toBe("STEP_UP_REQUIRED");
    const owner = fresh(h.owner);
    expect(
      await resetMailboxPassword(ctx, owner, request(owner), { mailboxId: mailbox.id, password: `${PASSWORD} 2` }),
    ).toEqual({
      unlocked: true,
    });
    expect((await db.mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).status).toBe("ACTIVE");

    expect(await codeOf(deleteMailbox(ctx, h.owner, request(h.owner), { mailboxId: primary.id }))).toBe(
      "PRIMARY_MAILBOX",
    );
    expect(await codeOf(deleteMailbox(ctx, h.member, request(h.member), { mailboxId: mailbox.id }))).toBe(
      "NOT_ALLOWED",
    );
    await Promise.all([
      deleteMailbox(ctx, h.owner, request(h.owner), { mailboxId: mailbox.id }),
      deleteMailbox(ctx, h.owner, request(h.owner), { mailboxId: mailbox.id }).catch(() => undefined),
    ]);
    expect(await db.mailbox.count({ where: { id: mailbox.id } })).toBe(0);
    expect(await db.sieveScript.count({ where: { mailboxId: mailbox.id } })).toBe(0);
  });
});
