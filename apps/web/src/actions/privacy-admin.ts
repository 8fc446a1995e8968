"use server";

import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { ZId } from "@homeport/core/ids";
import {
  addPrivacyNote,
  applyPrivacyCorrection,
  assignPrivacyRequest,
  completePrivacyCorrection,
  denyPrivacyRequest,
  extendPrivacyRequest,
  PrivacyStaffError,
  verifyPrivacyRequest,
  ZApplyPrivacyCorrection,
  ZAssignPrivacyRequest,
  ZCompletePrivacyCorrection,
  ZDenyPrivacyRequest,
  ZExtendPrivacyRequest,
  ZPrivacyNote,
  ZVerifyPrivacyRequest,
} from "@homeport/core/privacy/staff";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/**
 * The privacy officer's actions on one request. Each is a plain form post that comes back to the
 * request's page with `?done=` or `?error=` (and `form=`, which form the message belongs to), so
 * they work without JavaScript; core re-checks the role, the step-up and the request's state.
 */

type Form = "assign" | "note" | "verify" | "extend" | "deny" | "correct" | "complete";

const pagePath = (id: string) => `/admin/privacy/${id}`;

/** Zod messages that are codes the page has words for; anything else is the form's generic error. */
function issueCode(error: z.ZodError): string {
  const message = error.issues[0]?.message ?? "";
  return /^[A-Z_]+$/.test(message) ? message : "INVALID_INPUT";
}

async function run<S extends z.ZodType>(
  form: Form,
  formData: FormData,
  schema: S,
  input: Record<string, unknown>,
  action: (
    ctx: ReturnType<typeof coreContext>,
    user: Awaited<ReturnType<typeof requireUser>>,
    request: Awaited<ReturnType<typeof requestContext>>,
    data: z.output<S>,
  ) => Promise<unknown>,
): Promise<never> {
  const requestId = ZId.safeParse(formData.get("requestId"));
  // Who is asking comes first: a signed-out visitor is sent to sign in whatever the form holds.
  const user = await requireUser(requestId.success ? pagePath(requestId.data) : "/admin/privacy");
  if (!requestId.success) notFound();
  const path = pagePath(requestId.data);
  const back = (query: Record<string, string>): never =>
    redirect(`${path}?${new URLSearchParams(query).toString()}#${form}`);
  const parsed = schema.safeParse({ requestId: requestId.data, ...input });
  if (!parsed.success) return back({ form, error: issueCode(parsed.error) });
  try {
    await action(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(path)}`);
      // Someone without a privacy role learns nothing about the request.
      if (error.code === "NOT_ALLOWED") notFound();
    }
    if (error instanceof PrivacyStaffError) return back({ form, error: error.code });
    throw error;
  }
  revalidatePath("/admin/privacy");
  revalidatePath(path);
  return back({ done: form });
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function assignToMeAction(formData: FormData) {
  await run("assign", formData, ZAssignPrivacyRequest, {}, (ctx, user, request, data) =>
    assignPrivacyRequest(ctx, user, request, { requestId: data.requestId }),
  );
}

export async function addNoteAction(formData: FormData) {
  await run("note", formData, ZPrivacyNote, { note: text(formData, "note") }, (ctx, user, request, data) =>
    addPrivacyNote(ctx, user, request, data),
  );
}

export async function verifyAction(formData: FormData) {
  await run(
    "verify",
    formData,
    ZVerifyPrivacyRequest,
    {
      accountNumber: text(formData, "accountNumber"),
      matched: formData.getAll("matched").filter((value) => typeof value === "string"),
      permissionChecked: formData.get("permissionChecked") === "on",
      note: text(formData, "note"),
    },
    (ctx, user, request, data) => verifyPrivacyRequest(ctx, user, request, data),
  );
}

export async function extendAction(formData: FormData) {
  await run(
    "extend",
    formData,
    ZExtendPrivacyRequest,
    { reason: text(formData, "reason") },
    (ctx, user, request, data) => extendPrivacyRequest(ctx, user, request, data),
  );
}

export async function denyAction(formData: FormData) {
  await run(
    "deny",
    formData,
    ZDenyPrivacyRequest,
    { reason: text(formData, "reason"), note: text(formData, "note") },
    (ctx, user, request, data) => denyPrivacyRequest(ctx, user, request, data),
  );
}

export async function applyCorrectionAction(formData: FormData) {
  await run(
    "correct",
    formData,
    ZApplyPrivacyCorrection,
    { note: text(formData, "note") },
    (ctx, user, request, data) => applyPrivacyCorrection(ctx, user, request, data),
  );
}

export async function completeCorrectionAction(formData: FormData) {
  await run(
    "complete",
    formData,
    ZCompletePrivacyCorrection,
    { outcome: text(formData, "outcome"), note: text(formData, "note") },
    (ctx, user, request, data) => completePrivacyCorrection(ctx, user, request, data),
  );
}
