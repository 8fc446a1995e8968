"use server";

import { ApiKeyError, createApiKey, revokeApiKey, ZCreateApiKey, ZRevokeApiKey } from "@homeport/core/admin/api-keys";
import {
  acceptStaffInvite,
  changeStaffRole,
  deactivateStaff,
  inviteStaff,
  reactivateStaff,
  StaffError,
  ZChangeStaffRole,
  ZInviteStaff,
  ZStaffTarget,
} from "@homeport/core/admin/staff";
import { type Permission, requirePermission } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { ZodError } from "zod";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/**
 * The staff roster and the ingestion API keys. Staff changes are plain form posts that come back
 * to /admin/staff with `?done=` or `?error=` (and `form=`), so they work without JavaScript.
 * Creating a key answers through the action state instead: the secret is shown once on the page
 * and must never travel in a URL (history, logs, Referer). Core re-checks the permission and the
 * step-up every time.
 */

const STAFF_PATH = "/admin/staff";
const KEYS_PATH = "/admin/keys";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** A Zod message is an error code when it looks like one ("NAME_REQUIRED", "email_invalid"). */
function issueCode(error: ZodError): string {
  const message = error.issues[0]?.message ?? "";
  return /^[A-Za-z_]{2,40}$/.test(message) ? message.toUpperCase() : "generic";
}

/**
 * Checked (and a refusal audited) before the form is read, so someone without the right learns
 * nothing from its validation errors; the use case checks again.
 */
async function allowed(user: Awaited<ReturnType<typeof requireUser>>, permission: Permission) {
  try {
    await requirePermission(
      coreContext().db,
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      permission,
    );
  } catch (error) {
    if (error instanceof IdentityError && error.code === "NOT_ALLOWED") notFound();
    throw error;
  }
}

type StaffForm = "invite" | "role" | "deactivate" | "reactivate";

async function runStaff(
  form: StaffForm,
  formData: FormData,
  use: (user: Awaited<ReturnType<typeof requireUser>>) => Promise<unknown>,
): Promise<never> {
  const user = await requireUser(STAFF_PATH);
  await allowed(user, "MANAGE_STAFF");
  const back = (query: Record<string, string>): never => redirect(`${STAFF_PATH}?${new URLSearchParams(query)}`);
  try {
    await use(user);
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(STAFF_PATH)}`);
      // Without the permission the page does not exist for them.
      if (error.code === "NOT_ALLOWED") notFound();
    }
    if (error instanceof StaffError) return back({ form, error: error.code });
    if (error instanceof ZodError) return back({ form, error: issueCode(error) });
    throw error;
  }
  revalidatePath(STAFF_PATH);
  return back({ done: form });
}

export async function inviteStaffAction(formData: FormData) {
  await runStaff("invite", formData, async (user) => {
    const input = ZInviteStaff.parse({
      email: text(formData, "email"),
      name: text(formData, "name"),
      role: text(formData, "role"),
      locale: text(formData, "locale") || "en",
    });
    await inviteStaff(coreContext(), user, await requestContext({ userId: user.id, sessionId: user.sessionId }), input);
  });
}

export async function changeStaffRoleAction(formData: FormData) {
  await runStaff("role", formData, async (user) => {
    const input = ZChangeStaffRole.parse({ userId: text(formData, "userId"), role: text(formData, "role") });
    await changeStaffRole(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      input,
    );
  });
}

export async function deactivateStaffAction(formData: FormData) {
  await runStaff("deactivate", formData, async (user) => {
    const input = ZStaffTarget.parse({ userId: text(formData, "userId") });
    await deactivateStaff(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      input,
    );
  });
}

export async function reactivateStaffAction(formData: FormData) {
  await runStaff("reactivate", formData, async (user) => {
    const input = ZStaffTarget.parse({ userId: text(formData, "userId") });
    await reactivateStaff(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      input,
    );
  });
}

/**
 * The invitee's first password, from the public /staff-invite page. On a refusal the page comes
 * back with the same link (it already carries the token) and the reason.
 */
export async function acceptStaffInviteAction(formData: FormData) {
  const token = text(formData, "token");
  const password = text(formData, "password");
  const again = (error: string): never =>
    redirect(`/staff-invite?${new URLSearchParams(error === "LINK_INVALID" ? { error } : { token, error })}`);
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) again("LINK_INVALID");
  if (password !== text(formData, "confirmation")) again("MISMATCH");
  try {
    await acceptStaffInvite(coreContext(), await requestContext(), { token, password });
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "WEAK_PASSWORD") again(String(error.detail?.problem ?? "too_short"));
      again(error.code === "LINK_INVALID" ? "LINK_INVALID" : "generic");
    }
    throw error;
  }
  redirect("/staff-invite?done=1");
}

export type CreateKeyState =
  | { status: "idle" }
  | { status: "error"; error: string; attempt: number }
  | { status: "created"; key: { name: string; prefix: string; secret: string }; attempt: number };

/** Creates a key and hands its secret back in the action state, the only place it ever appears. */
export async function createApiKeyAction(previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const user = await requireUser(KEYS_PATH);
  await allowed(user, "MANAGE_API_KEYS");
  const attempt = ("attempt" in previous ? previous.attempt : 0) + 1;
  const parsed = ZCreateApiKey.safeParse({ name: text(formData, "name") });
  if (!parsed.success) return { status: "error", error: issueCode(parsed.error), attempt };
  try {
    const created = await createApiKey(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
    revalidatePath(KEYS_PATH);
    return { status: "created", key: { name: created.name, prefix: created.prefix, secret: created.secret }, attempt };
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(KEYS_PATH)}`);
      if (error.code === "NOT_ALLOWED") notFound();
    }
    throw error;
  }
}

export async function revokeApiKeyAction(formData: FormData) {
  const user = await requireUser(KEYS_PATH);
  await allowed(user, "MANAGE_API_KEYS");
  const parsed = ZRevokeApiKey.safeParse({ keyId: text(formData, "keyId") });
  if (!parsed.success) notFound();
  try {
    await revokeApiKey(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(KEYS_PATH)}`);
      if (error.code === "NOT_ALLOWED") notFound();
    }
    if (error instanceof ApiKeyError) redirect(`${KEYS_PATH}?error=${error.code}`);
    throw error;
  }
  revalidatePath(KEYS_PATH);
  redirect(`${KEYS_PATH}?done=revoked`);
}
