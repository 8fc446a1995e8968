import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createProfile, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { toDbDate } from "../billing/calendar.ts";
import type { Actor } from "../identity/actor.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { getDvrPlan } from "./dvr-plan.ts";
import { runDvrRecorder } from "./record-job.ts";
import { createRecordingRule, DvrError, setAiringSkipped } from "./recording-rules.ts";
import {
  createFolder,
  deleteFolder,
  deleteRecordings,
  listRecordings,
  moveRecordings,
  protectRecording,
  renameFolder,
  storageSummary,
} from "./recordings.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `dvr-${name}-${tag}-${(sequence += 1)}`;
const NOW = new Date("2026-11-23T18:00:00Z");
const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const plans = { one: `dvr-one-${tag}`, small: `dvr-small-${tag}` };
const channel = { a: `dvr-a-${tag}`, b: `dvr-b-${tag}` };
const program: Record<string, string> = {};

afterAll(() => db.$disconnect());

beforeAll(async () => {
  ctx.setNow(NOW);
  await db.servicePlan.createMany({
    data: [
      { id: plans.one, kind: "TV", name: "One stream", monthlyCents: 5999, dvrHours: 50, dvrStreams: 1 },
      { id: plans.small, kind: "TV", name: "Small", monthlyCents: 5999, dvrHours: 3, dvrStreams: 2 },
    ],
  });
  const base = 80_000 + Math.floor(Math.random() * 9000);
  await db.channel.createMany({
    data: [
      { id: channel.a, number: base, name: "A", callSign: "A", category: "entertainment" },
      { id: channel.b, number: base + 1, name: "B", callSign: "B", category: "movies" },
    ],
  });
  await db.planChannel.createMany({
    data: [plans.one, plans.small].flatMap((planId) =>
      [channel.a, channel.b].map((channelId) => ({ planId, channelId })),
    ),
  });
  const airing = async (
    key: string,
    data: { channelId: string; startsIn: number; ref: string; series?: string; title: string; genre?: string },
  ) => {
    const row = await db.program.create({
      data: {
        channelId: data.channelId,
        programRef: `${data.ref}-${tag}`,
        seriesRef: data.series ? `${data.series}-${tag}` : null,
        title: data.title,
        genre: data.genre ?? null,
        startsAt: at(data.startsIn),
        endsAt: at(data.startsIn + 1),
        isNew: true,
      },
    });
    program[key] = row.id;
  };
  await airing("e1", {
    channelId: channel.a,
    startsIn: 1,
    ref: "EP1",
    series: "SH",
    title: "Harbor Lights",
    genre: "Drama",
  });
  await airing("e1-repeat", {
    channelId: channel.a,
    startsIn: 26,
    ref: "EP1",
    series: "SH",
    title: "Harbor Lights",
    genre: "Drama",
  });
  await airing("movie", { channelId: channel.b, startsIn: 1, ref: "MOV", title: "Night Train", genre: "Movie" });
});

async function household(planId: string) {
  const { account, owner, profile } = await createHousehold(db, {
    owner: { email: `${unique("o")}@example.com`, name: "Maria Lopez" },
  });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: 5999, startedOn: toDbDate("2025-01-01") },
  });
  const actor = householdActor(owner, account.id, "OWNER");
  return { account, owner, profile, actor };
}

const requestOf = (actor: Actor) => ({ actorUserId: actor.id, sessionId: actor.sessionId });

let recordingSeq = 0;
/** A finished recording in the library, `daysAgo` days ago, one hour long. */
function recorded(accountId: string, profileId: string, daysAgo: number, extra: Record<string, unknown> = {}) {
  recordingSeq += 1;
  const startsAt = new Date(NOW.getTime() - daysAgo * 24 * HOUR);
  return db.recording.create({
    data: {
      accountId,
      profileId,
      programRef: `OLD-${recordingSeq}-${tag}`,
      title: `Old show ${recordingSeq}`,
      channelId: channel.a,
      startsAt,
      endsAt: new Date(startsAt.getTime() + HOUR),
      status: "COMPLETED",
      ...extra,
    },
  });
}

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DvrError) return error.code;
    throw error;
  }
  return "OK";
}

