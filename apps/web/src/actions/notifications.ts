"use server";

import { markNotificationRead } from "@homeport/core/notifications/notify-user";
import { getDb } from "@homeport/core/runtime/db";
import { revalidatePath } from "next/cache";
import { ZId } from "@homeport/core/ids";
import { requireUser } from "@/lib/session";

/** Marks one of the caller's own notifications read; another user's id changes nothing. */
export async function markNotificationReadAction(formData: FormData) {
  const user = await requireUser("/dashboard");
  const id = ZId.safeParse(formData.get("notificationId"));
  if (!id.success) return;
  await markNotificationRead(getDb(), user.id, id.data);
  revalidatePath("/dashboard");
}
