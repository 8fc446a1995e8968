import { resolveSession, type SignedInUser } from "@homeport/core/identity/resolve-session";
import { ZSessionId } from "@homeport/core/identity/schemas";
import { stepUpIsRecent } from "@homeport/core/identity/session-policy";
import { mustSetUpTwoFactor, TWO_FACTOR_SETUP_PATH } from "@homeport/core/identity/staff-policy";
import { getDb } from "@homeport/core/runtime/db";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./auth.ts";

export { SESSION_COOKIES } from "./auth.ts";

/** The signed-in user for this request, checked against their device session; null if none. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = (await getServerSession(authOptions)) as { sid?: string } | null;
  const sid = ZSessionId.safeParse(session?.sid);
  if (!sid.success) return null;
  return resolveSession(getDb(), sid.data);
});

/** For pages and actions that need a signed-in user: redirects to sign-in otherwise. */
export async function requireUser(returnTo = "/dashboard"): Promise<SignedInUser> {
  const user = await currentUser();
  const safeReturn = safeReturnPath(returnTo);
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(safeReturn)}`);
  if (mustSetUpTwoFactor(user, safeReturn)) redirect(`${TWO_FACTOR_SETUP_PATH}?required=staff`);
  return user;
}

/**
 * For sensitive pages and actions: the user must have entered their password (and code) in the
 * last 10 minutes, else they confirm it first and come back.
 */
export async function requireRecentAuth(returnTo: string): Promise<SignedInUser> {
  const user = await requireUser(returnTo);
  if (!stepUpIsRecent(user.stepUpAt, new Date())) {
    redirect(`/security/confirm?returnTo=${encodeURIComponent(safeReturnPath(returnTo))}`);
  }
  return user;
}

export function safeReturnPath(value: unknown, fallback = "/dashboard"): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : fallback;
}
