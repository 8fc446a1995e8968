import type { DbTx } from "@homeport/db";
import type { CoreContext } from "../context.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { formatMessageTime, type TemplateName } from "../notifications/templates.ts";
import { displayPhone } from "../provider/display-phone.ts";
import { type Actor, firstName } from "./actor.ts";

/** Tells the user, in the app and by email, that a security setting of theirs changed. */
export async function sendSecurityNotice(
  ctx: CoreContext,
  tx: DbTx,
  actor: Actor,
  notice: Extract<
    TemplateName,
    "password_changed" | "two_factor_enabled" | "two_factor_disabled" | "recovery_codes_regenerated"
  >,
) {
  const now = ctx.now();
  await notifyUser(tx, { userId: actor.id, accountId: actor.accountId, messageKey: notice, href: "/security" });
  await sendTemplatedEmail(ctx, tx, actor, notice, {
    name: firstName(actor.name),
    time: formatMessageTime(now, actor.locale, actor.timeZone ?? ctx.profile.timeZone),
    phone: displayPhone(ctx.profile.supportPhone),
  });
}

/** Ends every session of the user but the current one (ASVS 7.4.3: after a factor change). */
export async function endOtherSessions(tx: DbTx, actor: Pick<Actor, "id" | "sessionId">, now: Date) {
  const { count } = await tx.deviceSession.updateMany({
    where: { userId: actor.id, id: { not: actor.sessionId }, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}