describe("the DVR plan", () => {
  it("loads the TV plan's capacity and the airings the rules match, with rule and profile names", async () => {
    ctx.setNow(NOW);
    const { account, actor } = await household(plans.one);
    const series = await createRecordingRule(ctx, actor, requestOf(actor), {
      kind: "SERIES",
      programId: program.e1 as string,
    });
    const movie = await createRecordingRule(ctx, actor, requestOf(actor), {
      kind: "SINGLE",
      programId: program.movie as string,
    });
    const dvr = await getDvrPlan(ctx, account.id);
    expect(dvr.capacity).toEqual({ streams: 1, storageHours: 50 });
    expect(dvr.hasTv).toBe(true);
    expect(dvr.rules[series.id]).toMatchObject({ title: "Harbor Lights", profileName: "Maria", priority: 1 });
    expect(dvr.profiles.map((p) => p.name)).toEqual(["Maria"]);
    const byAiring = new Map(dvr.plan.items.map((item) => [item.airing.id, item]));
    expect(byAiring.get(program.e1 as string)?.status).toBe("WILL_RECORD");
    // One stream: the movie at the same time conflicts, and no other airing of it exists.
    const conflict = byAiring.get(program.movie as string);
    expect(conflict).toMatchObject({ ruleId: movie.id, status: "CONFLICT" });
    expect(conflict?.conflict?.reason).toBe("TOO_MANY_AT_ONCE");
    expect(conflict?.conflict?.blockingRuleIds).toEqual([series.id]);
  });
});

