"use server";

import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { AppointmentError } from "@homeport/core/services/appointment-errors";
import {
  bookAppointment,
  cancelAppointment,
  rescheduleAppointment,
  ZBookAppointment,
  ZCancelAppointment,
  ZRescheduleAppointment,
} from "@homeport/core/services/appointments";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Technician visits: book, move, cancel. Core checks the account, the windows and the cutoff. */

export type AppointmentFormState = {
  status: "idle" | "error" | "done";
  error?: string;
  detail?: Record<string, string | number>;
  /** What was typed, so the form can show it again. */
  values?: Record<string, string>;
  attempt?: number;
};

const LIST = "/services/appointments";
const WINDOW_GONE = new Set(["WINDOW_FULL", "WINDOW_UNAVAILABLE", "WINDOW_NOT_FOUND"]);

async function actorFor(returnTo: string) {
  const user = await requireUser(returnTo);
  return { user, request: await requestContext({ userId: user.id, sessionId: user.sessionId }) };
}

function echo(formData?: FormData): Record<string, string> | undefined {
  if (!formData) return undefined;
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

function refusal(
  error: string,
  previous: AppointmentFormState,
  formData?: FormData,
  detail?: Record<string, string | number>,
): AppointmentFormState {
  return {
    status: "error",
    error,
    ...(detail ? { detail } : {}),
    ...(formData ? { values: echo(formData) } : {}),
    attempt: (previous.attempt ?? 0) + 1,
  };
}

function failure(
  error: unknown,
  returnTo: string,
  previous: AppointmentFormState,
  formData?: FormData,
): AppointmentFormState {
  if (error instanceof IdentityError) {
    if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
    return refusal(error.code, previous, formData);
  }
  if (error instanceof AppointmentError) {
    if (WINDOW_GONE.has(error.code)) {
      // Show the calendar as it is now, without the window that was just refused.
      revalidatePath(returnTo);
      formData?.delete("windowId");
    }
    return refusal(error.code, previous, formData, error.detail);
  }
  throw error;
}

function firstIssue(error: { issues: { message: string }[] }): string {
  return error.issues[0]?.message ?? "generic";
}

export async function bookAppointmentAction(
  previous: AppointmentFormState,
  formData: FormData,
): Promise<AppointmentFormState> {
  const returnTo = `${LIST}/new`;
  const { user, request } = await actorFor(returnTo);
  const parsed = ZBookAppointment.safeParse({
    windowId: formData.get("windowId") ?? "",
    issue: formData.get("issue") ?? "",
    details: String(formData.get("details") ?? ""),
    contactPhone: String(formData.get("contactPhone") ?? ""),
  });
  if (!parsed.success) return refusal(firstIssue(parsed.error), previous, formData);
  try {
    await bookAppointment(coreContext(), user, request, parsed.data);
  } catch (error) {
    return failure(error, returnTo, previous, formData);
  }
  revalidatePath(LIST);
  redirect(`${LIST}?booked=1`);
}

export async function rescheduleAppointmentAction(
  previous: AppointmentFormState,
  formData: FormData,
): Promise<AppointmentFormState> {
  const parsed = ZRescheduleAppointment.safeParse({
    appointmentId: formData.get("appointmentId") ?? "",
    windowId: formData.get("windowId") ?? "",
  });
  const returnTo = parsed.success ? `${LIST}/${parsed.data.appointmentId}/reschedule` : LIST;
  const { user, request } = await actorFor(returnTo);
  if (!parsed.success) return refusal(firstIssue(parsed.error), previous, formData);
  try {
    await rescheduleAppointment(coreContext(), user, request, parsed.data);
  } catch (error) {
    return failure(error, returnTo, previous, formData);
  }
  revalidatePath(LIST);
  redirect(`${LIST}?rescheduled=1`);
}

export async function cancelAppointmentAction(
  previous: AppointmentFormState,
  formData: FormData,
): Promise<AppointmentFormState> {
  const { user, request } = await actorFor(LIST);
  const parsed = ZCancelAppointment.safeParse({ appointmentId: formData.get("appointmentId") ?? "" });
  if (!parsed.success) return refusal("APPOINTMENT_NOT_FOUND", previous);
  try {
    await cancelAppointment(coreContext(), user, request, parsed.data);
  } catch (error) {
    return failure(error, LIST, previous);
  }
  revalidatePath(LIST);
  redirect(`${LIST}?cancelled=1`);
}
