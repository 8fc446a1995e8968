import { TZDate } from "@date-fns/tz";
import type { DbTx } from "@homeport/db";
import { addDays, calendarDateAt, isCalendarDate, startOfDayAt } from "../billing/calendar.ts";
import type { CoreContext } from "../context.ts";
import { ZId } from "../ids.ts";

/**
 * The program guide as a household sees it: the channels of its TV package (every channel, flagged,
 * for an account without one) with what airs on them. Reads only; recording goes through
 * recording-rules.ts.
 */

type Ctx = Pick<CoreContext, "db" | "now">;

/** The guide grid's column: airings are drawn on half-hour slots. */
export const GUIDE_SLOT_MINUTES = 30;
/** How far ahead the guide reaches (the day picker and search). */
export const GUIDE_DAYS = 14;
export const GUIDE_MAX_HOURS = 6;
export const GUIDE_MAX_CHANNELS = 50;
/** No airing runs longer than this: the lower bound that lets the window query use the startsAt index. */
const LONGEST_AIRING_MS = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

export interface GuideOptions {
  from: Date;
  /** The window's length; 3 unless told. */
  hours?: number;
  /** Start the page at the first channel numbered this or higher. */
  channelFrom?: number;
  /** Channels per page; 25 unless told. */
  channels?: number;
}

export interface GuideCell {
  id: string;
  title: string;
  subtitle: string | null;
  season: number | null;
  episode: number | null;
  startsAt: Date;
  endsAt: Date;
  isNew: boolean;
}

export interface GuideChannel {
  id: string;
  number: number;
  name: string;
  callSign: string;
  hd: boolean;
  /** The network allows cloud-DVR recording. */
  recordable: boolean;
  airings: GuideCell[];
}

export interface Guide {
  timeZone: string;
  /** The account has a TV package; when false, every channel is listed for browsing only. */
  subscribed: boolean;
  from: Date;
  to: Date;
  hours: number;
  channels: GuideChannel[];
  /** channelFrom of the previous and next pages, null at either end. */
  previousChannelFrom: number | null;
  nextChannelFrom: number | null;
  /** The lowest and highest channel numbers of the lineup. */
  firstNumber: number | null;
  lastNumber: number | null;
}

interface Lineup {
  timeZone: string;
  /** The active TV package, or null when the account has none. */
  planId: string | null;
}

/** The account's time zone and current TV package, in one query. Null for an unknown account. */
async function lineupOf(db: DbTx, accountId: string, now: Date): Promise<Lineup | null> {
  const [row] = await db.$queryRaw<{ timeZone: string; planId: string | null }[]>`
    SELECT a."timeZone",
      (SELECT s."planId" FROM "Subscription" s JOIN "ServicePlan" p ON p."id" = s."planId"
        WHERE s."accountId" = a."id" AND p."kind" = 'TV'
          AND s."startedOn" <= (${now}::timestamptz AT TIME ZONE a."timeZone")::date
          AND (s."endedOn" IS NULL OR s."endedOn" > (${now}::timestamptz AT TIME ZONE a."timeZone")::date)
        ORDER BY s."startedOn" DESC LIMIT 1) AS "planId"
    FROM "ServiceAccount" a WHERE a."id" = ${accountId}::uuid`;
  return row ?? null;
}

function lineupWhere(lineup: Lineup) {
  return lineup.planId ? { plans: { some: { planId: lineup.planId } } } : {};
}

const clampInt = (value: number | undefined, fallback: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value as number))) : fallback;

/** The start of the half-hour slot an instant falls in (time zones are whole or half hours off UTC). */
export function slotStart(at: Date): Date {
  const slot = GUIDE_SLOT_MINUTES * MINUTE;
  return new Date(Math.floor(at.getTime() / slot) * slot);
}

/** Where the guide stands, as its links carry it: a local day and a time of day ("2026-11-22", "19:30"). */
export interface GuidePosition {
  day: string;
  time: string;
}

