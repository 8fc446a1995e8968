"use server";

import { IdentityError } from "@homeport/core/identity/errors";
import { coreContext } from "@homeport/core/context";
import { requestCallback, SupportTicketError, ZCallbackRequest } from "@homeport/core/services/callback-request";
import { TICKET_STATUSES, updateSupportTicket, ZUpdateSupportTicket } from "@homeport/core/services/staff-tickets";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Help-center requests: a subscriber's callback request, and staff working the ticket queue. */

export type CallbackFormState = {
  status: "idle" | "error";
  /** A message key under help.callback.errors, per field or for the whole form. */
  error?: string;
  fieldErrors?: Partial<Record<"phone" | "preferredDate" | "slot" | "topic" | "details", string>>;
  values?: Record<string, string>;
  attempt?: number;
};

const CALLBACK_FIELDS = ["phone", "preferredDate", "slot", "topic", "details"] as const;

export async function requestCallbackAction(
  previous: CallbackFormState,
  formData: FormData,
): Promise<CallbackFormState> {
  const user = await requireUser("/help/callback");
  const values: Record<string, string> = {};
  for (const field of CALLBACK_FIELDS) values[field] = String(formData.get(field) ?? "");
  const failed = (state: Omit<CallbackFormState, "values" | "attempt">): CallbackFormState => ({
    ...state,
    values,
    attempt: (previous.attempt ?? 0) + 1,
  });

  const parsed = ZCallbackRequest.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: CallbackFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as (typeof CALLBACK_FIELDS)[number];
      if (CALLBACK_FIELDS.includes(field) && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return failed({ status: "error", error: "CHECK_FIELDS", fieldErrors });
  }
  let reference: string;
  let duplicate: boolean;
  try {
    const result = await requestCallback(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
    reference = result.ticket.reference;
    duplicate = result.duplicate;
  } catch (error) {
    if (error instanceof SupportTicketError) {
      return failed({
        status: "error",
        error: error.code,
        ...(error.code === "DATE_OUT_OF_RANGE" ? { fieldErrors: { preferredDate: "DATE_OUT_OF_RANGE" } } : {}),
      });
    }
    throw error;
  }
  revalidatePath("/help/callback");
  redirect(`/help/callback?${duplicate ? "existing" : "requested"}=${encodeURIComponent(reference)}`);
}

export type TicketFormState = { status: "idle" | "error" | "done"; error?: string; attempt?: number };

export async function updateTicketAction(previous: TicketFormState, formData: FormData): Promise<TicketFormState> {
  const user = await requireUser("/admin/tickets");
  const expected = String(formData.get("expectedStatus") ?? "");
  const parsed = ZUpdateSupportTicket.safeParse({
    ticketId: formData.get("ticketId"),
    status: formData.get("status"),
    note: formData.get("note") ?? undefined,
  });
  const attempt = (previous.attempt ?? 0) + 1;
  if (!parsed.success) return { status: "error", error: parsed.error.issues[0]?.message ?? "generic", attempt };
  try {
    await updateSupportTicket(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      {
        ...parsed.data,
        ...((TICKET_STATUSES as readonly string[]).includes(expected)
          ? { expectedStatus: expected as (typeof TICKET_STATUSES)[number] }
          : {}),
      },
    );
  } catch (error) {
    // Someone without a ticket role learns nothing about the queue.
    if (error instanceof IdentityError && error.code === "NOT_ALLOWED") notFound();
    if (error instanceof SupportTicketError) return { status: "error", error: error.code, attempt };
    throw error;
  }
  revalidatePath("/admin/tickets");
  return { status: "done", attempt };
}
