import { generateGuide } from "../dvr/guide-generator.ts";
import type { GuideAiring, LibraryRecording, ScheduleRule } from "../dvr/schedule-types.ts";

/** A small deterministic generator, so every run plans the same rules. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A household with many rules over a generated guide: `pnpm bench dvr` plans 200 rules over 300
 * channels × 14 days; a test plans a smaller one to check the scheduler ends and keeps its limits.
 */
export function planningWorkload(size: { channels: number; rules: number; days?: number }) {
  const categories = ["news", "sports", "movies", "kids", "entertainment", "lifestyle", "local", "music", "spanish"];
  const channels = Array.from({ length: size.channels }, (_, i) => ({
    id: `ch${i + 1}`,
    category: categories[i % categories.length]!,
  }));
  const start = new Date("2026-11-22T18:00:00Z");
  const programs = generateGuide(channels, { start, seed: 7, days: size.days ?? 14 });
  const number = new Map(channels.map((c, i) => [c.id, i + 1]));
  const guide: GuideAiring[] = programs.map((p, i) => ({
    id: `a${i}`,
    channelId: p.channelId,
    channelNumber: number.get(p.channelId) ?? 0,
    programRef: p.programRef,
    seriesRef: p.seriesRef,
    season: p.season,
    episode: p.episode,
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    isNew: p.isNew,
    hd: true,
    recordable: (number.get(p.channelId) ?? 0) % 37 !== 0,
  }));
  const random = seededRandom(42);
  const series = [...new Set(guide.map((a) => a.seriesRef).filter((s): s is string => s !== null))];
  const rules: ScheduleRule[] = Array.from({ length: size.rules }, (_, i) => {
    const single = i % 5 === 4;
    const airing = guide[Math.floor(random() * guide.length)]!;
    const seriesRef = series[Math.floor(random() * series.length)]!;
    const example = guide.find((a) => a.seriesRef === seriesRef)!;
    return {
      id: `r${i}`,
      kind: single ? "SINGLE" : "SERIES",
      programId: single ? airing.id : null,
      seriesRef: single ? null : seriesRef,
      title: single ? airing.title : example.title,
      channelId: single || random() < 0.5 ? (single ? airing.channelId : example.channelId) : null,
      newOnly: random() < 0.5,
      keepLatest: random() < 0.3 ? 5 : null,
      keep: random() < 0.8 ? "SPACE_NEEDED" : "UNTIL_DELETED",
      paddingBeforeMin: random() < 0.3 ? 2 : 0,
      paddingAfterMin: random() < 0.5 ? 5 : 0,
      priority: i + 1,
      createdAt: new Date(start.getTime() - i * 60_000),
    };
  });
  const library: LibraryRecording[] = Array.from({ length: 300 }, (_, i) => {
    const begins = new Date(start.getTime() - (i + 1) * 3_600_000 * 7);
    return {
      id: `lib${i}`,
      ruleId: `r${i % size.rules}`,
      programId: null,
      programRef: `OLD${i}`,
      seriesRef: null,
      title: `Old ${i}`,
      subtitle: null,
      description: null,
      startsAt: begins,
      endsAt: new Date(begins.getTime() + 3_600_000),
      status: "COMPLETED",
      protected: i % 10 === 0,
      keep: "SPACE_NEEDED",
    };
  });
  return { start, guide, rules, library };
}
