import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "./actor.ts";
import { endOtherSessions } from "./security-notice.ts";

/** "Sign out everywhere else": every session of the user but this one ends at once. */
export async function signOutOtherSessions(ctx: CoreContext, actor: Actor, request: RequestContext) {
  return ctx.db.$transaction(async (tx) => {
    const ended = await endOtherSessions(tx, actor, ctx.now());
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: actor.id, sessionId: actor.sessionId },
      {
        action: "identity.sign_out_others",
        outcome: "SUCCESS",
        accountId: actor.accountId,
        details: { ended },
      },
    );
    return { ended };
  });
}
