"use server";

import {
  acknowledgeAnomaly,
  AnomalyError,
  escalateAnomaly,
  resolveAnomaly,
  ZAnomalyAction,
} from "@homeport/core/admin/anomalies";
import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { ZId } from "@homeport/core/ids";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/**
 * Working an anomaly flag: plain form posts that come back to the flag's page with `?done=` or
 * `?error=` (and `form=`), so they work without JavaScript. Core re-checks the permission, the
 * step-up and the flag's status under a row lock.
 */

type Form = "acknowledge" | "escalate" | "resolve";
const USE_CASE = { acknowledge: acknowledgeAnomaly, escalate: escalateAnomaly, resolve: resolveAnomaly } as const;

async function run(form: Form, formData: FormData): Promise<never> {
  const flagId = ZId.safeParse(formData.get("flagId"));
  // Who is asking comes first: a signed-out visitor is sent to sign in whatever the form holds.
  const user = await requireUser(flagId.success ? `/admin/anomalies/${flagId.data}` : "/admin/anomalies");
  if (!flagId.success) notFound();
  const path = `/admin/anomalies/${flagId.data}`;
  const back = (query: Record<string, string>): never =>
    redirect(`${path}?${new URLSearchParams(query).toString()}#${form}`);
  const note = formData.get("note");
  const parsed = ZAnomalyAction.safeParse({ flagId: flagId.data, note: typeof note === "string" ? note : "" });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "";
    return back({ form, error: /^[A-Z_]+$/.test(message) ? message : "generic" });
  }
  try {
    await USE_CASE[form](
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(path)}`);
      // Without the permission the flag does not exist for them.
      if (error.code === "NOT_ALLOWED") notFound();
    }
    if (error instanceof AnomalyError) {
      if (error.code === "ANOMALY_NOT_FOUND") notFound();
      return back({ form, error: error.code });
    }
    throw error;
  }
  revalidatePath("/admin/anomalies");
  revalidatePath(path);
  return back({ done: form });
}

export async function acknowledgeAnomalyAction(formData: FormData) {
  await run("acknowledge", formData);
}

export async function escalateAnomalyAction(formData: FormData) {
  await run("escalate", formData);
}

export async function resolveAnomalyAction(formData: FormData) {
  await run("resolve", formData);
}
