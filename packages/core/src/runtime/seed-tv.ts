import type { Db } from "@homeport/db";
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
