"use server";

import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { JOBS, runJobSoon } from "@homeport/core/jobs/names";
import { submitPortalRequest } from "@homeport/core/privacy/requests";
import { PRIVACY_CHOICES, PrivacyError, updatePrivacySettings } from "@homeport/core/privacy/settings";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** The privacy center: choices and the signed-in consumer's own requests. Core checks the rest. */

export type PrivacyFormState = { status: "idle" | "error" | "saved"; error?: string; attempt?: number };

function failed(previous: PrivacyFormState, error: string): PrivacyFormState {
  return { status: "error", error, attempt: (previous.attempt ?? 0) + 1 };
}

export async function saveChoicesAction(previous: PrivacyFormState, formData: FormData): Promise<PrivacyFormState> {
  const user = await requireUser("/privacy");
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  const choices = Object.fromEntries(PRIVACY_CHOICES.map((key) => [key, formData.get(key) === "on"]));
  try {
    await updatePrivacySettings(coreContext(), user, request, choices);
  } catch (error) {
    if (error instanceof PrivacyError) return failed(previous, error.code);
    throw error;
  }
  revalidatePath("/privacy");
  return { status: "saved", attempt: (previous.attempt ?? 0) + 1 };
}

export async function submitRequestAction(previous: PrivacyFormState, formData: FormData): Promise<PrivacyFormState> {
  const type = String(formData.get("type") ?? "");
  const returnTo = `/privacy/requests/new?type=${encodeURIComponent(type)}`;
  const user = await requireUser(returnTo);
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  const field = formData.get("field");
  const input = {
    type,
    ...(type === "CORRECT"
      ? {
          correction: {
            field: field ? String(field) : undefined,
            value: String(formData.get("value") ?? ""),
            details: String(formData.get("details") ?? "") || undefined,
          },
        }
      : {}),
  };
  let id: string;
  try {
    ({
      request: { id },
    } = await submitPortalRequest(coreContext(), user, request, input));
  } catch (error) {
    if (error instanceof IdentityError && error.code === "STEP_UP_REQUIRED") {
      redirect(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
    }
    if (error instanceof Error && error.name === "ZodError") {
      const issues = (error as unknown as { issues: { path: PropertyKey[] }[] }).issues;
      const path = issues[0]?.path.join(".") ?? "";
      if (path === "correction.field") return failed(previous, "CORRECTION_FIELD");
      if (path.startsWith("correction")) return failed(previous, "CORRECTION_VALUE");
      return failed(previous, "TYPE");
    }
    throw error;
  }
  await runJobSoon(JOBS.privacyNotices);
  await runJobSoon(JOBS.privacyFulfilment);
  revalidatePath("/privacy");
  redirect(`/privacy/requests/${id}?submitted=1`);
}