/** The local day and time of an instant at a place. */
export function guidePosition(instant: Date, timeZone: string): GuidePosition {
  const local = new TZDate(instant.getTime(), timeZone);
  const time = `${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
  return { day: calendarDateAt(instant, timeZone), time };
}

/** The next GUIDE_DAYS local days, today first: what the day picker offers. */
export function guideDays(now: Date, timeZone: string): string[] {
  const today = calendarDateAt(now, timeZone);
  return Array.from({ length: GUIDE_DAYS }, (_, i) => addDays(today, i));
}

/**
 * The window's start from the page's day and time (either may be missing or malformed): the
 * current half hour by default, never before today's midnight nor past the guide's last day.
 */
export function guideStart(params: { day?: string; time?: string }, timeZone: string, now: Date): Date {
  const days = guideDays(now, timeZone);
  const day = params.day && isCalendarDate(params.day) ? params.day : undefined;
  const time = params.time && /^([01]\d|2[0-3]):[0-5]\d$/.test(params.time) ? params.time : undefined;
  if (!day && !time) return slotStart(now);
  const [y, m, d] = (day ?? (days[0] as string)).split("-").map(Number) as [number, number, number];
  const [hh, mm] = (time ?? "00:00").split(":").map(Number) as [number, number];
  const wanted = slotStart(new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime()));
  const earliest = startOfDayAt(days[0] as string, timeZone);
  const latest = slotStart(new Date(startOfDayAt(addDays(days.at(-1) as string, 1), timeZone).getTime() - MINUTE));
  if (wanted < earliest) return earliest;
  if (wanted > latest) return latest;
  return wanted;
}

/**
 * One page of the guide: up to `channels` channels from `channelFrom`, with every airing that
 * overlaps [from, from + hours). Three queries whatever the page size: the lineup, its channels,
 * and the airings of the page's channels in the window.
 */
export async function getGuide(ctx: Ctx, accountId: string, options: GuideOptions): Promise<Guide | null> {
  const hours = clampInt(options.hours, 3, 1, GUIDE_MAX_HOURS);
  const perPage = clampInt(options.channels, 25, 1, GUIDE_MAX_CHANNELS);
  const from = slotStart(options.from);
  const to = new Date(from.getTime() + hours * 60 * MINUTE);
  const lineup = await lineupOf(ctx.db, accountId, ctx.now());
  if (!lineup) return null;
  // The whole lineup's numbers are a few hundred small rows: they give the page and its neighbours.
  const all = await ctx.db.channel.findMany({
    where: lineupWhere(lineup),
    orderBy: { number: "asc" },
    select: { id: true, number: true, name: true, callSign: true, hd: true, recordable: true },
  });
  let start = 0;
  if (options.channelFrom !== undefined && Number.isFinite(options.channelFrom)) {
    const at = all.findIndex((c) => c.number >= (options.channelFrom as number));
    start = at === -1 ? Math.max(0, all.length - perPage) : at;
  }
  const page = all.slice(start, start + perPage);
  const airings =
    page.length === 0
      ? []
      : await ctx.db.program.findMany({
          where: {
            channelId: { in: page.map((c) => c.id) },
            startsAt: { lt: to, gt: new Date(from.getTime() - LONGEST_AIRING_MS) },
            endsAt: { gt: from },
          },
          orderBy: { startsAt: "asc" },
          select: {
            id: true,
            channelId: true,
            title: true,
            subtitle: true,
            season: true,
            episode: true,
            startsAt: true,
            endsAt: true,
            isNew: true,
          },
        });
  const byChannel = new Map<string, GuideCell[]>(page.map((c) => [c.id, []]));
  for (const { channelId, ...cell } of airings) byChannel.get(channelId)?.push(cell);
  return {
    timeZone: lineup.timeZone,
    subscribed: lineup.planId !== null,
    from,
    to,
    hours,
    channels: page.map((c) => ({ ...c, airings: byChannel.get(c.id) ?? [] })),
    previousChannelFrom: start > 0 ? (all[Math.max(0, start - perPage)]?.number ?? null) : null,
    nextChannelFrom: all[start + perPage]?.number ?? null,
    firstNumber: all[0]?.number ?? null,
    lastNumber: all.at(-1)?.number ?? null,
  };
}

/** Accented letters folded to their base letter, in SQL (translate) and in JS (NFD), the same way. */
const ACCENTED = "áàâäãåéèêëíìîïóòôöõúùûüñçýÿÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝ";
const UNACCENTED = "aaaaaaeeeeiiiiooooouuuuncyyAAAAAAEEEEIIIIOOOOOUUUUNCY";

/** Lower case without accents: "Él Chavo" and "el chavo" search alike. */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;
const SEARCH_MAX_AIRINGS = 400;
const SEARCH_MAX_GROUPS = 30;
const SEARCH_AIRINGS_PER_GROUP = 8;

export interface SearchAiring {
  id: string;
  title: string;
  subtitle: string | null;
  season: number | null;
  episode: number | null;
  startsAt: Date;
  endsAt: Date;
  isNew: boolean;
  channelNumber: number;
  callSign: string;
  recordable: boolean;
}

export interface SearchGroup {
  /** seriesRef, or "title:<title>" for airings outside a series. */
  key: string;
  seriesRef: string | null;
  title: string;
  genre: string | null;
  /** The next airings, soonest first (at most a handful). */
  airings: SearchAiring[];
  /** All upcoming airings in the window, including those not listed. */
  total: number;
}

export interface GuideSearch {
  timeZone: string;
  query: string;
  /** TOO_SHORT: the query has fewer than two letters after trimming; nothing was searched. */
  status: "OK" | "TOO_SHORT";
  groups: SearchGroup[];
}

/**
 * Upcoming airings on the account's channels whose title or episode title contains the query,
 * ignoring case and accents, grouped by series (titles first, then episode-title matches).
 */
export async function searchGuide(
  ctx: Ctx,
  accountId: string,
  q: string,
  options: { days?: number } = {},
): Promise<GuideSearch | null> {
  const query = q.trim().slice(0, SEARCH_MAX_LENGTH);
  const folded = foldForSearch(query);
  const now = ctx.now();
  const lineup = await lineupOf(ctx.db, accountId, now);
  if (!lineup) return null;
  if (folded.length < SEARCH_MIN_LENGTH) return { timeZone: lineup.timeZone, query, status: "TOO_SHORT", groups: [] };
  const days = clampInt(options.days, GUIDE_DAYS, 1, GUIDE_DAYS);
  const until = new Date(now.getTime() + days * 24 * 60 * MINUTE);
  const pattern = `%${escapeLike(folded)}%`;
  const rows = await ctx.db.$queryRaw<
    (SearchAiring & { seriesRef: string | null; genre: string | null; titleMatch: boolean })[]
  >`
    SELECT p."id", p."seriesRef", p."title", p."subtitle", p."season", p."episode", p."startsAt", p."endsAt",
      p."isNew", p."genre", c."number" AS "channelNumber", c."callSign", c."recordable",
      (translate(p."title", ${ACCENTED}, ${UNACCENTED}) ILIKE ${pattern}) AS "titleMatch"
    FROM "Program" p JOIN "Channel" c ON c."id" = p."channelId"
    WHERE p."endsAt" > ${now} AND p."startsAt" < ${until}
      AND (${lineup.planId}::text IS NULL OR EXISTS (
        SELECT 1 FROM "PlanChannel" pc WHERE pc."planId" = ${lineup.planId}::text AND pc."channelId" = c."id"))
      AND (translate(p."title", ${ACCENTED}, ${UNACCENTED}) ILIKE ${pattern}
        OR translate(coalesce(p."subtitle", ''), ${ACCENTED}, ${UNACCENTED}) ILIKE ${pattern})
    ORDER BY p."startsAt", c."number"
    LIMIT ${SEARCH_MAX_AIRINGS}`;
  const groups = new Map<string, SearchGroup & { titleMatch: boolean }>();
  for (const { seriesRef, genre, titleMatch, ...airing } of rows) {
    const key = seriesRef ?? `title:${airing.title}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, seriesRef, title: airing.title, genre, airings: [], total: 0, titleMatch };
      groups.set(key, group);
    }
    group.titleMatch ||= titleMatch;
    group.total += 1;
    if (group.airings.length < SEARCH_AIRINGS_PER_GROUP) group.airings.push(airing);
  }
  const ordered = [...groups.values()]
    .sort((a, b) => Number(b.titleMatch) - Number(a.titleMatch))
    .slice(0, SEARCH_MAX_GROUPS)
    .map(({ titleMatch: _, ...group }) => group);
  return { timeZone: lineup.timeZone, query, status: "OK", groups: ordered };
}

