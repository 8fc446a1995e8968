import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createProfile, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { toDbDate } from "../billing/calendar.ts";
import type { Actor } from "../identity/actor.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import {
  createRecordingRule,
  deleteRecordingRule,
  DvrError,
  listRecordingRules,
  reorderRecordingRules,
  updateRecordingRule,
} from "./recording-rules.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `rules-${name}-${tag}-${(sequence += 1)}`;
const NOW = new Date("2026-11-23T18:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const tvPlan = `rules-tv-${tag}`;
const channel = { open: `rules-open-${tag}`, other: `rules-other-${tag}`, locked: `rules-locked-${tag}` };
const program: Record<string, string> = {};

afterAll(() => db.$disconnect());

beforeAll(async () => {
  ctx.setNow(NOW);
  await db.servicePlan.create({
    data: { id: tvPlan, kind: "TV", name: "TV", monthlyCents: 5999, dvrHours: 10, dvrStreams: 2 },
  });
  const base = 70_000 + Math.floor(Math.random() * 9000);
  await db.channel.createMany({
    data: [
      { id: channel.open, number: base, name: "Open", callSign: "OPN", category: "entertainment" },
      { id: channel.other, number: base + 1, name: "Other", callSign: "OTH", category: "entertainment" },
      { id: channel.locked, number: base + 2, name: "Locked", callSign: "LCK", category: "sports", recordable: false },
    ],
  });
  await db.planChannel.createMany({
    data: [channel.open, channel.other, channel.locked].map((channelId) => ({ planId: tvPlan, channelId })),
  });
  const airing = async (key: string, channelId: string, startsIn: number, extra: object = {}) => {
    const row = await db.program.create({
      data: {
        channelId,
        programRef: `EP-${key}-${tag}`,
        seriesRef: `SH-harbor-${tag}`,
        title: `Harbor Lights ${tag}`,
        startsAt: at(startsIn),
        endsAt: at(startsIn + 1),
        ...extra,
      },
    });
    program[key] = row.id;
  };
  await airing("e1", channel.open, 1, { isNew: true });
  await airing("e1-repeat", channel.other, 25);
  await airing("game", channel.locked, 2, { programRef: `GAME-${tag}`, seriesRef: null, title: `Big Game ${tag}` });
  await airing("movie", channel.open, 3, { programRef: `MOV-${tag}`, seriesRef: null, title: `Movie ${tag}` });
  await airing("news", channel.other, 4, { programRef: `NEWS-${tag}`, seriesRef: null, title: `News ${tag}` });
});

async function household(options: { tv?: boolean } = {}) {
  const { account, owner, profile } = await createHousehold(db, {
    owner: { email: `${unique("o")}@example.com`, name: "Maria Lopez" },
  });
  if (options.tv !== false) {
    await db.subscription.create({
      data: { accountId: account.id, planId: tvPlan, priceCents: 5999, startedOn: toDbDate("2025-01-01") },
    });
  }
  const actor = householdActor(owner, account.id, "OWNER");
  return { account, owner, profile, actor };
}

const requestOf = (actor: Actor) => ({ actorUserId: actor.id, sessionId: actor.sessionId });

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DvrError) return error.code;
    throw error;
  }
  return "OK";
}

