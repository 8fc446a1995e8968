import { randomBytes, randomUUID } from "node:crypto";
import { createHousehold } from "@homeport/db/factories";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { toDbDate } from "../billing/calendar.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { foldForSearch, getAiring, getGuide, searchGuide } from "./guide.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;

/** All files share one database for the run: channel numbers, ids and titles are unique to this file. */
const tag = randomBytes(4).toString("hex");
const base = 100_000 + Math.floor(Math.random() * 800_000) * 10;
const NOW = new Date("2026-11-22T18:10:00Z");
const at = (hhmm: string, day = "2026-11-22") => new Date(`${day}T${hhmm}:00Z`);

const ch = (n: number) => ({ id: `guide-${tag}-${n}`, number: base + n });
const planId = `guide-tv-${tag}`;
const series = `series-${tag}`;
const cocina = `Cocina Fácil ${tag}`;

let subscriber: string;
let subscriberOwner: { id: string; email: string; name: string };
let nonSubscriber: string;
let otherHousehold: { accountId: string; profileId: string };
const ids: Record<string, string> = {};

/** Counts what reaches the database (model operations and raw queries). */
function counting() {
  let count = 0;
  const client = db.$extends({
    query: {
      $allOperations({ args, query }) {
        count += 1;
        return query(args);
      },
    },
  });
  return { db: client as unknown as typeof db, count: () => count };
}

async function program(
  key: string,
  data: { n: number; start: Date; end: Date; title: string } & Record<string, unknown>,
) {
  const { n, start, end, ...rest } = data;
  const row = await db.program.create({
    data: {
      programRef: `${key}-${tag}`,
      channelId: ch(n).id,
      startsAt: start,
      endsAt: end,
      ...rest,
    },
  });
  ids[key] = row.id;
  return row;
}

beforeAll(async () => {
  await db.channel.createMany({
    data: [1, 2, 3, 4, 5].map((n) => ({
      ...ch(n),
      name: `Guide Channel ${n}`,
      callSign: `G${n}`,
      category: "entertainment",
      recordable: n !== 3,
    })),
  });
  await db.servicePlan.create({ data: { id: planId, kind: "TV", name: "TV Test", monthlyCents: 5999 } });
  await db.planChannel.createMany({ data: [1, 2, 3, 4].map((n) => ({ planId, channelId: ch(n).id })) });
  const a = await createHousehold(db, { owner: { email: `guide-a-${tag}@example.com`, name: "Ana Test" } });
  const b = await createHousehold(db, { owner: { email: `guide-b-${tag}@example.com`, name: "Beto Test" } });
  const c = await createHousehold(db, { owner: { email: `guide-c-${tag}@example.com`, name: "Cruz Test" } });
  subscriber = a.account.id;
  subscriberOwner = a.owner;
  nonSubscriber = b.account.id;
  otherHousehold = { accountId: c.account.id, profileId: c.profile.id };
  await db.subscription.create({
    data: { accountId: subscriber, planId, priceCents: 5999, startedOn: toDbDate("2026-01-01") },
  });
  // An ended package is no package.
  await db.subscription.create({
    data: {
      accountId: nonSubscriber,
      planId,
      priceCents: 5999,
      startedOn: toDbDate("2026-01-01"),
      endedOn: toDbDate("2026-10-01"),
    },
  });

  await program("movie", { n: 1, start: at("17:00"), end: at("19:00"), title: `Night Film ${tag}`, genre: "Movie" });
  await program("ep1", {
    n: 1,
    start: at("19:00"),
    end: at("19:30"),
    title: cocina,
    subtitle: "Tamales de elote",
    seriesRef: series,
    season: 2,
    episode: 1,
    isNew: true,
    description: "Corn tamales.",
  });
  await program("late", { n: 1, start: at("20:30"), end: at("21:30"), title: `Late Show ${tag}` });
  await program("after", { n: 1, start: at("21:30"), end: at("22:00"), title: `After Window ${tag}` });
  // The repeat of episode 1 shares its programRef.
  const repeat = await db.program.create({
    data: {
      programRef: `ep1-${tag}`,
      seriesRef: series,
      season: 2,
      episode: 1,
      channelId: ch(2).id,
      startsAt: at("22:00"),
      endsAt: at("22:30"),
      title: cocina,
      subtitle: "Tamales de elote",
    },
  });
  ids.repeat = repeat.id;
  await program("ep2", {
    n: 2,
    start: at("19:00", "2026-11-23"),
    end: at("19:30", "2026-11-23"),
    title: cocina,
    subtitle: "Pozole",
    seriesRef: series,
    season: 2,
    episode: 2,
  });
  await program("past", {
    n: 2,
    start: at("10:00"),
    end: at("10:30"),
    title: cocina,
    subtitle: "Past episode",
    seriesRef: series,
    season: 1,
    episode: 9,
  });
  await program("beyond", {
    n: 2,
    start: at("19:00", "2026-12-20"),
    end: at("19:30", "2026-12-20"),
    title: cocina,
    subtitle: "Too far ahead",
    seriesRef: series,
  });
  await program("off-lineup", { n: 5, start: at("19:00"), end: at("20:00"), title: cocina, seriesRef: series });
  await program("special", { n: 4, start: at("19:00"), end: at("20:00"), title: `100% Natural_${tag}` });
});

