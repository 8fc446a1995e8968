import type { Db } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";

/** Ends the caller's own session on the server, not only in the browser. */
export async function signOut(db: Db, userId: string, sessionId: string, context: RequestContext) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.deviceSession.updateMany({
      where: { id: sessionId, userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count > 0) {
      await recordAuditEvent(
        tx,
        { ...context, actorUserId: userId, sessionId },
        {
          action: "identity.sign_out",
          outcome: "SUCCESS",
        },
      );
    }
  });
}
