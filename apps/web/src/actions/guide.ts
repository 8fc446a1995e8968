"use server";

import { coreContext } from "@homeport/core/context";
import { createRecordingRule, DvrError, ZRecordingRuleInput } from "@homeport/core/dvr/recording-rules";
import { IdentityError } from "@homeport/core/identity/errors";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Recording from the guide: one airing, or its series. Core checks the account, the TV package and the channel's rights. */

export type GuideFormState = {
  status: "idle" | "error";
  error?: string;
  /** What was chosen, so the form shows it again after a refusal. */
  values?: Record<string, string>;
  attempt?: number;
};

/** The first field zod refused, as a message key. */
function invalidField(path: PropertyKey[]): string {
  switch (path[0]) {
    case "paddingBeforeMin":
    case "paddingAfterMin":
      return "PADDING_INVALID";
    case "keepLatest":
      return "KEEP_LATEST_INVALID";
    case "priority":
      return "PRIORITY_INVALID";
    case "profileId":
      return "PROFILE_NOT_FOUND";
    case "programId":
      return "PROGRAM_NOT_FOUND";
    default:
      return "INVALID";
  }
}

function valuesOf(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (typeof value === "string" && !name.startsWith("$")) values[name] = value;
  }
  return values;
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

async function record(
  previous: GuideFormState,
  formData: FormData,
  kind: "SINGLE" | "SERIES",
): Promise<GuideFormState> {
  const programId = text(formData, "programId") ?? "";
  const returnTo = `/tv/program/${encodeURIComponent(programId)}`;
  const user = await requireUser(returnTo);
  const fail = (error: string): GuideFormState => ({
    status: "error",
    error,
    values: valuesOf(formData),
    attempt: (previous.attempt ?? 0) + 1,
  });
  const keepLatest = text(formData, "keepLatest");
  const parsed = ZRecordingRuleInput.safeParse({
    kind,
    programId,
    profileId: text(formData, "profileId"),
    newOnly: formData.get("episodes") === "new",
    anyChannel: formData.get("channel") === "any",
    keepLatest: keepLatest === undefined || keepLatest === "all" ? null : keepLatest,
    keep: text(formData, "keep") ?? "SPACE_NEEDED",
    paddingBeforeMin: text(formData, "paddingBeforeMin") ?? 0,
    paddingAfterMin: text(formData, "paddingAfterMin") ?? 0,
    priority: text(formData, "priority"),
  });
  if (!parsed.success) return fail(invalidField(parsed.error.issues[0]?.path ?? []));
  try {
    await createRecordingRule(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
      parsed.data,
    );
  } catch (error) {
    if (error instanceof IdentityError) {
      if (error.code === "STEP_UP_REQUIRED") redirect(`/security/confirm?returnTo=${encodeURIComponent(returnTo)}`);
      return fail(error.code);
    }
    if (error instanceof DvrError) return fail(error.code);
    throw error;
  }
  revalidatePath("/tv", "layout");
  redirect("/tv/upcoming?added=1");
}

export async function recordAiringAction(previous: GuideFormState, formData: FormData): Promise<GuideFormState> {
  return record(previous, formData, "SINGLE");
}

export async function recordSeriesAction(previous: GuideFormState, formData: FormData): Promise<GuideFormState> {
  return record(previous, formData, "SERIES");
}
