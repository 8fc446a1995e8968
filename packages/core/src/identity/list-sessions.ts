import type { Db } from "@homeport/db";
import { sessionState } from "./session-policy.ts";

/** The user's signed-in devices that are still usable, newest activity first. */
export async function listActiveSessions(db: Db, userId: string, now = new Date()) {
  const sessions = await db.deviceSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
  });
  return sessions.filter((s) => sessionState(s, now) === "active");
}
