"use server";

import { coreContext } from "@homeport/core/context";
import { saveAlertSettings, UsageSettingsError } from "@homeport/core/usage/alerts";
import { revalidatePath } from "next/cache";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export type UsageFormState = { status: "idle" | "error" | "done"; error?: string };

export async function saveAlertSettingsAction(_previous: UsageFormState, formData: FormData): Promise<UsageFormState> {
  const user = await requireUser("/usage");
  const thresholds = formData.getAll("threshold").map((value) => Number(value));
  if (thresholds.some((t) => !Number.isInteger(t))) return { status: "error", error: "THRESHOLD_NOT_ALLOWED" };
  try {
    await saveAlertSettings(
      coreContext(),
      user,
      { thresholds, everyBlock: formData.get("everyBlock") === "on", sms: formData.get("sms") === "on" },
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
    );
  } catch (error) {
    if (error instanceof UsageSettingsError) return { status: "error", error: error.code };
    throw error;
  }
  revalidatePath("/usage");
  return { status: "done" };
}
