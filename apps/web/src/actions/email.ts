"use server";

import { coreContext } from "@homeport/core/context";
import {
  addBlockedSender,
  addForward,
  checkAddress,
  confirmForward,
  createMailbox,
  deleteMailbox,
  EmailError,
  removeBlockedSender,
  removeForward,
  resetMailboxPassword,
  setForwardKeepCopy,
  updateAutoReply,
  updateRecovery,
  updateSpamSettings,
} from "@homeport/core/email/mailboxes";
import { IdentityError } from "@homeport/core/identity/errors";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/**
 * Mailboxes and their rules. Core checks the household, the owner or the mailbox's reader, and
 * the step-up; these parse the form, call one use case and name what went wrong.
 */

export type EmailFormState = {
  status: "idle" | "error" | "done";
  /** A message key under email.errors, or a field error map. */
  error?: string;
  fields?: Record<string, string>;
  detail?: Record<string, string | number>;
  attempt?: number;
};

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function answer(previous: EmailFormState, error: unknown): EmailFormState {
  const attempt = (previous.attempt ?? 0) + 1;
  if (error instanceof EmailError && error.code === "ADDRESS_INVALID") {
    const problem = String(error.detail?.problem ?? "characters");
    return {
      status: "error",
      error: error.code,
      fields: problem === "domain" ? { domain: "domain" } : { localPart: problem },
      attempt,
    };
  }
  if (error instanceof EmailError) return { status: "error", error: error.code, detail: error.detail, attempt };
  if ((error as { name?: string } | null)?.name === "ZodError") {
    const issues = (error as unknown as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    const fields: Record<string, string> = {};
    for (const issue of issues) {
      const key = String(issue.path[0] ?? "form");
      fields[key] ??= issue.message;
    }
    return { status: "error", error: "INVALID", fields, attempt };
  }
  throw error;
}

async function session(returnTo: string) {
  const user = await requireUser(returnTo);
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  return { user, request, ctx: coreContext() };
}

const mailboxPath = (id: string) => `/email/mailboxes/${encodeURIComponent(id)}`;

export async function checkAddressAction(
  previous: EmailFormState,
  formData: FormData,
): Promise<EmailFormState & { address?: string }> {
  await requireUser("/email/mailboxes/new");
  const result = await checkAddress(coreContext(), text(formData, "localPart"), text(formData, "domain"));
  const attempt = (previous.attempt ?? 0) + 1;
  return result.available
    ? { status: "done", address: result.address, attempt }
    : { status: "error", error: "ADDRESS", fields: { localPart: result.problem }, attempt };
}

export async function createMailboxAction(previous: EmailFormState, formData: FormData): Promise<EmailFormState> {
  const { user, request, ctx } = await session("/email/mailboxes/new");
  let id: string;
  try {
    const mailbox = await createMailbox(ctx, user, request, {
      localPart: text(formData, "localPart"),
      domain: text(formData, "domain"),
      displayName: text(formData, "displayName"),
      password: text(formData, "password"),
      userId: text(formData, "userId") || undefined,
    });
    id = mailbox.id;
  } catch (error) {
    return answer(previous, error);
  }
  revalidatePath("/email");
  redirect(`${mailboxPath(id)}?created=1`);
}

export async function resetPasswordAction(previous: EmailFormState, formData: FormData): Promise<EmailFormState> {
  const mailboxId = text(formData, "mailboxId");
  const { user, request, ctx } = await session(mailboxPath(mailboxId));
  if (text(formData, "password") !== text(formData, "confirm")) {
    return { status: "error", error: "INVALID", fields: { confirm: "mismatch" }, attempt: (previous.attempt ?? 0) + 1 };
  }
  try {
    await resetMailboxPassword(ctx, user, request, { mailboxId, password: text(formData, "password") });
  } catch (error) {
    if (error instanceof IdentityError && error.code === "STEP_UP_REQUIRED") {
      redirect(`/security/confirm?returnTo=${encodeURIComponent(`${mailboxPath(mailboxId)}#password`)}`);
    }
    return answer(previous, error);
  }
  revalidatePath(mailboxPath(mailboxId));
  return { status: "done", attempt: (previous.attempt ?? 0) + 1 };
}

export async function deleteMailboxAction(formData: FormData): Promise<void> {
  const mailboxId = text(formData, "mailboxId");
  const { user, request, ctx } = await session(mailboxPath(mailboxId));
  try {
    await deleteMailbox(ctx, user, request, { mailboxId });
  } catch (error) {
    // Gone already (a double submit) or not the reader's to delete: the list shows the truth.
    if (!(error instanceof EmailError)) throw error;
  }
  revalidatePath("/email");
  redirect("/email?deleted=1");
}

/** The rule forms on a mailbox's page share one shape: parse, change, republish, answer. */
function ruleAction(
  change: (
    ctx: ReturnType<typeof coreContext>,
    user: Awaited<ReturnType<typeof requireUser>>,
    request: Awaited<ReturnType<typeof requestContext>>,
    mailboxId: string,
    formData: FormData,
  ) => Promise<unknown>,
) {
  return async (previous: EmailFormState, formData: FormData): Promise<EmailFormState> => {
    const mailboxId = text(formData, "mailboxId");
    const { user, request, ctx } = await session(mailboxPath(mailboxId));
    try {
      await change(ctx, user, request, mailboxId, formData);
    } catch (error) {
      return answer(previous, error);
    }
    revalidatePath(mailboxPath(mailboxId));
    return { status: "done", attempt: (previous.attempt ?? 0) + 1 };
  };
}

export const addForwardAction = ruleAction((ctx, user, request, mailboxId, formData) =>
  addForward(ctx, user, request, mailboxId, { address: text(formData, "address") }),
);

export const keepCopyAction = ruleAction((ctx, user, request, mailboxId, formData) =>
  setForwardKeepCopy(ctx, user, request, mailboxId, formData.get("keepCopy") === "on"),
);

export const autoReplyAction = ruleAction((ctx, user, request, mailboxId, formData) =>
  updateAutoReply(ctx, user, request, mailboxId, {
    enabled: formData.get("enabled") === "on",
    subject: text(formData, "subject"),
    body: text(formData, "body"),
    start: text(formData, "start") || null,
    end: text(formData, "end") || null,
    days: text(formData, "days") || 7,
  }),
);

export const spamAction = ruleAction((ctx, user, request, mailboxId, formData) =>
  updateSpamSettings(ctx, user, request, mailboxId, {
    level: text(formData, "level"),
    action: text(formData, "action"),
  }),
);

export const recoveryAction = ruleAction((ctx, user, request, mailboxId, formData) =>
  updateRecovery(ctx, user, request, mailboxId, {
    recoveryEmail: text(formData, "recoveryEmail"),
    recoveryPhone: text(formData, "recoveryPhone"),
  }),
);

export const blockSenderAction = ruleAction((ctx, user, request, mailboxId, formData) =>
  addBlockedSender(ctx, user, request, mailboxId, text(formData, "pattern")),
);

/** Plain forms (a button per row) for removing a forward or a blocked sender. */
export async function removeForwardAction(formData: FormData): Promise<void> {
  const mailboxId = text(formData, "mailboxId");
  const { user, request, ctx } = await session(mailboxPath(mailboxId));
  try {
    await removeForward(ctx, user, request, mailboxId, text(formData, "forwardId"));
  } catch (error) {
    if (!(error instanceof EmailError)) throw error;
  }
  revalidatePath(mailboxPath(mailboxId));
  redirect(`${mailboxPath(mailboxId)}#forwarding`);
}

export async function unblockSenderAction(formData: FormData): Promise<void> {
  const mailboxId = text(formData, "mailboxId");
  const { user, request, ctx } = await session(mailboxPath(mailboxId));
  try {
    await removeBlockedSender(ctx, user, request, mailboxId, text(formData, "blockedId"));
  } catch (error) {
    if (!(error instanceof EmailError)) throw error;
  }
  revalidatePath(mailboxPath(mailboxId));
  redirect(`${mailboxPath(mailboxId)}#blocked`);
}

export async function confirmForwardAction(
  previous: EmailFormState & { from?: string; to?: string },
  formData: FormData,
): Promise<EmailFormState & { from?: string; to?: string }> {
  try {
    const result = await confirmForward(coreContext(), await requestContext(), text(formData, "token"));
    return { status: "done", ...result, attempt: (previous.attempt ?? 0) + 1 };
  } catch (error) {
    return answer(previous, error);
  }
}