describe("recording rules", () => {
  it("creates a series rule from any airing, on its channel, for the actor's own profile, audited", async () => {
    const { account, profile, actor } = await household();
    const rule = await createRecordingRule(ctx, actor, requestOf(actor), {
      kind: "SERIES",
      programId: program["e1-repeat"] as string,
      newOnly: true,
      keepLatest: 5,
      paddingAfterMin: 10,
    });
    expect(rule).toMatchObject({
      kind: "SERIES",
      programId: null,
      seriesRef: `SH-harbor-${tag}`,
      title: `Harbor Lights ${tag}`,
      channelId: channel.other,
      newOnly: true,
      keepLatest: 5,
      keep: "SPACE_NEEDED",
      paddingBeforeMin: 0,
      paddingAfterMin: 10,
      priority: 1,
      profileId: profile.id,
    });
    const any = await createRecordingRule(ctx, actor, requestOf(actor), {
      kind: "SERIES",
      programId: program.e1 as string,
      anyChannel: true,
    });
    expect(any).toMatchObject({ channelId: null, priority: 2 });
    const audit = await db.auditEvent.findMany({ where: { accountId: account.id, action: "dvr.rule.created" } });
    expect(audit).toHaveLength(2);
  });

  it("refuses a second identical rule, and a double submit makes one", async () => {
    const { account, actor } = await household();
    const input = { kind: "SINGLE" as const, programId: program.movie as string };
    const results = await Promise.allSettled([
      createRecordingRule(ctx, actor, requestOf(actor), input),
      createRecordingRule(ctx, actor, requestOf(actor), input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(DvrError);
    expect((rejected as PromiseRejectedResult).reason.code).toBe("RULE_EXISTS");
    expect(await db.recordingRule.count({ where: { accountId: account.id } })).toBe(1);
    expect(await codeOf(createRecordingRule(ctx, actor, requestOf(actor), input))).toBe("RULE_EXISTS");
  });

  it("refuses airings on channels the network does not let us record, and households without TV", async () => {
    const { actor } = await household();
    expect(
      await codeOf(
        createRecordingRule(ctx, actor, requestOf(actor), { kind: "SINGLE", programId: program.game as string }),
      ),
    ).toBe("NOT_ALLOWED");
    const noTv = await household({ tv: false });
    expect(
      await codeOf(
        createRecordingRule(ctx, noTv.actor, requestOf(noTv.actor), {
          kind: "SINGLE",
          programId: program.movie as string,
        }),
      ),
    ).toBe("NO_TV_SERVICE");
  });

  it("lets a member record for their own profile, not for another household's", async () => {
    const { account } = await household();
    const member = await createUser(db, { email: `${unique("m")}@example.com`, name: "Leo Lopez" });
    await addMember(db, account.id, member.id, "MEMBER");
    const leo = await createProfile(db, account.id, "Leo", { userId: member.id });
    const memberActor = householdActor(member, account.id, "MEMBER");
    const rule = await createRecordingRule(ctx, memberActor, requestOf(memberActor), {
      kind: "SINGLE",
      programId: program.news as string,
    });
    expect(rule.profileId).toBe(leo.id);

    const stranger = await household();
    expect(
      await codeOf(
        createRecordingRule(ctx, memberActor, requestOf(memberActor), {
          kind: "SINGLE",
          programId: program.movie as string,
          profileId: stranger.profile.id,
        }),
      ),
    ).toBe("PROFILE_NOT_FOUND");
    expect(await codeOf(deleteRecordingRule(ctx, stranger.actor, requestOf(stranger.actor), { ruleId: rule.id }))).toBe(
      "RULE_NOT_FOUND",
    );
    expect(
      await codeOf(
        updateRecordingRule(ctx, stranger.actor, requestOf(stranger.actor), { ruleId: rule.id, paddingAfterMin: 5 }),
      ),
    ).toBe("RULE_NOT_FOUND");
  });

  it("validates the options", async () => {
    const { actor } = await household();
    const bad = [{ keepLatest: 0 }, { keepLatest: 51 }, { paddingBeforeMin: 31 }, { paddingAfterMin: -1 }];
    for (const options of bad) {
      await expect(
        createRecordingRule(ctx, actor, requestOf(actor), {
          kind: "SERIES",
          programId: program.e1 as string,
          ...options,
        }),
      ).rejects.toThrow();
    }
  });

  it("updates, reorders and deletes, keeping priorities 1..n, each change audited", async () => {
    const { account, actor } = await household();
    const request = requestOf(actor);
    const series = await createRecordingRule(ctx, actor, request, { kind: "SERIES", programId: program.e1 as string });
    const movie = await createRecordingRule(ctx, actor, request, {
      kind: "SINGLE",
      programId: program.movie as string,
    });
    const news = await createRecordingRule(ctx, actor, request, { kind: "SINGLE", programId: program.news as string });

    const updated = await updateRecordingRule(ctx, actor, request, {
      ruleId: series.id,
      anyChannel: true,
      keep: "UNTIL_DELETED",
      keepLatest: 3,
      paddingBeforeMin: 2,
    });
    expect(updated).toMatchObject({ channelId: null, keep: "UNTIL_DELETED", keepLatest: 3, paddingBeforeMin: 2 });
    const back = await updateRecordingRule(ctx, actor, request, { ruleId: series.id, anyChannel: false });
    expect(back.channelId).toBe(channel.open);

    await updateRecordingRule(ctx, actor, request, { ruleId: news.id, priority: 1 });
    const order = async () => (await listRecordingRules(db, account.id)).rules.map((r) => [r.id, r.priority]);
    expect(await order()).toEqual([
      [news.id, 1],
      [series.id, 2],
      [movie.id, 3],
    ]);

    await reorderRecordingRules(ctx, actor, request, [movie.id, series.id, news.id]);
    expect(await order()).toEqual([
      [movie.id, 1],
      [series.id, 2],
      [news.id, 3],
    ]);
    expect(await codeOf(reorderRecordingRules(ctx, actor, request, [movie.id, series.id]))).toBe("RULES_CHANGED");
    expect(await codeOf(reorderRecordingRules(ctx, actor, request, [movie.id, series.id, series.id]))).toBe(
      "RULES_CHANGED",
    );
    const stranger = await household();
    const theirs = await createRecordingRule(ctx, stranger.actor, requestOf(stranger.actor), {
      kind: "SINGLE",
      programId: program.movie as string,
    });
    expect(await codeOf(reorderRecordingRules(ctx, actor, request, [movie.id, series.id, theirs.id]))).toBe(
      "RULES_CHANGED",
    );

    await deleteRecordingRule(ctx, actor, request, { ruleId: movie.id });
    expect(await order()).toEqual([
      [series.id, 1],
      [news.id, 2],
    ]);
    expect(await codeOf(deleteRecordingRule(ctx, actor, request, { ruleId: movie.id }))).toBe("RULE_NOT_FOUND");

    const actions = await db.auditEvent.groupBy({
      by: ["action"],
      where: { accountId: account.id },
      _count: true,
    });
    expect(Object.fromEntries(actions.map((a) => [a.action, a._count]))).toEqual({
      "dvr.rule.created": 3,
      "dvr.rule.updated": 3,
      "dvr.rule.reordered": 1,
      "dvr.rule.deleted": 1,
    });
  });
});
