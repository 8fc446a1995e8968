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
}

/** Sensitive actions need a password (and code, with 2FA) entered in the last 10 minutes. */
export function requireStepUp(actor: Pick<Actor, "stepUpAt">, now: Date): void {
  if (!stepUpIsRecent(actor.stepUpAt, now)) throw new IdentityError("STEP_UP_REQUIRED");
}

export function firstName(name: string): string {
  return name.split(" ")[0] ?? name;
}
