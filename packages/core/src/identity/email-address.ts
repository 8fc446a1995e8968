import type { DbTx } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { formatMessageTime } from "../notifications/templates.ts";
import { displayPhone } from "../provider/display-phone.ts";
import { type Actor, firstName, requireStepUp } from "./actor.ts";
import { IdentityError } from "./errors.ts";
import { consumeToken, findLiveToken, issueToken, newLinkSecret } from "./one-time-token.ts";

/** Email verification and change of sign-in email. */

export async function sendVerificationEmail(
  ctx: CoreContext,
  db: DbTx,
  user: { id: string; email: string; name: string; locale: string },
  now: Date,
) {
  const secret = newLinkSecret();
  await issueToken(db, "EMAIL_VERIFICATION", secret, { userId: user.id, email: user.email }, now);
  await sendTemplatedEmail(ctx, db, user, "email_verification", {
    name: firstName(user.name),
    url: `${ctx.publicUrl}/verify-email/${secret}`,
  });
}

export async function resendVerificationEmail(ctx: CoreContext, actor: Actor) {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (user.emailVerifiedAt) return { alreadyVerified: true };
  await ctx.db.$transaction((tx) => sendVerificationEmail(ctx, tx, user, ctx.now()));
  return { alreadyVerified: false };
}

/** Opens an email link: a verification, or the confirmation of a new sign-in email. */
export async function confirmEmailLink(ctx: CoreContext, secret: string, request: RequestContext) {
  const now = ctx.now();
  const verification = await findLiveToken(ctx.db, "EMAIL_VERIFICATION", secret, now);
  if (verification?.userId) {
    await ctx.db.$transaction(async (tx) => {
      if (!(await consumeToken(tx, verification.id, now))) throw new IdentityError("LINK_INVALID");
      // Only if the address is still the one the link was sent to.
      const { count } = await tx.user.updateMany({
        where: { id: verification.userId!, email: verification.email ?? "" },
        data: { emailVerifiedAt: now },
      });
      await recordAuditEvent(
        tx,
        { ...request, actorUserId: verification.userId },
        {
          action: "identity.email_verify",
          outcome: count > 0 ? "SUCCESS" : "FAILURE",
          target: verification.email,
          ...(count > 0 ? {} : { details: { reason: "address_changed_since" } }),
        },
      );
    });
    return { kind: "verified" as const };
  }
  const change = await findLiveToken(ctx.db, "EMAIL_CHANGE", secret, now);
  if (!change?.userId || !change.email) throw new IdentityError("LINK_INVALID");
  const newEmail = change.email;
  await ctx.db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, change.id, now))) throw new IdentityError("LINK_INVALID");
    if (await tx.user.findUnique({ where: { email: newEmail }, select: { id: true } })) {
      throw new IdentityError("EMAIL_TAKEN");
    }
    const user = await tx.user.findUniqueOrThrow({
      where: { id: change.userId! },
      include: { memberships: { select: { accountId: true }, take: 1 } },
    });
    await tx.user.update({ where: { id: user.id }, data: { email: newEmail, emailVerifiedAt: now } });
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: user.id },
      {
        action: "identity.email_change",
        outcome: "SUCCESS",
        accountId: user.memberships[0]?.accountId ?? null,
        details: { from: user.email, to: newEmail },
      },
    );
    await notifyUser(tx, {
      userId: user.id,
      accountId: user.memberships[0]?.accountId ?? null,
      messageKey: "email_changed",
      values: { email: newEmail },
      href: "/security",
    });
  });
  return { kind: "changed" as const, email: newEmail };
}

/**
 * Starts a change of sign-in email (step-up required): a confirmation link goes to the new address
 * and a notice to the old one. Nothing changes until the link is opened.
 */
export async function requestEmailChange(ctx: CoreContext, actor: Actor, newEmail: string, request: RequestContext) {
  const now = ctx.now();
  requireStepUp(actor, now);
  const email = newEmail.trim().toLowerCase();
  if (email === actor.email) return { unchanged: true };
  if (await ctx.db.user.findUnique({ where: { email }, select: { id: true } })) throw new IdentityError("EMAIL_TAKEN");
  const secret = newLinkSecret();
  await ctx.db.$transaction(async (tx) => {
    await tx.verificationToken.updateMany({
      where: { purpose: "EMAIL_CHANGE", userId: actor.id, consumedAt: null },
      data: { consumedAt: now },
    });
    await issueToken(tx, "EMAIL_CHANGE", secret, { userId: actor.id, email }, now);
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: actor.id, sessionId: actor.sessionId },
      {
        action: "identity.email_change_request",
        outcome: "SUCCESS",
        accountId: actor.accountId,
        details: { to: email },
      },
    );
    await sendTemplatedEmail(ctx, tx, { email, locale: actor.locale }, "email_change_confirm", {
      name: firstName(actor.name),
      url: `${ctx.publicUrl}/verify-email/${secret}`,
    });
    await sendTemplatedEmail(ctx, tx, actor, "email_change_notice", {
      name: firstName(actor.name),
      newEmail: email,
      time: formatMessageTime(now, actor.locale, actor.timeZone ?? ctx.profile.timeZone),
      phone: displayPhone(ctx.profile.supportPhone),
    });
  });
  return { unchanged: false };
}
