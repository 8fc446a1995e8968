import type { Db } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { IdentityError } from "./errors.ts";

/** "Sign out this device": only the caller's own sessions can be revoked. */
export async function revokeSession(
  db: Db,
  actor: { userId: string; sessionId: string; accountId: string | null },
  targetSessionId: string,
  context: RequestContext,
) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.deviceSession.updateMany({
      where: { id: targetSessionId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAuditEvent(
      tx,
      { ...context, actorUserId: actor.userId, sessionId: actor.sessionId },
      {
        action: "identity.session_revoke",
        outcome: count > 0 ? "SUCCESS" : "DENIED",
        accountId: actor.accountId,
        target: targetSessionId,
      },
    );
    if (count === 0) throw new IdentityError("SESSION_NOT_FOUND");
  });
}