afterAll(() => db.$disconnect());
beforeEach(() => ctx.setNow(NOW));

describe("getGuide", () => {
  it("lists the package's channels with the airings that overlap the window, in three queries", async () => {
    const counter = counting();
    const guide = await getGuide({ db: counter.db, now: ctx.now }, subscriber, {
      from: NOW,
      hours: 3,
      channelFrom: base,
      channels: 25,
    });
    expect(counter.count()).toBe(3);
    expect(guide).not.toBeNull();
    if (!guide) return;
    expect(guide.subscribed).toBe(true);
    expect(guide.timeZone).toBe("America/Los_Angeles");
    // The window starts on the half hour.
    expect(guide.from).toEqual(at("18:00"));
    expect(guide.to).toEqual(at("21:00"));
    expect(guide.channels.map((c) => c.number)).toEqual([1, 2, 3, 4].map((n) => base + n));
    expect(guide.channels[2]?.recordable).toBe(false);
    const first = guide.channels[0];
    expect(first?.airings.map((a) => a.id)).toEqual([ids.movie, ids.ep1, ids.late]);
    expect(first?.airings[1]).toMatchObject({ title: cocina, season: 2, episode: 1, isNew: true });
    expect(guide.channels[1]?.airings).toEqual([]);
    expect(guide.previousChannelFrom).toBeNull();
    expect(guide.nextChannelFrom).toBeNull();
  });

  it("pages through the channels and jumps to a number", async () => {
    const firstPage = await getGuide(ctx, subscriber, { from: NOW, channelFrom: base, channels: 2 });
    expect(firstPage?.channels.map((c) => c.number)).toEqual([base + 1, base + 2]);
    expect(firstPage?.nextChannelFrom).toBe(base + 3);
    const second = await getGuide(ctx, subscriber, { from: NOW, channelFrom: base + 3, channels: 2 });
    expect(second?.channels.map((c) => c.number)).toEqual([base + 3, base + 4]);
    expect(second?.previousChannelFrom).toBe(base + 1);
    // A number between channels starts at the next one; one past the end shows the last page.
    const jump = await getGuide(ctx, subscriber, { from: NOW, channelFrom: base + 2, channels: 2 });
    expect(jump?.channels[0]?.number).toBe(base + 2);
    const past = await getGuide(ctx, subscriber, { from: NOW, channelFrom: base + 999, channels: 2 });
    expect(past?.channels.map((c) => c.number)).toEqual([base + 3, base + 4]);
  });

  it("shows every channel, flagged, to an account without a TV package", async () => {
    const guide = await getGuide(ctx, nonSubscriber, { from: NOW, channelFrom: base, channels: 5 });
    expect(guide?.subscribed).toBe(false);
    expect(guide?.channels.map((c) => c.number)).toEqual([1, 2, 3, 4, 5].map((n) => base + n));
    expect(guide?.channels[4]?.airings.map((a) => a.id)).toEqual([ids["off-lineup"]]);
  });

  it("knows no unknown account", async () => {
    expect(await getGuide(ctx, randomUUID(), { from: NOW })).toBeNull();
  });
});

