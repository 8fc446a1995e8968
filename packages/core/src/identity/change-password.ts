import { hashPassword } from "@homeport/db/password-hash";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "./actor.ts";
import { IdentityError } from "./errors.ts";
import { checkPassword, normalisePassword } from "./password-policy.ts";
import { endOtherSessions, sendSecurityNotice } from "./security-notice.ts";

/**
 * A new password (the step-up already proved the current one). Other sessions end; the user is
 * told in the app and by email.
 */
export async function changePassword(
  ctx: CoreContext,
  actor: Actor,
  newPassword: string,
  request: RequestContext,
): Promise<{ otherSessionsEnded: number }> {
  const now = ctx.now();
  requireStepUp(actor, now);
  const verdict = checkPassword(newPassword, {
    kind: actor.staffRole ? "staff" : "subscriber",
    email: actor.email,
    contextWords: [ctx.profile.brandName, ctx.profile.shortName],
  });
  if (!verdict.ok) throw new IdentityError("WEAK_PASSWORD", { problem: verdict.problem, minLength: verdict.minLength });
  const passwordHash = await hashPassword(normalisePassword(newPassword));
  return ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: now } });
    const ended = await endOtherSessions(tx, actor, now);
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: actor.id, sessionId: actor.sessionId },
      {
        action: "identity.password_change",
        outcome: "SUCCESS",
        accountId: actor.accountId,
        details: { otherSessionsEnded: ended },
      },
    );
    await sendSecurityNotice(ctx, tx, actor, "password_changed");
    return { otherSessionsEnded: ended };
  });
}
