import type { Db } from "@homeport/db";
import { DEMO_ACCOUNT_NUMBER } from "@homeport/db/seed";
import { calendarDateAt, daysBetween, startOfDayAt } from "../billing/calendar.ts";
import { DEFAULT_GUIDE_TIME_ZONE, GUIDE_DAYS, generateGuide, guideEnd } from "../dvr/guide-generator.ts";
import { importGuide } from "../dvr/import-guide.ts";

/** Networks in the demo lineup that do not allow cloud recording (rights vary by network). */
const NOT_RECORDABLE = ["nbc-sports-bay-area", "hbo-east", "cinemax-east", "nfl-redzone"];
const SEED = 2026;
/** Days written while the demo starts; the rest of the horizon is filled in by the guide job. */
const FIRST_DAYS = 3;

interface Ctx {
  db: Db;
  now: () => Date;
}

async function writeGuide(ctx: Ctx, from: Date, days: number) {
  const channels = await ctx.db.channel.findMany({ select: { id: true, category: true } });
  if (channels.length === 0 || days <= 0) return { inserted: 0 };
  const programs = generateGuide(channels, { start: from, seed: SEED, days });
  return importGuide(ctx.db, programs, { from, to: guideEnd(from, days) });
}

/**
 * The demo's program guide, generated (the same seed gives the same shows): the next three days
 * while the demo starts, so the first start stays quick, and the networks that can't be recorded.
 */
export async function seedDemoGuide(ctx: Ctx) {
  await ctx.db.channel.updateMany({ where: { id: { in: NOT_RECORDABLE } }, data: { recordable: false } });
  const today = startOfDayAt(calendarDateAt(ctx.now(), DEFAULT_GUIDE_TIME_ZONE), DEFAULT_GUIDE_TIME_ZONE);
  return writeGuide(ctx, today, FIRST_DAYS);
}

/**
 * Keeps the generated guide 14 days ahead (the job runs hourly): writes the days from the last
 * one the guide has to the horizon. The generator continues the same series, so the new days
 * follow on from the old ones.
 */
export async function extendDemoGuide(ctx: Ctx) {
  const zone = DEFAULT_GUIDE_TIME_ZONE;
  const latest = (await ctx.db.program.aggregate({ _max: { startsAt: true } }))._max.startsAt;
  const today = calendarDateAt(ctx.now(), zone);
  const lastDay = latest ? calendarDateAt(latest, zone) : today;
  const firstMissing = lastDay < today ? today : lastDay;
  const days = daysBetween(firstMissing, today) + GUIDE_DAYS;
  if (days <= 1 && latest) return { inserted: 0 };
  return writeGuide(ctx, startOfDayAt(firstMissing, zone), days);
}

/** Channels the demo household records from, and how many past airings to keep of each. */
const DEMO_LIBRARY = [
  { channelId: "kcra", profile: "Maria" },
  { channelId: "hgtv", profile: "Maria" },
  { channelId: "disney-channel", profile: "Sofia" },
  { channelId: "espn", profile: "Alex" },
];
const LIBRARY_DAYS = 12;
const PER_CHANNEL = 4;

/**
 * The demo household's library: a few finished recordings from the last two weeks, from the same
 * generated schedule as the guide, for each profile; one is protected. Runs once, with the seed.
 */
export async function seedDemoRecordings(ctx: Ctx) {
  const account = await ctx.db.serviceAccount.findUnique({
    where: { accountNumber: DEMO_ACCOUNT_NUMBER },
    select: { id: true, profiles: { select: { id: true, name: true } } },
  });
  if (!account || (await ctx.db.recording.count({ where: { accountId: account.id } })) > 0) return { created: 0 };
  const channels = await ctx.db.channel.findMany({
    where: { id: { in: DEMO_LIBRARY.map((c) => c.channelId) }, recordable: true },
    select: { id: true, category: true },
  });
  const zone = DEFAULT_GUIDE_TIME_ZONE;
  const from = startOfDayAt(calendarDateAt(new Date(ctx.now().getTime() - LIBRARY_DAYS * 86_400_000), zone), zone);
  const before = new Date(ctx.now().getTime() - 86_400_000);
  const aired = generateGuide(channels, { start: from, seed: SEED, days: LIBRARY_DAYS }).filter(
    (p) => p.endsAt <= before && p.isNew && p.endsAt.getTime() - p.startsAt.getTime() >= 30 * 60_000,
  );
  const rows = DEMO_LIBRARY.flatMap((wanted) => {
    const profileId = account.profiles.find((p) => p.name === wanted.profile)?.id ?? account.profiles[0]?.id;
    if (!profileId) return [];
    const seen = new Set<string>();
    return aired
      .filter((p) => p.channelId === wanted.channelId)
      .filter((p) => p.startsAt.getUTCHours() >= 1 && p.startsAt.getUTCHours() <= 6)
      .filter((p) => !seen.has(p.programRef) && seen.add(p.programRef))
      .slice(-PER_CHANNEL)
      .map((p) => ({
        accountId: account.id,
        profileId,
        programRef: p.programRef,
        seriesRef: p.seriesRef,
        title: p.title,
        subtitle: p.subtitle,
        description: p.description,
        season: p.season,
        episode: p.episode,
        genre: p.genre,
        channelId: p.channelId,
        startsAt: p.startsAt,
        endsAt: p.endsAt,
        status: "COMPLETED" as const,
      }));
  });
  rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (rows[0]) Object.assign(rows[0], { protected: true });
  const { count } = await ctx.db.recording.createMany({ data: rows });
  return { created: count };
}
