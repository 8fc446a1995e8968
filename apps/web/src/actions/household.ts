"use server";

import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { cancelInvite, inviteMember, removeMember, ZInvite } from "@homeport/core/identity/household";
import { revalidatePath } from "next/cache";
import { ZId } from "@homeport/core/ids";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";
import type { AccountFormState } from "./account.ts";

/** Household management; core refuses anyone but the account's owner. */

async function owner() {
  const user = await requireUser("/household");
  return { user, request: await requestContext({ userId: user.id, sessionId: user.sessionId }) };
}

function failure(error: unknown): AccountFormState {
  if (error instanceof IdentityError) return { status: "error", error: error.code, detail: error.detail };
  throw error;
}

export async function inviteMemberAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { user, request } = await owner();
  const kept = { values: { email: String(formData.get("email") ?? "") }, attempt: (previous.attempt ?? 0) + 1 };
  const input = ZInvite.safeParse({ email: formData.get("email") });
  if (!input.success) return { status: "error", error: input.error.issues[0]?.message ?? "generic", ...kept };
  try {
    await inviteMember(coreContext(), user, input.data.email, request);
  } catch (error) {
    return { ...failure(error), ...kept };
  }
  revalidatePath("/household");
  return { status: "done" };
}

export async function cancelInviteAction(formData: FormData) {
  const { user, request } = await owner();
  const id = ZId.safeParse(formData.get("inviteId"));
  if (!id.success) return;
  try {
    await cancelInvite(coreContext(), user, id.data, request);
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
  }
  revalidatePath("/household");
}

export async function removeMemberAction(_prev: AccountFormState, formData: FormData): Promise<AccountFormState> {
  const { user, request } = await owner();
  const id = ZId.safeParse(formData.get("userId"));
  if (!id.success) return { status: "error", error: "MEMBER_NOT_FOUND" };
  try {
    await removeMember(coreContext(), user, id.data, request);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/household");
  return { status: "done" };
}