describe("searchGuide", () => {
  it("finds titles ignoring case and accents, grouped by series with the upcoming airings", async () => {
    const result = await searchGuide(ctx, subscriber, `  COCINA facil ${tag} `);
    expect(result?.status).toBe("OK");
    expect(result?.groups).toHaveLength(1);
    const group = result?.groups[0];
    expect(group?.seriesRef).toBe(series);
    // Not the past airing, not beyond 14 days, not on a channel outside the package.
    expect(group?.airings.map((a) => a.id)).toEqual([ids.ep1, ids.repeat, ids.ep2]);
    expect(group?.total).toBe(3);
    expect(group?.airings[0]).toMatchObject({ channelNumber: base + 1, callSign: "G1", recordable: true });
  });

  it("matches episode titles, and reaches every channel for an account without a package", async () => {
    const result = await searchGuide(ctx, nonSubscriber, "tamáles de ELOTE");
    const mine = result?.groups.find((g) => g.seriesRef === series);
    expect(mine?.airings.map((a) => a.id)).toEqual([ids.ep1, ids.repeat]);
    const all = await searchGuide(ctx, nonSubscriber, cocina);
    expect(all?.groups[0]?.airings.map((a) => a.id)).toContain(ids["off-lineup"]);
  });

  it("treats % and _ as letters, and refuses a query too short to mean anything", async () => {
    const special = await searchGuide(ctx, subscriber, `100% natural_${tag}`);
    expect(special?.groups.map((g) => g.title)).toEqual([`100% Natural_${tag}`]);
    expect((await searchGuide(ctx, subscriber, `1%0 ${tag}`))?.groups).toEqual([]);
    expect(await searchGuide(ctx, subscriber, " a ")).toMatchObject({ status: "TOO_SHORT", groups: [] });
  });

  it("folds accents and case the same way in the page and the database", () => {
    expect(foldForSearch("  Él  CAFÉ Niño ")).toBe("el cafe nino");
  });
});

describe("getAiring", () => {
  it("gives the airing with its other airings, the series, the account's rules and profiles", async () => {
    const airing = await getAiring(ctx, subscriber, ids.ep1 as string);
    expect(airing?.program).toMatchObject({
      title: cocina,
      subtitle: "Tamales de elote",
      description: "Corn tamales.",
    });
    expect(airing?.inLineup).toBe(true);
    expect(airing?.ended).toBe(false);
    expect(airing?.episodeAirings.map((a) => a.id)).toEqual([ids.repeat]);
    expect(airing?.seriesAirings.map((a) => a.id)).toEqual([ids.ep2]);
    expect(airing?.rules).toEqual({ single: null, series: null });
    expect(airing?.profiles.map((p) => p.name)).toEqual(["Ana"]);
  });

  it("knows the account's own rules that cover it, never another account's", async () => {
    await db.recordingRule.create({
      data: {
        accountId: otherHousehold.accountId,
        profileId: otherHousehold.profileId,
        kind: "SERIES",
        seriesRef: series,
        title: cocina,
        priority: 1,
      },
    });
    const profile = await db.profile.findFirstOrThrow({ where: { accountId: subscriber } });
    expect((await getAiring(ctx, subscriber, ids.ep1 as string))?.rules.series).toBeNull();
    // A series rule on another channel does not cover this airing; one on any channel does.
    await db.recordingRule.create({
      data: {
        accountId: subscriber,
        profileId: profile.id,
        kind: "SERIES",
        seriesRef: series,
        title: cocina,
        channelId: ch(2).id,
        priority: 1,
      },
    });
    expect((await getAiring(ctx, subscriber, ids.ep1 as string))?.rules.series).toBeNull();
    expect((await getAiring(ctx, subscriber, ids.repeat as string))?.rules.series).not.toBeNull();
    const single = await db.recordingRule.create({
      data: {
        accountId: subscriber,
        profileId: profile.id,
        kind: "SINGLE",
        programId: ids.ep1,
        title: cocina,
        priority: 2,
      },
    });
    expect((await getAiring(ctx, subscriber, ids.ep1 as string))?.rules.single?.id).toBe(single.id);
  });

  it("sees a series rule made by the DVR use case, on any channel", async () => {
    const { createRecordingRule } = await import("./recording-rules.ts");
    const actor = householdActor(subscriberOwner, subscriber, "OWNER");
    await createRecordingRule(
      ctx,
      actor,
      { actorUserId: actor.id, sessionId: actor.sessionId, userAgent: "guide-test" },
      { kind: "SERIES", programId: ids.ep2 as string, anyChannel: true, newOnly: true },
    );
    const airing = await getAiring(ctx, subscriber, ids.ep1 as string);
    expect(airing?.rules.series).toMatchObject({ channelId: null, newOnly: true });
  });

  it("marks a channel outside the package, and an airing that has ended", async () => {
    const off = await getAiring(ctx, subscriber, ids["off-lineup"] as string);
    expect(off?.inLineup).toBe(false);
    const past = await getAiring(ctx, subscriber, ids.past as string);
    expect(past?.ended).toBe(true);
  });

  it("gives nothing for an unknown or malformed id", async () => {
    expect(await getAiring(ctx, subscriber, randomUUID())).toBeNull();
    expect(await getAiring(ctx, subscriber, "not-an-id")).toBeNull();
  });
});