describe("the recorder", () => {
  it("starts what is due once, even with two workers, and completes it when the airing ends", async () => {
    ctx.setNow(NOW);
    const { account, profile, actor } = await household(plans.one);
    const rule = await createRecordingRule(ctx, actor, requestOf(actor), {
      kind: "SERIES",
      programId: program.e1 as string,
      paddingBeforeMin: 2,
    });
    await runDvrRecorder(ctx);
    ctx.setNow(new Date(at(1).getTime() - 3 * MINUTE));
    await runDvrRecorder(ctx);
    expect(await db.recording.count({ where: { accountId: account.id } })).toBe(0);

    ctx.setNow(new Date(at(1).getTime() - MINUTE));
    await Promise.all([runDvrRecorder(ctx), runDvrRecorder(ctx)]);
    const recordings = await db.recording.findMany({ where: { accountId: account.id } });
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatchObject({
      programId: program.e1,
      ruleId: rule.id,
      profileId: profile.id,
      status: "RECORDING",
      title: "Harbor Lights",
      genre: "Drama",
      // Within the padding: captured from the moment the recorder starts it.
      startsAt: new Date(at(1).getTime() - MINUTE),
      endsAt: at(2),
    });
    const dvr = await getDvrPlan(ctx, account.id);
    expect(dvr.plan.items.find((item) => item.airing.id === program.e1)?.status).toBe("RECORDING");

    ctx.setNow(at(2.5));
    await runDvrRecorder(ctx);
    expect(await db.recording.findFirstOrThrow({ where: { accountId: account.id } })).toMatchObject({
      status: "COMPLETED",
    });
    // The repeat of the same episode is a duplicate now, and is not recorded again.
    ctx.setNow(at(26.2));
    await runDvrRecorder(ctx);
    expect(await db.recording.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("skips one airing of a series and takes it back; deleting a recording in progress stops it for good", async () => {
    ctx.setNow(NOW);
    const { account, actor } = await household(plans.one);
    const request = requestOf(actor);
    const rule = await createRecordingRule(ctx, actor, request, { kind: "SERIES", programId: program.e1 as string });
    const statusOf = async (key: string) =>
      (await getDvrPlan(ctx, account.id)).plan.items.find((item) => item.airing.id === program[key])?.status;
    expect(await statusOf("e1")).toBe("WILL_RECORD");

    const skip = { ruleId: rule.id, programId: program.e1 as string, skipped: true };
    const [first, second] = await Promise.all([
      setAiringSkipped(ctx, actor, request, skip),
      setAiringSkipped(ctx, actor, request, skip),
    ]);
    expect([first.changed, second.changed].sort()).toEqual([false, true]);
    expect((await db.recordingRule.findUniqueOrThrow({ where: { id: rule.id } })).skippedProgramIds).toEqual([
      program.e1,
    ]);
    // The episode's repeat records instead.
    expect(await statusOf("e1")).toBe("SKIPPED");
    expect(await statusOf("e1-repeat")).toBe("WILL_RECORD");
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "dvr.airing.skipped", target: rule.id } }),
    ).toBe(1);

    await setAiringSkipped(ctx, actor, request, { ...skip, skipped: false });
    expect(await statusOf("e1")).toBe("WILL_RECORD");

    // Not the rule's airing, not the account's rule, not an id.
    expect(await codeOf(setAiringSkipped(ctx, actor, request, { ...skip, programId: program.movie as string }))).toBe(
      "PROGRAM_NOT_FOUND",
    );
    const other = await household(plans.one);
    expect(await codeOf(setAiringSkipped(ctx, other.actor, requestOf(other.actor), skip))).toBe("RULE_NOT_FOUND");
    await expect(setAiringSkipped(ctx, actor, request, { ...skip, programId: "nope" })).rejects.toThrow();

    ctx.setNow(new Date(at(1).getTime() + 10 * MINUTE));
    await runDvrRecorder(ctx);
    const started = await db.recording.findFirstOrThrow({ where: { accountId: account.id, status: "RECORDING" } });
    await deleteRecordings(ctx, actor, request, [started.id]);
    await runDvrRecorder(ctx);
    expect(await db.recording.count({ where: { accountId: account.id } })).toBe(0);
    expect(await statusOf("e1")).toBe("SKIPPED");
  });

  it("deletes what the plan needs for room: the oldest kept until space is needed, never a protected one", async () => {
    ctx.setNow(NOW);
    const { account, profile, actor } = await household(plans.small);
    const oldest = await recorded(account.id, profile.id, 9, { protected: true });
    const older = await recorded(account.id, profile.id, 8);
    const kept = await recorded(account.id, profile.id, 7, { keep: "UNTIL_DELETED" });
    await createRecordingRule(ctx, actor, requestOf(actor), { kind: "SINGLE", programId: program.movie as string });

    const summary = await storageSummary(ctx, account.id);
    expect(summary).toMatchObject({ usedHours: 3, capacityHours: 3, hasTv: true });
    expect(summary.autoDelete.map((r) => r.id)).toEqual([older.id]);
    expect(summary.nextToDelete?.id).toBe(older.id);

    ctx.setNow(new Date(at(1).getTime() + MINUTE));
    await runDvrRecorder(ctx);
    const left = await db.recording.findMany({ where: { accountId: account.id }, orderBy: { startsAt: "asc" } });
    expect(left.map((r) => r.id)).toEqual([oldest.id, kept.id, left[2]?.id]);
    expect(left[2]).toMatchObject({ programId: program.movie, status: "RECORDING" });
  });
});

