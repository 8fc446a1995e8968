"use server";

import { coreContext } from "@homeport/core/context";
import {
  createRecordingRule,
  deleteRecordingRule,
  DvrError,
  listRecordingRules,
  reorderRecordingRules,
  setAiringSkipped,
  updateRecordingRule,
  ZRecordingRuleInput,
  ZRecordingRuleUpdate,
} from "@homeport/core/dvr/recording-rules";
import {
  createFolder,
  deleteFolder,
  deleteRecordings,
  moveRecordings,
  protectRecording,
  renameFolder,
} from "@homeport/core/dvr/recordings";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser, safeReturnPath } from "@/lib/session";

/**
 * Cloud DVR: recording rules (upcoming, series manager, the guide's record buttons) and the
 * recordings library. Core checks the household and the account's TV plan; these only parse the
 * form, call one use case and put a refusal into a message key (dvr.errors.<code>).
 */

export type DvrFormState = { status: "idle" | "error" | "done"; error?: string; attempt?: number };

const TV_PATHS = ["/tv", "/tv/upcoming", "/tv/series", "/tv/recordings", "/dashboard"];

function revalidateTv() {
  for (const path of TV_PATHS) revalidatePath(path);
}

async function session(returnTo: string) {
  const user = await requireUser(returnTo);
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  return { user, request, ctx: coreContext() };
}

function failed(previous: DvrFormState, error: string): DvrFormState {
  return { status: "error", error, attempt: (previous.attempt ?? 0) + 1 };
}

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The rule options as the edit form and the record buttons send them. */
function ruleOptions(formData: FormData) {
  const keepLatest = text(formData, "keepLatest");
  return {
    newOnly: formData.get("newOnly") === "on",
    anyChannel: formData.get("anyChannel") === "on",
    keepLatest: keepLatest === undefined || keepLatest === "all" ? null : keepLatest,
    keep: text(formData, "keep") ?? "SPACE_NEEDED",
    paddingBeforeMin: text(formData, "paddingBeforeMin") ?? 0,
    paddingAfterMin: text(formData, "paddingAfterMin") ?? 0,
    priority: text(formData, "priority"),
    profileId: text(formData, "profileId"),
  };
}

/** Record an airing (kind SINGLE) or its series (kind SERIES). A second identical rule is refused. */
export async function createRuleAction(previous: DvrFormState, formData: FormData): Promise<DvrFormState> {
  const returnTo = safeReturnPath(text(formData, "returnTo"), "/tv/upcoming");
  const { user, request, ctx } = await session(returnTo);
  const parsed = ZRecordingRuleInput.safeParse({
    kind: text(formData, "kind"),
    programId: text(formData, "programId"),
    ...ruleOptions(formData),
  });
  if (!parsed.success) return failed(previous, "INVALID");
  try {
    await createRecordingRule(ctx, user, request, parsed.data);
  } catch (error) {
    if (error instanceof DvrError) return failed(previous, error.code);
    throw error;
  }
  revalidateTv();
  return { status: "done", attempt: (previous.attempt ?? 0) + 1 };
}

/** The series manager's edit form: saves and goes back to the list. */
export async function updateRuleAction(previous: DvrFormState, formData: FormData): Promise<DvrFormState> {
  const { user, request, ctx } = await session("/tv/series");
  const parsed = ZRecordingRuleUpdate.safeParse({ ruleId: text(formData, "ruleId"), ...ruleOptions(formData) });
  if (!parsed.success) return failed(previous, "INVALID");
  try {
    await updateRecordingRule(ctx, user, request, parsed.data);
  } catch (error) {
    if (error instanceof DvrError) return failed(previous, error.code);
    throw error;
  }
  revalidateTv();
  redirect("/tv/series?saved=1");
}

/** Stops a rule (from the series manager, or "don't record" on a conflicting airing). */
export async function deleteRuleAction(formData: FormData): Promise<void> {
  const ruleId = text(formData, "ruleId") ?? "";
  const returnTo = safeReturnPath(text(formData, "returnTo"), "/tv/series");
  const { user, request, ctx } = await session(returnTo);
  try {
    await deleteRecordingRule(ctx, user, request, { ruleId });
  } catch (error) {
    // Already gone (a double submit, or another device): the list shows the truth.
    if (!(error instanceof DvrError) && !(error instanceof Error && error.name === "ZodError")) throw error;
  }
  revalidateTv();
  redirect(returnTo);
}

/** Skips one airing of a rule, or records it after all ("skip" = "false"). */
export async function skipAiringAction(formData: FormData): Promise<void> {
  const ruleId = text(formData, "ruleId") ?? "";
  const programId = text(formData, "programId") ?? "";
  const skipped = text(formData, "skip") !== "false";
  const returnTo = safeReturnPath(text(formData, "returnTo"), "/tv/upcoming");
  const { user, request, ctx } = await session(returnTo);
  try {
    await setAiringSkipped(ctx, user, request, { ruleId, programId, skipped });
  } catch (error) {
    // The rule or the airing is gone (another device, the guide moved on): the list shows the truth.
    if (!(error instanceof DvrError) && !(error instanceof Error && error.name === "ZodError")) throw error;
  }
  revalidateTv();
  redirect(returnTo);
}

