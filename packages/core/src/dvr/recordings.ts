import type { DbTx, Recording } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { getDvrPlan } from "./dvr-plan.ts";
import { DvrError, requireDvrMember } from "./recording-rules.ts";

type Ctx = Pick<CoreContext, "db" | "now">;

export const RECORDING_GROUPS = ["series", "profile", "genre"] as const;
export const RECORDING_SORTS = ["newest", "oldest", "title"] as const;

export const ZListRecordings = z.object({
  groupBy: z.enum(RECORDING_GROUPS).catch("series"),
  /** Only this folder's recordings; "none" for those in no folder. */
  folderId: z
    .union([z.uuid(), z.literal("none")])
    .optional()
    .catch(undefined),
  sort: z.enum(RECORDING_SORTS).catch("newest"),
});
export type ListRecordingsOptions = Partial<z.input<typeof ZListRecordings>>;

export const ZRecordingIds = z.object({ ids: z.array(z.uuid()).min(1).max(500) });
export const ZProtectRecording = z.object({ recordingId: z.uuid(), protected: z.boolean() });
export const ZFolderName = z.string().trim().min(1).max(60);
export const ZCreateFolder = z.object({ name: ZFolderName });
export const ZRenameFolder = z.object({ folderId: z.uuid(), name: ZFolderName });
export const ZFolderId = z.object({ folderId: z.uuid() });
export const ZMoveRecordings = z.object({ ids: z.array(z.uuid()).min(1).max(500), folderId: z.uuid().nullable() });

export type LibraryItem = Recording & { profileName: string | null; hours: number };

export interface RecordingGroup {
  /** seriesRef or title, profile id, or genre; null for "no genre". */
  key: string | null;
  label: string | null;
  recordings: LibraryItem[];
}

const hoursOf = (r: { startsAt: Date; endsAt: Date }) =>
  Math.max(0, r.endsAt.getTime() - r.startsAt.getTime()) / 3_600_000;

function compare(sort: (typeof RECORDING_SORTS)[number]) {
  return (a: LibraryItem, b: LibraryItem) => {
    if (sort === "title") {
      return (
        a.title.localeCompare(b.title) ||
        (a.season ?? 0) - (b.season ?? 0) ||
        (a.episode ?? 0) - (b.episode ?? 0) ||
        a.startsAt.getTime() - b.startsAt.getTime()
      );
    }
    const byTime = a.startsAt.getTime() - b.startsAt.getTime();
    return sort === "oldest" ? byTime : -byTime;
  };
}

/** The library, grouped by series, profile or genre, each group and its recordings in the chosen order. */
export async function listRecordings(ctx: Ctx, accountId: string, options: ListRecordingsOptions = {}) {
  const { groupBy, folderId, sort } = ZListRecordings.parse(options);
  const [rows, profiles, folders] = await Promise.all([
    ctx.db.recording.findMany({
      where: { accountId, ...(folderId === "none" ? { folderId: null } : folderId ? { folderId } : {}) },
    }),
    ctx.db.profile.findMany({ where: { accountId }, select: { id: true, name: true } }),
    listFolders(ctx.db, accountId),
  ]);
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  const items: LibraryItem[] = rows
    .map((r) => ({ ...r, profileName: names.get(r.profileId) ?? null, hours: hoursOf(r) }))
    .sort(compare(sort));
  const groups = new Map<string, RecordingGroup>();
  for (const item of items) {
    const [key, label] =
      groupBy === "series"
        ? [item.seriesRef ?? `title:${item.title}`, item.title]
        : groupBy === "profile"
          ? [item.profileId, item.profileName]
          : [item.genre, item.genre];
    const mapKey = key ?? "";
    const group = groups.get(mapKey) ?? { key, label, recordings: [] };
    group.recordings.push(item);
    groups.set(mapKey, group);
  }
  // Groups follow their first recording in the chosen order ("title" sorts groups by name).
  const ordered = [...groups.values()];
  if (sort === "title" || groupBy !== "series") {
    ordered.sort((a, b) => (a.label === null ? 1 : b.label === null ? -1 : a.label.localeCompare(b.label)));
  }
  return { groups: ordered, folders, total: items.length };
}

export function listFolders(db: DbTx, accountId: string) {
  return db.dvrFolder.findMany({
    where: { accountId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { recordings: true } } },
  });
}

/** Storage used now and by the plan, against the TV plan's hours, and what goes first when space runs out. */
export async function storageSummary(ctx: Ctx, accountId: string) {
  const [dvr, recordings] = await Promise.all([
    getDvrPlan(ctx, accountId),
    ctx.db.recording.findMany({
      where: { accountId },
      select: {
        id: true,
        title: true,
        subtitle: true,
        startsAt: true,
        endsAt: true,
        status: true,
        protected: true,
        keep: true,
      },
      orderBy: { startsAt: "asc" },
    }),
  ]);
  const usedHours = recordings.filter((r) => r.status !== "FAILED").reduce((sum, r) => sum + hoursOf(r), 0);
  const byId = new Map(recordings.map((r) => [r.id, r]));
  const autoDelete = dvr.plan.autoDelete.flatMap((id) => byId.get(id) ?? []);
  // Even when nothing has to go yet: the oldest recording kept "until space is needed".
  const candidate =
    recordings.find((r) => r.status === "COMPLETED" && !r.protected && r.keep === "SPACE_NEEDED") ?? null;
  return {
    usedHours,
    plannedHours: dvr.plan.storageUsedHours,
    capacityHours: dvr.capacity.storageHours,
    hasTv: dvr.hasTv,
    /** Will be deleted to make room for what the plan records. */
    autoDelete,
    /** Next to go when space is needed. */
    nextToDelete: autoDelete[0] ?? candidate,
  };
}