describe("the library", () => {
  it("groups by series, profile or genre, filters by folder and sorts", async () => {
    ctx.setNow(NOW);
    const { account, profile } = await household(plans.one);
    const member = await createUser(db, { email: `${unique("m")}@example.com`, name: "Leo Lopez" });
    await addMember(db, account.id, member.id, "MEMBER");
    const leo = await createProfile(db, account.id, "Leo", { userId: member.id });
    const a1 = await recorded(account.id, profile.id, 3, {
      title: "Harbor Lights",
      seriesRef: "SH",
      episode: 2,
      genre: "Drama",
    });
    const a2 = await recorded(account.id, profile.id, 5, {
      title: "Harbor Lights",
      seriesRef: "SH",
      episode: 1,
      genre: "Drama",
    });
    const b1 = await recorded(account.id, leo.id, 1, { title: "Cartoon Hour", genre: "Kids" });
    const c1 = await recorded(account.id, leo.id, 2, { title: "Evening News" });

    const bySeries = await listRecordings(ctx, account.id, { groupBy: "series", sort: "newest" });
    expect(bySeries.total).toBe(4);
    expect(bySeries.groups.map((g) => [g.label, g.recordings.map((r) => r.id)])).toEqual([
      ["Cartoon Hour", [b1.id]],
      ["Evening News", [c1.id]],
      ["Harbor Lights", [a1.id, a2.id]],
    ]);
    const byTitle = await listRecordings(ctx, account.id, { groupBy: "series", sort: "title" });
    expect(byTitle.groups.at(-1)?.recordings.map((r) => r.id)).toEqual([a2.id, a1.id]);
    const byProfile = await listRecordings(ctx, account.id, { groupBy: "profile", sort: "oldest" });
    expect(byProfile.groups.map((g) => [g.label, g.recordings.map((r) => r.id)])).toEqual([
      ["Leo", [c1.id, b1.id]],
      ["Maria", [a2.id, a1.id]],
    ]);
    const byGenre = await listRecordings(ctx, account.id, { groupBy: "genre", sort: "newest" });
    expect(byGenre.groups.map((g) => g.label)).toEqual(["Drama", "Kids", null]);
    expect(byGenre.groups[0]?.recordings[0]?.hours).toBe(1);
  });

  it("protects, deletes one or many of the account's own, and keeps folders, audited", async () => {
    ctx.setNow(NOW);
    const { account, profile, actor } = await household(plans.one);
    const request = requestOf(actor);
    const [r1, r2, r3] = await Promise.all([1, 2, 3].map((d) => recorded(account.id, profile.id, d)));
    const stranger = await household(plans.one);
    const theirs = await recorded(stranger.account.id, stranger.profile.id, 1);

    await protectRecording(ctx, actor, request, { recordingId: r1!.id, protected: true });
    expect((await db.recording.findUniqueOrThrow({ where: { id: r1!.id } })).protected).toBe(true);
    expect(await codeOf(protectRecording(ctx, actor, request, { recordingId: theirs.id, protected: true }))).toBe(
      "RECORDING_NOT_FOUND",
    );

    const folder = await createFolder(ctx, actor, request, { name: "Favorites" });
    expect(await codeOf(createFolder(ctx, actor, request, { name: "Favorites" }))).toBe("FOLDER_EXISTS");
    await renameFolder(ctx, actor, request, { folderId: folder.id, name: "Keepers" });
    expect(
      await codeOf(renameFolder(ctx, stranger.actor, requestOf(stranger.actor), { folderId: folder.id, name: "x" })),
    ).toBe("FOLDER_NOT_FOUND");
    expect(
      await moveRecordings(ctx, actor, request, { ids: [r1!.id, r2!.id, theirs.id], folderId: folder.id }),
    ).toEqual({
      moved: 2,
    });
    const inFolder = await listRecordings(ctx, account.id, { folderId: folder.id });
    expect(inFolder.total).toBe(2);
    expect(inFolder.folders).toMatchObject([{ name: "Keepers", _count: { recordings: 2 } }]);
    expect((await listRecordings(ctx, account.id, { folderId: "none" })).total).toBe(1);

    expect(await deleteRecordings(ctx, actor, request, [r2!.id, r3!.id, theirs.id])).toEqual({ deleted: 2 });
    expect(await db.recording.count({ where: { id: theirs.id } })).toBe(1);
    expect(await codeOf(deleteRecordings(ctx, actor, request, [r2!.id]))).toBe("RECORDING_NOT_FOUND");

    await deleteFolder(ctx, actor, request, { folderId: folder.id });
    expect((await db.recording.findUniqueOrThrow({ where: { id: r1!.id } })).folderId).toBeNull();

    const actions = (await db.auditEvent.findMany({ where: { accountId: account.id }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(
      [
        "dvr.folder.created",
        "dvr.folder.deleted",
        "dvr.folder.renamed",
        "dvr.recording.deleted",
        "dvr.recording.moved",
        "dvr.recording.protected",
      ].sort(),
    );
  });
});