/** Moves a rule one place up or down in the priority order. */
export async function moveRuleAction(formData: FormData): Promise<void> {
  const ruleId = text(formData, "ruleId");
  const direction = text(formData, "direction") === "up" ? -1 : 1;
  const { user, request, ctx } = await session("/tv/series");
  if (user.accountId && ruleId) {
    const { rules } = await listRecordingRules(ctx.db, user.accountId);
    const ids = rules.map((r) => r.id);
    const from = ids.indexOf(ruleId);
    const to = from + direction;
    if (from >= 0 && to >= 0 && to < ids.length) {
      [ids[from], ids[to]] = [ids[to] as string, ids[from] as string];
      try {
        await reorderRecordingRules(ctx, user, request, ids);
      } catch (error) {
        // RULES_CHANGED: the list changed meanwhile; show it again as it is.
        if (!(error instanceof DvrError)) throw error;
      }
    }
  }
  revalidateTv();
  redirect(`/tv/series?moved=${ruleId ?? ""}`);
}

export async function protectRecordingAction(formData: FormData): Promise<void> {
  const { user, request, ctx } = await session("/tv/recordings");
  try {
    await protectRecording(ctx, user, request, {
      recordingId: text(formData, "recordingId") ?? "",
      protected: formData.get("protected") === "true",
    });
  } catch (error) {
    // Not theirs, gone, or not a recording id at all: the library simply shows what is there.
    if (!(error instanceof DvrError) && (error as { name?: string } | null)?.name !== "ZodError") throw error;
  }
  revalidatePath("/tv/recordings");
}

/** Deletes the selected recordings (ids as several "ids" fields or one comma-separated). */
function idsOf(formData: FormData) {
  return formData
    .getAll("ids")
    .flatMap((value) => (typeof value === "string" ? value.split(",") : []))
    .map((id) => id.trim())
    .filter(Boolean);
}

export async function deleteRecordingsAction(formData: FormData): Promise<void> {
  const returnTo = safeReturnPath(text(formData, "returnTo"), "/tv/recordings");
  const { user, request, ctx } = await session(returnTo);
  const ids = idsOf(formData);
  let deleted = 0;
  if (ids.length > 0) {
    try {
      deleted = (await deleteRecordings(ctx, user, request, ids)).deleted;
    } catch (error) {
      if (!(error instanceof DvrError) && !(error instanceof Error && error.name === "ZodError")) throw error;
    }
  }
  revalidateTv();
  redirect(`${returnTo}${returnTo.includes("?") ? "&" : "?"}deleted=${deleted}`);
}

export async function createFolderAction(previous: DvrFormState, formData: FormData): Promise<DvrFormState> {
  const { user, request, ctx } = await session("/tv/recordings");
  try {
    await createFolder(ctx, user, request, { name: String(formData.get("name") ?? "") });
  } catch (error) {
    if (error instanceof DvrError) return failed(previous, error.code);
    if (error instanceof Error && error.name === "ZodError") return failed(previous, "FOLDER_NAME");
    throw error;
  }
  revalidatePath("/tv/recordings");
  return { status: "done", attempt: (previous.attempt ?? 0) + 1 };
}

export async function renameFolderAction(previous: DvrFormState, formData: FormData): Promise<DvrFormState> {
  const { user, request, ctx } = await session("/tv/recordings");
  try {
    await renameFolder(ctx, user, request, {
      folderId: text(formData, "folderId") ?? "",
      name: String(formData.get("name") ?? ""),
    });
  } catch (error) {
    if (error instanceof DvrError) return failed(previous, error.code);
    if (error instanceof Error && error.name === "ZodError") return failed(previous, "FOLDER_NAME");
    throw error;
  }
  revalidatePath("/tv/recordings");
  return { status: "done", attempt: (previous.attempt ?? 0) + 1 };
}

export async function deleteFolderAction(formData: FormData): Promise<void> {
  const { user, request, ctx } = await session("/tv/recordings");
  try {
    await deleteFolder(ctx, user, request, { folderId: text(formData, "folderId") ?? "" });
  } catch (error) {
    if (!(error instanceof DvrError) && !(error instanceof Error && error.name === "ZodError")) throw error;
  }
  revalidatePath("/tv/recordings");
  redirect("/tv/recordings");
}

/** Moves the selected recordings into a folder ("none" takes them out of any). */
export async function moveRecordingsAction(previous: DvrFormState, formData: FormData): Promise<DvrFormState> {
  const { user, request, ctx } = await session("/tv/recordings");
  const folder = text(formData, "folderId");
  try {
    await moveRecordings(ctx, user, request, {
      ids: idsOf(formData),
      folderId: folder === undefined || folder === "none" ? null : folder,
    });
  } catch (error) {
    if (error instanceof DvrError) return failed(previous, error.code);
    if (error instanceof Error && error.name === "ZodError") return failed(previous, "NOTHING_SELECTED");
    throw error;
  }
  revalidatePath("/tv/recordings");
  return { status: "done", attempt: (previous.attempt ?? 0) + 1 };
}
