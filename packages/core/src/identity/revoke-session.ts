import type { Db } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { IdentityError } from "./errors.ts";

/** "Sign out this device": only the caller's own sessions can be revoked; a refusal is audited too. */
export async function revokeSession(
  db: Db,
  actor: { userId: string; sessionId: string; accountId: string | null },
  targetSessionId: string,
  context: RequestContext,
) {
  const audit = (outcome: "SUCCESS" | "DENIED") => ({
    action: "identity.session_revoke",
    outcome,
    accountId: actor.accountId,
    target: targetSessionId,
  });
  const revoked = await db.$transaction(async (tx) => {
    const { count } = await tx.deviceSession.updateMany({
      where: { id: targetSessionId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) {
      await recordAuditEvent(
        tx,
        { ...context, actorUserId: actor.userId, sessionId: actor.sessionId },
        audit("SUCCESS"),
      );
    }
    return count > 0;
  });
  if (!revoked) {
    await recordAuditEvent(db, { ...context, actorUserId: actor.userId, sessionId: actor.sessionId }, audit("DENIED"));
    throw new IdentityError("SESSION_NOT_FOUND");
  }
}
