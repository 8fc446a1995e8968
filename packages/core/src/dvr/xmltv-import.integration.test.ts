import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { importGuide } from "./import-guide.ts";
import { parseXmltv } from "./xmltv.ts";
import { createChannelMatcher } from "./xmltv-channels.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;

/** All files share one database for the run: channel ids, numbers and call signs are unique to this file. */
const tag = randomBytes(4).toString("hex");
const base = 100_000 + Math.floor(Math.random() * 800_000) * 10;
const news = { id: `xmltv-${tag}-1`, number: base + 1, name: `Xmltv News ${tag}`, callSign: `XN${tag}` };
const sports = { id: `xmltv-${tag}-2`, number: base + 2, name: `Xmltv Sports ${tag}`, callSign: `XS${tag}` };
const range = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-03T00:00:00Z") };

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<tv>
  <channel id="news.test"><display-name>${news.callSign.toLowerCase()}</display-name></channel>
  <channel id="sports.test"><display-name>${sports.number} Sports</display-name></channel>
  <channel id="elsewhere.test"><display-name>Not Ours ${tag}</display-name></channel>
  <programme start="20261101003000 -0700" stop="20261101010000 -0700" channel="news.test">
    <title>Late News ${tag}</title><episode-num system="dd_progid">EP${base}.0001</episode-num><new/>
  </programme>
  <programme start="20261101010000 -0700" channel="news.test"><title>Overnight ${tag}</title></programme>
  <programme start="20261101010000 -0800" stop="20261101020000 -0800" channel="news.test">
    <title>Overnight ${tag}</title><sub-title>Second hour</sub-title>
  </programme>
  <programme start="20261101180000 +0000" stop="20261101210000 +0000" channel="sports.test">
    <title>Match ${tag}</title><episode-num system="xmltv_ns">1.4.</episode-num>
    <category>Sports</category><previously-shown start="20251012"/>
  </programme>
  <programme start="20261101180000 +0000" stop="20261101190000 +0000" channel="elsewhere.test">
    <title>Someone else's</title>
  </programme>
  <programme start="20261101210000 +0000" stop="20261101200000 +0000" channel="sports.test"><title>Broken</title></programme>
</tv>`;

beforeAll(async () => {
  await db.channel.createMany({
    data: [news, sports].map((c) => ({ ...c, category: "entertainment" })),
  });
});

afterAll(async () => {
  await db.channel.deleteMany({ where: { id: { in: [news.id, sports.id] } } });
  await db.$disconnect();
});

async function importFile() {
  const lineup = await db.channel.findMany({ select: { id: true, number: true, name: true, callSign: true } });
  const parsed = parseXmltv(xml, { channelMap: createChannelMatcher(lineup) });
  const result = await importGuide(db, parsed.programs, range);
  const rows = await db.program.findMany({
    where: { channelId: { in: [news.id, sports.id] } },
    orderBy: [{ startsAt: "asc" }, { channelId: "asc" }],
  });
  return { parsed, result, rows };
}

describe("importing an XMLTV file", () => {
  it("writes the mapped channels' programmes, and the same rows again on a second import", async () => {
    const first = await importFile();
    expect(first.parsed.unmapped).toBe(1);
    expect(first.parsed.problems).toEqual([
      { index: 5, reason: "stop 20261101200000 +0000 is not after start 20261101210000 +0000" },
    ]);
    expect(first.result).toEqual({ channels: 2, deleted: 0, inserted: 4, skipped: 0 });
    expect(
      first.rows.map((r) => ({
        channelId: r.channelId,
        title: r.title,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        programRef: r.programRef,
        seriesRef: r.seriesRef,
        isNew: r.isNew,
        originalAirDate: r.originalAirDate?.toISOString().slice(0, 10) ?? null,
      })),
    ).toEqual([
      {
        channelId: news.id,
        title: `Late News ${tag}`,
        startsAt: "2026-11-01T07:30:00.000Z",
        endsAt: "2026-11-01T08:00:00.000Z",
        programRef: `EP${base}.0001`,
        seriesRef: `SH${base}`,
        isNew: true,
        originalAirDate: null,
      },
      {
        channelId: news.id,
        title: `Overnight ${tag}`,
        // Ends where the next airing starts: an hour later, in the repeated 01:00 hour.
        startsAt: "2026-11-01T08:00:00.000Z",
        endsAt: "2026-11-01T09:00:00.000Z",
        programRef: expect.stringMatching(/^[0-9a-f]{16}$/),
        seriesRef: null,
        isNew: false,
        originalAirDate: null,
      },
      {
        channelId: news.id,
        title: `Overnight ${tag}`,
        startsAt: "2026-11-01T09:00:00.000Z",
        endsAt: "2026-11-01T10:00:00.000Z",
        programRef: expect.stringMatching(/^[0-9a-f]{16}$/),
        seriesRef: null,
        isNew: false,
        originalAirDate: null,
      },
      {
        channelId: sports.id,
        title: `Match ${tag}`,
        startsAt: "2026-11-01T18:00:00.000Z",
        endsAt: "2026-11-01T21:00:00.000Z",
        programRef: `xmltv:match-${tag}:S2E5`,
        seriesRef: `xmltv:match-${tag}`,
        isNew: false,
        originalAirDate: "2025-10-12",
      },
    ]);
    expect(first.rows[1]!.programRef).not.toBe(first.rows[2]!.programRef);

    const second = await importFile();
    expect(second.result).toEqual({ channels: 2, deleted: 4, inserted: 4, skipped: 0 });
    expect(second.rows).toEqual(first.rows);
  });
});
