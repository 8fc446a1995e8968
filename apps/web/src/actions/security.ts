"use server";

import { coreContext } from "@homeport/core/context";
import { changePassword } from "@homeport/core/identity/change-password";
import { IdentityError } from "@homeport/core/identity/errors";
import { signOutOtherSessions } from "@homeport/core/identity/sign-out-others";
import {
  confirmTotpEnrolment,
  disableTotp,
  regenerateRecoveryCodes,
  startTotpEnrolment,
} from "@homeport/core/identity/two-factor";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireRecentAuth, requireUser } from "@/lib/session";

/** Security settings. Each action re-checks the session and the step-up on the server. */

export type FormState = {
  status: "idle" | "error" | "done";
  error?: string;
  detail?: Record<string, string | number>;
  recoveryCodes?: string[];
};

async function actorFor(returnTo: string) {
  const user = await requireRecentAuth(returnTo);
  return { user, request: await requestContext({ userId: user.id, sessionId: user.sessionId }) };
}

function failure(error: unknown): FormState {
  if (error instanceof IdentityError) {
    if (error.code === "STEP_UP_REQUIRED") redirect("/security/confirm?returnTo=%2Fsecurity");
    return { status: "error", error: error.code, detail: error.detail };
  }
  throw error;
}

export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { user, request } = await actorFor("/security/password");
  const password = formData.get("password");
  const confirmation = formData.get("confirmation");
  if (typeof password !== "string" || password.length === 0) return { status: "error", error: "password_required" };
  if (password !== confirmation) return { status: "error", error: "password_mismatch" };
  try {
    await changePassword(coreContext(), user, password, request);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/security");
  redirect("/security?changed=password");
}

export async function startTwoFactorAction() {
  const { user } = await actorFor("/security/two-factor");
  try {
    await startTotpEnrolment(coreContext(), user);
  } catch (error) {
    if (!(error instanceof IdentityError) || error.code !== "TWO_FACTOR_ALREADY_ON") throw error;
  }
  revalidatePath("/security/two-factor");
}

export async function confirmTwoFactorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { user, request } = await actorFor("/security/two-factor");
  const code = formData.get("code");
  if (typeof code !== "string" || code.trim() === "") return { status: "error", error: "code_required" };
  try {
    const { recoveryCodes } = await confirmTotpEnrolment(coreContext(), user, code, request);
    return { status: "done", recoveryCodes };
  } catch (error) {
    return failure(error);
  }
}

export async function regenerateCodesAction(_prev: FormState): Promise<FormState> {
  const { user, request } = await actorFor("/security/two-factor");
  try {
    const { recoveryCodes } = await regenerateRecoveryCodes(coreContext(), user, request);
    return { status: "done", recoveryCodes };
  } catch (error) {
    return failure(error);
  }
}

export async function disableTwoFactorAction(_prev: FormState): Promise<FormState> {
  const { user, request } = await actorFor("/security/two-factor");
  try {
    await disableTotp(coreContext(), user, request);
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/security");
  redirect("/security?changed=two_factor_off");
}

export async function signOutOthersAction(): Promise<FormState> {
  const user = await requireUser("/security");
  const { ended } = await signOutOtherSessions(
    coreContext(),
    user,
    await requestContext({ userId: user.id, sessionId: user.sessionId }),
  );
  revalidatePath("/security");
  return { status: "done", detail: { ended } };
}
