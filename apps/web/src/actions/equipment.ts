"use server";

import { coreContext } from "@homeport/core/context";
import { IdentityError } from "@homeport/core/identity/errors";
import { DeviceError } from "@homeport/core/services/device-errors";
import { restartEquipment } from "@homeport/core/services/equipment";
import { requestEquipmentReplace, requestEquipmentReturn } from "@homeport/core/services/equipment-requests";
import { changeWifi, revealWifiPassword, ZWifiChange } from "@homeport/core/services/wifi";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Equipment and WiFi changes. Each re-checks the session, the household and (for WiFi) the step-up in core. */

export type EquipmentFormState = {
  status: "idle" | "error" | "done";
  error?: string;
  /** The field the error is about, to mark it invalid and focus it. */
  field?: string;
  detail?: Record<string, string | number>;
  /** What was typed (never a password), so the form can show it again. */
  values?: Record<string, string>;
  attempt?: number;
  /** For a reveal: the current WiFi password, shown once. */
  secret?: string;
};

async function actorFor(returnTo: string) {
  const user = await requireUser(returnTo);
  return { user, request: await requestContext({ userId: user.id, sessionId: user.sessionId }) };
}

function failure(error: unknown, returnTo: string): EquipmentFormState {
  if (error instanceof IdentityError) {
    if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
    return { status: "error", error: error.code };
  }
  if (error instanceof DeviceError) return { status: "error", error: error.code, detail: error.detail };
  throw error;
}

const equipmentPath = (id: string) => `/services/equipment/${encodeURIComponent(id)}`;

export async function restartEquipmentAction(
  _previous: EquipmentFormState,
  formData: FormData,
): Promise<EquipmentFormState> {
  const equipmentId = String(formData.get("equipmentId") ?? "");
  const { user, request } = await actorFor("/services/equipment");
  try {
    await restartEquipment(coreContext(), user, request, equipmentId);
  } catch (error) {
    // A second click while the first restart runs: the device is already restarting.
    if (error instanceof DeviceError && error.code === "RESTART_PENDING") {
      revalidatePath("/services/equipment", "layout");
      return { status: "done" };
    }
    return failure(error, "/services/equipment");
  }
  revalidatePath("/services/equipment", "layout");
  return { status: "done" };
}

export async function changeWifiAction(previous: EquipmentFormState, formData: FormData): Promise<EquipmentFormState> {
  const { user, request } = await actorFor("/services/wifi");
  const values = { ssid: String(formData.get("ssid") ?? "") };
  const attempt = (previous.attempt ?? 0) + 1;
  const parsed = ZWifiChange.safeParse({ ssid: values.ssid, password: String(formData.get("password") ?? "") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      status: "error",
      error: issue?.message ?? "generic",
      field: String(issue?.path[0] ?? ""),
      values,
      attempt,
    };
  }
  try {
    await changeWifi(coreContext(), user, request, parsed.data);
  } catch (error) {
    const state = failure(error, "/services/wifi");
    const field = state.error?.startsWith("PASSWORD_") ? "password" : undefined;
    return { ...state, ...(field ? { field } : {}), values, attempt };
  }
  revalidatePath("/services/wifi");
  return { status: "done", attempt };
}

export async function revealWifiPasswordAction(_previous: EquipmentFormState): Promise<EquipmentFormState> {
  const { user, request } = await actorFor("/services/wifi");
  try {
    return { status: "done", secret: await revealWifiPassword(coreContext(), user, request) };
  } catch (error) {
    return failure(error, "/services/wifi");
  }
}

export async function requestEquipmentAction(
  previous: EquipmentFormState,
  formData: FormData,
): Promise<EquipmentFormState> {
  const equipmentId = String(formData.get("equipmentId") ?? "");
  const kind = formData.get("kind");
  const returnTo = `${equipmentPath(equipmentId)}/return`;
  const { user, request } = await actorFor(returnTo);
  const values = {
    kind: String(kind ?? ""),
    reason: String(formData.get("reason") ?? ""),
    details: String(formData.get("details") ?? ""),
  };
  const attempt = (previous.attempt ?? 0) + 1;
  if (kind !== "RETURN" && kind !== "REPLACE")
    return { status: "error", error: "KIND_REQUIRED", field: "kind", values, attempt };
  if (values.reason === "") return { status: "error", error: "REASON_REQUIRED", field: "reason", values, attempt };
  const input = { equipmentId, reason: values.reason, details: values.details };
  let reference: string;
  try {
    const result =
      kind === "RETURN"
        ? await requestEquipmentReturn(coreContext(), user, request, input)
        : await requestEquipmentReplace(coreContext(), user, request, input);
    reference = result.ticket.reference;
  } catch (error) {
    const state = failure(error, returnTo);
    return { ...state, ...(state.error === "REASON_NOT_ALLOWED" ? { field: "reason" } : {}), values, attempt };
  }
  revalidatePath("/services/equipment", "layout");
  redirect(`${returnTo}?sent=${encodeURIComponent(reference)}`);
}