/** A protected recording is never deleted to make room. */
export async function protectRecording(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: { recordingId: string; protected: boolean },
) {
  const data = ZProtectRecording.parse(input);
  const accountId = requireDvrMember(actor);
  const { count } = await ctx.db.recording.updateMany({
    where: { id: data.recordingId, accountId },
    data: { protected: data.protected },
  });
  if (count === 0) throw new DvrError("RECORDING_NOT_FOUND");
  await recordAuditEvent(ctx.db, request, {
    action: data.protected ? "dvr.recording.protected" : "dvr.recording.unprotected",
    outcome: "SUCCESS",
    accountId,
    target: data.recordingId,
  });
}

/** Deletes one or many of the account's recordings; ids of other accounts are not found. */
export async function deleteRecordings(ctx: Ctx, actor: Actor, request: RequestContext, ids: string[]) {
  const data = ZRecordingIds.parse({ ids });
  const accountId = requireDvrMember(actor);
  return ctx.db.$transaction(async (tx) => {
    const found = await tx.recording.findMany({
      where: { accountId, id: { in: data.ids } },
      select: { id: true, title: true, status: true, ruleId: true, programId: true },
    });
    if (found.length === 0) throw new DvrError("RECORDING_NOT_FOUND");
    // A repeated request (double submit) finds fewer, and deletes only what is still there.
    const { count } = await tx.recording.deleteMany({ where: { accountId, id: { in: found.map((r) => r.id) } } });
    // Deleting a recording in progress stops it: its rule skips that airing, or the recorder would start it again.
    for (const stopped of found) {
      if (stopped.status !== "RECORDING" || !stopped.ruleId || !stopped.programId) continue;
      const rule = await tx.recordingRule.findFirst({
        where: { id: stopped.ruleId, accountId },
        select: { skippedProgramIds: true },
      });
      if (!rule || rule.skippedProgramIds.includes(stopped.programId)) continue;
      await tx.recordingRule.update({
        where: { id: stopped.ruleId },
        data: { skippedProgramIds: { push: stopped.programId } },
      });
    }
    await recordAuditEvent(tx, request, {
      action: "dvr.recording.deleted",
      outcome: "SUCCESS",
      accountId,
      details: { ids: found.map((r) => r.id), count },
    });
    return { deleted: count };
  });
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string } | null)?.code === "P2002";
}

export async function createFolder(ctx: Ctx, actor: Actor, request: RequestContext, input: { name: string }) {
  const { name } = ZCreateFolder.parse(input);
  const accountId = requireDvrMember(actor);
  try {
    return await ctx.db.$transaction(async (tx) => {
      const folder = await tx.dvrFolder.create({ data: { accountId, name } });
      await recordAuditEvent(tx, request, {
        action: "dvr.folder.created",
        outcome: "SUCCESS",
        accountId,
        target: folder.id,
        details: { name },
      });
      return folder;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DvrError("FOLDER_EXISTS");
    throw error;
  }
}

export async function renameFolder(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: { folderId: string; name: string },
) {
  const { folderId, name } = ZRenameFolder.parse(input);
  const accountId = requireDvrMember(actor);
  try {
    const { count } = await ctx.db.dvrFolder.updateMany({ where: { id: folderId, accountId }, data: { name } });
    if (count === 0) throw new DvrError("FOLDER_NOT_FOUND");
  } catch (error) {
    if (isUniqueViolation(error)) throw new DvrError("FOLDER_EXISTS");
    throw error;
  }
  await recordAuditEvent(ctx.db, request, {
    action: "dvr.folder.renamed",
    outcome: "SUCCESS",
    accountId,
    target: folderId,
    details: { name },
  });
}

/** Deletes a folder; its recordings stay in the library, in no folder. */
export async function deleteFolder(ctx: Ctx, actor: Actor, request: RequestContext, input: { folderId: string }) {
  const { folderId } = ZFolderId.parse(input);
  const accountId = requireDvrMember(actor);
  const { count } = await ctx.db.dvrFolder.deleteMany({ where: { id: folderId, accountId } });
  if (count === 0) throw new DvrError("FOLDER_NOT_FOUND");
  await recordAuditEvent(ctx.db, request, {
    action: "dvr.folder.deleted",
    outcome: "SUCCESS",
    accountId,
    target: folderId,
  });
}

/** Moves recordings into a folder (or out of any, with null). */
export async function moveRecordings(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: { ids: string[]; folderId: string | null },
) {
  const data = ZMoveRecordings.parse(input);
  const accountId = requireDvrMember(actor);
  return ctx.db.$transaction(async (tx) => {
    if (data.folderId) {
      const folder = await tx.dvrFolder.findFirst({ where: { id: data.folderId, accountId }, select: { id: true } });
      if (!folder) throw new DvrError("FOLDER_NOT_FOUND");
    }
    const { count } = await tx.recording.updateMany({
      where: { accountId, id: { in: data.ids } },
      data: { folderId: data.folderId },
    });
    if (count === 0) throw new DvrError("RECORDING_NOT_FOUND");
    await recordAuditEvent(tx, request, {
      action: "dvr.recording.moved",
      outcome: "SUCCESS",
      accountId,
      target: data.folderId,
      details: { ids: data.ids, count },
    });
    return { moved: count };
  });
}
