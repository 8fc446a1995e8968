import { randomUUID } from "node:crypto";
import type { Db } from "@homeport/db";

/** One airing as the guide sources (the demo generator, an XMLTV file) hand it to the importer. */
export interface GuideProgram {
  channelId: string;
  /** The guide's id for what airs (an episode or a movie), shared by its repeats. */
  programRef: string;
  seriesRef: string | null;
  season: number | null;
  episode: number | null;
  title: string;
  subtitle: string | null;
  description: string | null;
  genre: string | null;
  startsAt: Date;
  endsAt: Date;
  isNew: boolean;
  /** A calendar date (UTC midnight), as Prisma stores @db.Date. */
  originalAirDate: Date | null;
}

export interface ImportGuideResult {
  channels: number;
  deleted: number;
  inserted: number;
  /** Airings outside [from, to) that were left out. */
  skipped: number;
}

/** Rows per INSERT: 14 columns each keeps one statement well under PostgreSQL's 65,535 parameters. */
export const IMPORT_BATCH = 4_000;

/**
 * Replaces the airings of the given channels that start in [from, to) with `programs`, in one
 * transaction: the range is deleted, then the new airings are inserted in batches. Running it
 * again with the same input leaves the same guide. An airing that comes back in the same slot with
 * the same programRef keeps its row id, so one-time recordings that point at it still find it.
 *
 * `channelIds` defaults to the channels that appear in `programs`; pass it to also clear channels
 * that have nothing in the new data.
 */
export async function importGuide(
  db: Db,
  programs: readonly GuideProgram[],
  range: { from: Date; to: Date; channelIds?: readonly string[] },
): Promise<ImportGuideResult> {
  const { from, to } = range;
  if (!(from < to)) throw new RangeError("importGuide: `from` must be before `to`");
  const channelIds = [...new Set(range.channelIds ?? programs.map((p) => p.channelId))];
  const inRange = programs.filter((p) => p.startsAt >= from && p.startsAt < to);
  const skipped = programs.length - inRange.length;
  if (channelIds.length === 0) return { channels: 0, deleted: 0, inserted: 0, skipped };
  const wanted = new Set(channelIds);
  const rows = inRange.filter((p) => wanted.has(p.channelId));

  return db.$transaction(
    async (tx) => {
      const where = { channelId: { in: channelIds }, startsAt: { gte: from, lt: to } };
      const existing = await tx.program.findMany({
        where,
        select: { id: true, channelId: true, startsAt: true, programRef: true },
      });
      const keep = new Map(existing.map((e) => [slotKey(e.channelId, e.startsAt, e.programRef), e.id]));
      const { count: deleted } = await tx.program.deleteMany({ where });
      let inserted = 0;
      for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
        const batch = rows.slice(i, i + IMPORT_BATCH);
        const column = <T>(pick: (p: GuideProgram) => T) => batch.map(pick);
        // One INSERT … SELECT FROM unnest(arrays) per batch: a guide is tens of thousands of rows,
        // and this is an order of magnitude faster than row-by-row parameter lists. Instants go as
        // ISO strings and are stored as UTC, as Prisma stores them, whatever the server's zone.
        inserted += await tx.$executeRaw`
          INSERT INTO "Program" ("id", "channelId", "programRef", "seriesRef", "season", "episode", "title",
            "subtitle", "description", "genre", "startsAt", "endsAt", "isNew", "originalAirDate")
          SELECT "id", "channelId", "programRef", "seriesRef", "season", "episode", "title", "subtitle",
            "description", "genre", "startsAt" AT TIME ZONE 'UTC', "endsAt" AT TIME ZONE 'UTC', "isNew",
            "originalAirDate"
          FROM unnest(
            ${column((p) => keep.get(slotKey(p.channelId, p.startsAt, p.programRef)) ?? randomUUID())}::uuid[],
            ${column((p) => p.channelId)}::text[],
            ${column((p) => p.programRef)}::text[],
            ${column((p) => p.seriesRef)}::text[],
            ${column((p) => p.season)}::int[],
            ${column((p) => p.episode)}::int[],
            ${column((p) => p.title)}::text[],
            ${column((p) => p.subtitle)}::text[],
            ${column((p) => p.description)}::text[],
            ${column((p) => p.genre)}::text[],
            ${column((p) => p.startsAt.toISOString())}::timestamptz[],
            ${column((p) => p.endsAt.toISOString())}::timestamptz[],
            ${column((p) => p.isNew)}::boolean[],
            ${column((p) => p.originalAirDate?.toISOString().slice(0, 10) ?? null)}::date[]
          ) AS "row" ("id", "channelId", "programRef", "seriesRef", "season", "episode", "title", "subtitle",
            "description", "genre", "startsAt", "endsAt", "isNew", "originalAirDate")
          ON CONFLICT ("channelId", "startsAt") DO NOTHING`;
      }
      return { channels: channelIds.length, deleted, inserted, skipped };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

const slotKey = (channelId: string, startsAt: Date, programRef: string) =>
  `${channelId}\u0000${startsAt.getTime()}\u0000${programRef}`;
