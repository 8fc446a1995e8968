import type { DbTx } from "@homeport/db";
import { hashPassword } from "@homeport/db/password-hash";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { isStorableText } from "../storable.ts";
import { type Actor, requireOwner } from "./actor.ts";
import { IdentityError } from "./errors.ts";
import { ZEmailAddress } from "./schemas.ts";
import { consumeToken, findLiveToken, issueToken, newLinkSecret } from "./one-time-token.ts";
import { checkPassword, normalisePassword } from "./password-policy.ts";

/**
 * Household members: the owner invites people by email; each gets their own login with the member
 * role (no billing changes, no say over anyone else's security); the owner can remove them.
 */
export const MAX_HOUSEHOLD_LOGINS = 8;

export const ZInvite = z.object({ email: ZEmailAddress });

export const ZAcceptInvite = z.object({
  name: z.string().trim().min(1, "name_required").max(100, "name_too_long").refine(isStorableText, "name_invalid"),
  password: z.string().min(1, "password_required").max(1024, "password_too_long"),
});

const audit = (actor: Actor, request: RequestContext): RequestContext => ({
  ...request,
  actorUserId: actor.id,
  sessionId: actor.sessionId,
});

/** A viewing-profile name not yet used in the household: first name, full name, then numbered. */
export async function freeProfileName(tx: DbTx, accountId: string, fullName: string): Promise<string> {
  const first = fullName.split(" ")[0] || fullName;
  const taken = new Set(
    (await tx.profile.findMany({ where: { accountId, name: { startsWith: first } }, select: { name: true } })).map(
      (p) => p.name,
    ),
  );
  for (const candidate of [first, fullName]) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n += 1) if (!taken.has(`${fullName} ${n}`)) return `${fullName} ${n}`;
}

export async function inviteMember(ctx: CoreContext, actor: Actor, email: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  const now = ctx.now();
  if (await ctx.db.user.findUnique({ where: { email }, select: { id: true } })) throw new IdentityError("EMAIL_TAKEN");
  const [logins, pending] = await Promise.all([
    ctx.db.membership.count({ where: { accountId } }),
    ctx.db.verificationToken.count({
      // The invitation this one replaces does not count against the limit.
      where: { purpose: "HOUSEHOLD_INVITE", accountId, consumedAt: null, expiresAt: { gt: now }, NOT: { email } },
    }),
  ]);
  if (logins + pending >= MAX_HOUSEHOLD_LOGINS) throw new IdentityError("NOT_ALLOWED", { reason: "household_full" });
  const secret = newLinkSecret();
  await ctx.db.$transaction(async (tx) => {
    // A new invitation to the same address replaces the old one.
    await tx.verificationToken.updateMany({
      where: { purpose: "HOUSEHOLD_INVITE", accountId, email, consumedAt: null },
      data: { consumedAt: now },
    });
    await issueToken(
      tx,
      "HOUSEHOLD_INVITE",
      secret,
      { accountId, email, userId: actor.id, data: { inviter: actor.name } },
      now,
    );
    await recordAuditEvent(tx, audit(actor, request), {
      action: "identity.household_invite",
      outcome: "SUCCESS",
      accountId,
      target: email,
    });
    await sendTemplatedEmail(ctx, tx, { email, locale: actor.locale }, "household_invite", {
      inviter: actor.name,
      url: `${ctx.publicUrl}/invite/${secret}`,
    });
  });
}

