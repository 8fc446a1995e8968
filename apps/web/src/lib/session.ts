import { resolveSession, type SignedInUser } from "@homeport/core/identity/resolve-session";
import { ZSessionId } from "@homeport/core/identity/schemas";
import { getDb } from "@homeport/core/runtime/db";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "./auth.ts";

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
  const safeReturn = returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/dashboard";
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(safeReturn)}`);
  return user;
}

export const SESSION_COOKIES = [
  "next-auth.session-token",
  "__Secure-next-auth.session-token",
  "next-auth.csrf-token",
  "__Host-next-auth.csrf-token",
  "next-auth.callback-url",
  "__Secure-next-auth.callback-url",
];
