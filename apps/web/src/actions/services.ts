"use server";

import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { ServicesError } from "@homeport/core/services/service-errors";
import { changeServicePlan, ZPlanChange } from "@homeport/core/services/plans";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Plan changes. Core re-checks the owner role and the recent sign-in. */

export type ServicesFormState = { status: "idle" | "error"; error?: string; attempt?: number };

export async function changePlanAction(previous: ServicesFormState, formData: FormData): Promise<ServicesFormState> {
  const user = await requireUser("/services/change");
  const parsed = ZPlanChange.safeParse({ kind: formData.get("kind"), planId: formData.get("planId") });
  if (!parsed.success) return { status: "error", error: "PLAN_NOT_FOUND", attempt: (previous.attempt ?? 0) + 1 };
  const returnTo = `/services/change?kind=${parsed.data.kind}&plan=${parsed.data.planId}`;
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  try {
    await changeServicePlan(coreContext(), user, request, parsed.data);
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
      return { status: "error", error: error.code, attempt: (previous.attempt ?? 0) + 1 };
    }
    if (error instanceof ServicesError)
      return { status: "error", error: error.code, attempt: (previous.attempt ?? 0) + 1 };
    throw error;
  }
  revalidatePath("/services");
  revalidatePath("/billing");
  redirect(`/services?changed=${parsed.data.kind}`);
}
