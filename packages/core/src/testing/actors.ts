import { randomUUID } from "node:crypto";
import type { Actor } from "../identity/actor.ts";

/**
 * A household member as a use case sees them after signing in: a fresh session id and, unless
 * told otherwise, a step-up that is not recent.
 */
export function householdActor(
  user: { id: string; email: string; name: string },
  accountId: string,
  role: "OWNER" | "MEMBER",
  options: { stepUpAt?: Date | null; timeZone?: string } = {},
): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: "en",
    sessionId: randomUUID(),
    accountId,
    staffRole: null,
    timeZone: options.timeZone ?? "America/Los_Angeles",
    stepUpAt: options.stepUpAt ?? null,
    membershipRole: role,
  };
}