export function listPendingInvites(ctx: CoreContext, accountId: string) {
  return ctx.db.verificationToken.findMany({
    where: { purpose: "HOUSEHOLD_INVITE", accountId, consumedAt: null, expiresAt: { gt: ctx.now() } },
    select: { id: true, email: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function cancelInvite(ctx: CoreContext, actor: Actor, inviteId: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  const { count } = await ctx.db.verificationToken.updateMany({
    where: { id: inviteId, purpose: "HOUSEHOLD_INVITE", accountId, consumedAt: null },
    data: { consumedAt: ctx.now() },
  });
  if (count === 0) throw new IdentityError("MEMBER_NOT_FOUND");
  await recordAuditEvent(ctx.db, audit(actor, request), {
    action: "identity.household_invite_cancel",
    outcome: "SUCCESS",
    accountId,
    target: inviteId,
  });
}

export async function inspectInvite(ctx: CoreContext, secret: string) {
  const token = await findLiveToken(ctx.db, "HOUSEHOLD_INVITE", secret, ctx.now());
  if (!token?.email || !token.accountId) return null;
  return { email: token.email, inviter: String((token.data as { inviter?: string } | null)?.inviter ?? "") };
}

/** Creates the invited person's login as a household member. Opening the link proved the email. */
export async function acceptInvite(
  ctx: CoreContext,
  input: { secret: string; name: string; password: string },
  request: RequestContext,
) {
  const now = ctx.now();
  const token = await findLiveToken(ctx.db, "HOUSEHOLD_INVITE", input.secret, now);
  if (!token?.email || !token.accountId) throw new IdentityError("LINK_INVALID");
  const verdict = checkPassword(input.password, {
    kind: "subscriber",
    email: token.email,
    contextWords: [ctx.profile.brandName, ctx.profile.shortName],
  });
  if (!verdict.ok) throw new IdentityError("WEAK_PASSWORD", { problem: verdict.problem, minLength: verdict.minLength });
  if (await ctx.db.user.findUnique({ where: { email: token.email }, select: { id: true } })) {
    throw new IdentityError("EMAIL_TAKEN");
  }
  const passwordHash = await hashPassword(normalisePassword(input.password));
  const accountId = token.accountId;
  return ctx.db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, token.id, now))) throw new IdentityError("LINK_INVALID");
    const user = await tx.user.create({
      data: { email: token.email!, name: input.name, passwordHash, passwordChangedAt: now, emailVerifiedAt: now },
    });
    await tx.membership.create({ data: { userId: user.id, accountId, role: "MEMBER" } });
    await tx.profile.create({
      data: { accountId, userId: user.id, name: await freeProfileName(tx, accountId, input.name) },
    });
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: user.id },
      {
        action: "identity.household_join",
        outcome: "SUCCESS",
        accountId,
      },
    );
    const owners = await tx.membership.findMany({ where: { accountId, role: "OWNER" }, select: { userId: true } });
    for (const owner of owners) {
      await notifyUser(tx, {
        userId: owner.userId,
        accountId,
        messageKey: "member_joined",
        values: { name: input.name },
        href: "/household",
      });
    }
    return { userId: user.id };
  });
}

/** Removes a member: their membership goes, their login is disabled and every session ends. */
export async function removeMember(ctx: CoreContext, actor: Actor, memberUserId: string, request: RequestContext) {
  const accountId = requireOwner(actor);
  const now = ctx.now();
  const membership = await ctx.db.membership.findFirst({
    where: { accountId, userId: memberUserId, role: "MEMBER" },
    include: { user: { select: { name: true } } },
  });
  if (!membership) {
    // Audited outside any transaction so the refusal is kept.
    await recordAuditEvent(ctx.db, audit(actor, request), {
      action: "identity.household_remove",
      outcome: "DENIED",
      accountId,
      target: memberUserId,
    });
    throw new IdentityError("MEMBER_NOT_FOUND");
  }
  await ctx.db.$transaction(async (tx) => {
    // Another request may have removed them meanwhile: then nothing more to do here.
    const { count } = await tx.membership.deleteMany({ where: { id: membership.id } });
    if (count === 0) throw new IdentityError("MEMBER_NOT_FOUND");
    await tx.profile.updateMany({ where: { accountId, userId: memberUserId }, data: { userId: null } });
    await tx.user.update({ where: { id: memberUserId }, data: { disabledAt: now } });
    await tx.deviceSession.updateMany({ where: { userId: memberUserId, revokedAt: null }, data: { revokedAt: now } });
    await recordAuditEvent(tx, audit(actor, request), {
      action: "identity.household_remove",
      outcome: "SUCCESS",
      accountId,
      target: memberUserId,
      details: { name: membership.user.name },
    });
  });
}
