"use server";

import { coreContext } from "@homeport/core/context";
import { confirmEmailLink, requestEmailChange, resendVerificationEmail } from "@homeport/core/identity/email-address";
import { IdentityError } from "@homeport/core/identity/errors";
import { acceptInvite, ZAcceptInvite } from "@homeport/core/identity/household";
import { requestPasswordReset, resetPassword } from "@homeport/core/identity/password-reset";
import {
  completeRegistration,
  startRegistration,
  verifyRegistrationCode,
  ZCompleteRegistration,
  ZStartRegistration,
  ZVerifyRegistration,
} from "@homeport/core/identity/registration";
import { ZEmailAddress } from "@homeport/core/identity/schemas";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requestContext } from "@/lib/request-context";
import { requireRecentAuth, requireUser } from "@/lib/session";

/** Getting into an account: registration, password reset, email links and invitations. */

export type AccountFormState = {
  status: "idle" | "error" | "done";
  /** What was typed (never secrets), so a form shown again after an error keeps it. */
  values?: Record<string, string>;
  attempt?: number;
  error?: string;
  detail?: Record<string, string | number>;
  registrationId?: string;
  maskedDestination?: string;
  channel?: "SMS" | "EMAIL";
  completion?: string;
};

const NEVER_ECHOED = new Set(["password", "confirmation", "code", "secret", "completion"]);

/** Returns what was typed with an error, so React's form reset after an action does not lose it. */
async function keepingInput(
  previous: AccountFormState,
  formData: FormData,
  run: () => Promise<AccountFormState>,
): Promise<AccountFormState> {
  const result = await run();
  if (result.status !== "error") return result;
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !NEVER_ECHOED.has(name) && !name.startsWith("$")) values[name] = value;
  }
  return { ...result, values, attempt: (previous.attempt ?? 0) + 1 };
}

function failure(error: unknown): AccountFormState {
  if (error instanceof IdentityError) return { status: "error", error: error.code, detail: error.detail };
  throw error;
}

function invalid(issues: z.core.$ZodIssue[]): AccountFormState {
  return { status: "error", error: issues[0]?.message ?? "generic" };
}

export async function forgotPasswordAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const email = ZEmailAddress.safeParse(formData.get("email"));
    if (!email.success) return invalid(email.error.issues);
    try {
      await requestPasswordReset(coreContext(), email.data, await requestContext());
    } catch (error) {
      return failure(error);
    }
    return { status: "done" };
  });
}

export async function resetPasswordAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const secret = String(formData.get("secret") ?? "");
    const password = String(formData.get("password") ?? "");
    const code = String(formData.get("code") ?? "").trim() || undefined;
    if (!password) return { status: "error", error: "password_required" };
    if (password !== formData.get("confirmation")) return { status: "error", error: "password_mismatch" };
    try {
      await resetPassword(coreContext(), { secret, password, code }, await requestContext());
    } catch (error) {
      return failure(error);
    }
    redirect("/login?reset=1");
  });
}

export async function startRegistrationAction(
  previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const input = ZStartRegistration.safeParse(Object.fromEntries(formData));
    if (!input.success) return invalid(input.error.issues);
    try {
      const started = await startRegistration(coreContext(), input.data, await requestContext());
      return { status: "done", ...started };
    } catch (error) {
      return failure(error);
    }
  });
}

export async function verifyRegistrationAction(
  previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const input = ZVerifyRegistration.safeParse(Object.fromEntries(formData));
    if (!input.success) return invalid(input.error.issues);
    try {
      const { completion } = await verifyRegistrationCode(coreContext(), input.data, await requestContext());
      return { status: "done", registrationId: input.data.registrationId, completion };
    } catch (error) {
      return failure(error);
    }
  });
}

export async function completeRegistrationAction(
  previous: AccountFormState,
  formData: FormData,
): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const input = ZCompleteRegistration.safeParse(Object.fromEntries(formData));
    if (!input.success) return invalid(input.error.issues);
    if (input.data.password !== formData.get("confirmation")) return { status: "error", error: "password_mismatch" };
    try {
      await completeRegistration(coreContext(), input.data, await requestContext());
    } catch (error) {
      return failure(error);
    }
    redirect("/login?registered=1");
  });
}

export async function acceptInviteAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const input = ZAcceptInvite.safeParse(Object.fromEntries(formData));
    if (!input.success) return invalid(input.error.issues);
    if (input.data.password !== formData.get("confirmation")) return { status: "error", error: "password_mismatch" };
    try {
      await acceptInvite(
        coreContext(),
        { secret: String(formData.get("secret") ?? ""), ...input.data },
        await requestContext(),
      );
    } catch (error) {
      return failure(error);
    }
    redirect("/login?joined=1");
  });
}

export async function confirmEmailAction(formData: FormData) {
  const secret = String(formData.get("secret") ?? "");
  let outcome: string;
  try {
    const result = await confirmEmailLink(coreContext(), secret, await requestContext());
    outcome = result.kind;
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    outcome = error.code === "EMAIL_TAKEN" ? "taken" : "invalid";
  }
  redirect(`/verify-email/done?result=${outcome}`);
}

export async function changeEmailAction(previous: AccountFormState, formData: FormData): Promise<AccountFormState> {
  return keepingInput(previous, formData, async () => {
    const user = await requireRecentAuth("/security/email");
    const email = ZEmailAddress.safeParse(formData.get("email"));
    if (!email.success) return invalid(email.error.issues);
    try {
      await requestEmailChange(
        coreContext(),
        user,
        email.data,
        await requestContext({ userId: user.id, sessionId: user.sessionId }),
      );
    } catch (error) {
      return failure(error);
    }
    return { status: "done" };
  });
}

export async function resendVerificationAction(): Promise<AccountFormState> {
  const user = await requireUser("/dashboard");
  await resendVerificationEmail(coreContext(), user);
  return { status: "done" };
}
