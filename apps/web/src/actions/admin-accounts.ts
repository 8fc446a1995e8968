"use server";

import {
  AccountActionError,
  forceSignOut,
  lockAccount,
  resendVerification,
  resetTwoFactor,
  unlockAccount,
  ZForceSignOut,
  ZLockAccount,
  ZResendVerification,
  ZResetTwoFactor,
  ZUnlockAccount,
} from "@homeport/core/admin/account-actions";
import { AdminAccountError, openAccount, ZOpenAccount } from "@homeport/core/admin/accounts";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { ZId } from "@homeport/core/ids";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/**
 * The staff account page's forms: plain posts that come back to the page with `?done=` or
 * `?error=` (and `form=`), keeping `?access=` so the recorded reason still covers the view. Core
 * checks the permission, the step-up and the input again.
 */

type Form = "lock" | "unlock" | "signOut" | "reset" | "resend";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/** Zod messages that are codes the page has words for; anything else is the form's generic error. */
function issueCode(error: z.ZodError): string {
  const message = error.issues[0]?.message ?? "";
  return /^[A-Z_]+$/.test(message) ? message : "generic";
}

function accountPath(accountId: string, query: Record<string, string> = {}) {
  const search = new URLSearchParams(query).toString();
  return `/admin/accounts/${accountId}${search ? `?${search}` : ""}`;
}

/** "Why are you opening this account?": records the reason, then shows the view under that access. */
export async function openAccountAction(formData: FormData) {
  const accountId = ZId.safeParse(formData.get("accountId"));
  // Who is asking comes first: a signed-out visitor is sent to sign in whatever the form holds.
  const user = await requireUser(accountId.success ? accountPath(accountId.data) : "/admin/accounts");
  if (!accountId.success) notFound();
  if (!can(user, "VIEW_ACCOUNTS")) notFound();
  const parsed = ZOpenAccount.safeParse({ accountId: accountId.data, reason: text(formData, "reason") ?? "" });
  if (!parsed.success) redirect(accountPath(accountId.data, { error: issueCode(parsed.error) }));
  let accessId: string;
  try {
    const opened = await openAccount(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
    accessId = opened.accessId;
  } catch (error) {
    if (error instanceof IdentityError && error.code === "NOT_ALLOWED") notFound();
    if (error instanceof AdminAccountError && error.code === "ACCOUNT_NOT_FOUND") notFound();
    throw error;
  }
  redirect(accountPath(accountId.data, { access: accessId }));
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
  const accountId = ZId.safeParse(formData.get("accountId"));
  const signedIn = await requireUser(accountId.success ? accountPath(accountId.data) : "/admin/accounts");
  if (!accountId.success) notFound();
  const access = z
    .string()
    .regex(/^[1-9]\d{0,18}$/)
    .safeParse(formData.get("access"));
  const keep: Record<string, string> = access.success ? { access: access.data } : {};
  const page = accountPath(accountId.data, keep);
  const user = signedIn;
  const back = (query: Record<string, string>): never =>
    redirect(`${accountPath(accountId.data, { ...keep, ...query })}#actions`);
  const parsed = schema.safeParse(input);
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
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(page)}`);
      // Without the permission the account page does not exist for them; a refused target is explained.
      if (error.code === "NOT_ALLOWED") {
        if (!can(user, "VIEW_ACCOUNTS")) notFound();
        return back({ form, error: "NOT_ALLOWED" });
      }
    }
    if (error instanceof AccountActionError) {
      if (error.code === "ACCOUNT_NOT_FOUND") notFound();
      return back({ form, error: error.code });
    }
    throw error;
  }
  revalidatePath(`/admin/accounts/${accountId.data}`);
  return back({ done: form });
}

export async function lockAccountAction(formData: FormData) {
  await run(
    "lock",
    formData,
    ZLockAccount,
    { accountId: text(formData, "accountId"), reason: text(formData, "reason"), note: text(formData, "note") },
    (ctx, user, request, data) => lockAccount(ctx, user, request, data),
  );
}

export async function unlockAccountAction(formData: FormData) {
  await run(
    "unlock",
    formData,
    ZUnlockAccount,
    { accountId: text(formData, "accountId"), note: text(formData, "note") },
    (ctx, user, request, data) => unlockAccount(ctx, user, request, data),
  );
}

export async function forceSignOutAction(formData: FormData) {
  await run(
    "signOut",
    formData,
    ZForceSignOut,
    { userId: text(formData, "userId"), note: text(formData, "note") },
    (ctx, user, request, data) => forceSignOut(ctx, user, request, data),
  );
}

export async function resetTwoFactorAction(formData: FormData) {
  await run(
    "reset",
    formData,
    ZResetTwoFactor,
    { userId: text(formData, "userId"), verification: text(formData, "verification") },
    (ctx, user, request, data) => resetTwoFactor(ctx, user, request, data),
  );
}

export async function resendVerificationAction(formData: FormData) {
  await run("resend", formData, ZResendVerification, { userId: text(formData, "userId") }, (ctx, user, request, data) =>
    resendVerification(ctx, user, request, data),
  );
}