export interface AiringRef {
  id: string;
  startsAt: Date;
  endsAt: Date;
  isNew: boolean;
  title: string;
  subtitle: string | null;
  season: number | null;
  episode: number | null;
  channel: { id: string; number: number; callSign: string; name: string; recordable: boolean };
}

const AIRING_REF = {
  id: true,
  startsAt: true,
  endsAt: true,
  isNew: true,
  title: true,
  subtitle: true,
  season: true,
  episode: true,
  channel: { select: { id: true, number: true, callSign: true, name: true, recordable: true } },
} as const;

const OTHER_AIRINGS_LIMIT = 20;

/**
 * One airing with what the record page needs: its channel, the other airings of the same episode
 * and of its series on the account's channels, the account's rules that already cover it, and the
 * household profiles a rule can belong to. Null when the id names no airing (or no account).
 */
export async function getAiring(ctx: Ctx, accountId: string, id: string) {
  if (!ZId.safeParse(id).success) return null;
  const now = ctx.now();
  const [lineup, program] = await Promise.all([
    lineupOf(ctx.db, accountId, now),
    ctx.db.program.findUnique({
      where: { id },
      select: {
        id: true,
        programRef: true,
        seriesRef: true,
        season: true,
        episode: true,
        title: true,
        subtitle: true,
        description: true,
        genre: true,
        startsAt: true,
        endsAt: true,
        isNew: true,
        originalAirDate: true,
        channel: { select: { id: true, number: true, name: true, callSign: true, hd: true, recordable: true } },
      },
    }),
  ]);
  if (!lineup || !program) return null;
  const onLineup = lineup.planId ? { channel: lineupWhere(lineup) } : {};
  // Without a series id the title stands for the series, as in a series rule.
  const sameSeries = program.seriesRef ? { seriesRef: program.seriesRef } : { seriesRef: null, title: program.title };
  const [inLineup, episodeAirings, seriesAirings, rules, profiles] = await Promise.all([
    lineup.planId
      ? ctx.db.planChannel
          .findUnique({
            where: { planId_channelId: { planId: lineup.planId, channelId: program.channel.id } },
            select: { planId: true },
          })
          .then(Boolean)
      : Promise.resolve(false),
    ctx.db.program.findMany({
      where: { programRef: program.programRef, id: { not: program.id }, endsAt: { gt: now }, ...onLineup },
      orderBy: { startsAt: "asc" },
      take: OTHER_AIRINGS_LIMIT,
      select: AIRING_REF,
    }),
    ctx.db.program.findMany({
      where: {
        ...sameSeries,
        programRef: { not: program.programRef },
        endsAt: { gt: now },
        startsAt: { lt: new Date(now.getTime() + GUIDE_DAYS * 24 * 60 * MINUTE) },
        ...onLineup,
      },
      orderBy: { startsAt: "asc" },
      take: OTHER_AIRINGS_LIMIT,
      select: AIRING_REF,
    }),
    ctx.db.recordingRule.findMany({
      where: {
        accountId,
        OR: [
          { kind: "SINGLE", programId: program.id },
          { kind: "SERIES", ...sameSeries },
        ],
      },
      orderBy: { priority: "asc" },
      select: { id: true, kind: true, profileId: true, channelId: true, newOnly: true, priority: true },
    }),
    ctx.db.profile.findMany({
      where: { accountId },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, isKids: true, userId: true },
    }),
  ]);
  // A series rule tied to another channel does not cover this airing.
  const seriesRule = rules.find(
    (r) => r.kind === "SERIES" && (r.channelId === null || r.channelId === program.channel.id),
  );
  return {
    timeZone: lineup.timeZone,
    subscribed: lineup.planId !== null,
    /** The account's package carries the channel (false for every channel without a package). */
    inLineup,
    program,
    /** Later (or current) airings of this same episode or movie. */
    episodeAirings,
    /** Upcoming airings of other episodes of the series. */
    seriesAirings,
    rules: {
      single: rules.find((r) => r.kind === "SINGLE") ?? null,
      series: seriesRule ?? null,
    },
    profiles,
    ended: program.endsAt <= now,
  };
}

export type Airing = NonNullable<Awaited<ReturnType<typeof getAiring>>>;
