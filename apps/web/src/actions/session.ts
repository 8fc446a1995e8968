"use server";

import { revokeSession } from "@homeport/core/identity/revoke-session";
import { IdentityError } from "@homeport/core/identity/errors";
import { ZSessionId } from "@homeport/core/identity/schemas";
import { signOut } from "@homeport/core/identity/sign-out";
import { getDb } from "@homeport/core/runtime/db";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { currentUser, SESSION_COOKIES } from "@/lib/session";

/** Ends this device's session on the server and clears its cookies. */
export async function signOutAction() {
  const user = await currentUser();
  if (user) {
    await signOut(
      getDb(),
      user.id,
      user.sessionId,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
    );
  }
  const jar = await cookies();
  for (const name of SESSION_COOKIES) jar.delete(name);
  redirect("/login?signedOut=1");
}

export type RevokeState = { status: "idle" | "done" | "not_found" };

/** "Sign out this device" from the security page. */
export async function revokeSessionAction(_previous: RevokeState, formData: FormData): Promise<RevokeState> {
  const user = await currentUser();
  if (!user) redirect("/login?callbackUrl=%2Fsecurity");
  const target = ZSessionId.safeParse(formData.get("sessionId"));
  if (!target.success) return { status: "not_found" };
  if (target.data === user.sessionId) await signOutAction();
  try {
    await revokeSession(
      getDb(),
      { userId: user.id, sessionId: user.sessionId, accountId: user.accountId },
      target.data,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
    );
  } catch (error) {
    if (error instanceof IdentityError) return { status: "not_found" };
    throw error;
  }
  revalidatePath("/security");
  return { status: "done" };
}
