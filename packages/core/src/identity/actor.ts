import { IdentityError } from "./errors.ts";
import { stepUpIsRecent } from "./session-policy.ts";

/** The signed-in user a use case acts for, as resolved from their session. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  locale: string;
  sessionId: string;
  accountId: string | null;
  staffRole: string | null;
  timeZone: string | null;
  stepUpAt: Date | null;
  membershipRole?: "OWNER" | "MEMBER" | null;
}

/** Household management is for the account owner; members manage only themselves. */
export function requireOwner(actor: Pick<Actor, "accountId" | "membershipRole">): string {
  if (!actor.accountId || actor.membershipRole !== "OWNER") throw new IdentityError("NOT_ALLOWED");
  return actor.accountId;
}

/** Sensitive actions need a password (and code, with 2FA) entered in the last 10 minutes. */
export function requireStepUp(actor: Pick<Actor, "stepUpAt">, now: Date): void {
  if (!stepUpIsRecent(actor.stepUpAt, now)) throw new IdentityError("STEP_UP_REQUIRED");
}

export function firstName(name: string): string {
  return name.split(" ")[0] ?? name;
}
