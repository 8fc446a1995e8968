import type {
  GuideAiring,
  LibraryRecording,
  PlannedConflict,
  PlannedRecording,
  PlannedStatus,
  ScheduleInput,
  SchedulePlan,
  ScheduleRule,
} from "./schedule-types.ts";

/**
 * The cloud-DVR scheduler (MythTV / Tvheadend / Jellyfin style), as a pure function: rules + guide
 * + library + capacity in, a plan out. Same input, same plan (also with the arrays shuffled): every
 * tie is broken by a stable key, and nothing reads the clock.
 *
 * 1. Expand the rules over the guide (SINGLE: its airing; SERIES: series or title, channel, new only).
 * 2. SKIPPED where the household skipped an airing; NOT_ALLOWED where the network forbids cloud recording.
 * 3. Dedupe episodes against the library and within the plan.
 * 4. Order: in progress, rule priority, SINGLE before SERIES, start, channel number, ids.
 * 5. Allocate greedily against the stream limit with padded windows, clipping padding (never the
 *    program) where back-to-back recordings would otherwise exceed it; try another airing of the
 *    episode before declaring a conflict.
 * 6. Storage: free "space needed" recordings oldest first, and apply "keep latest N".
 * All arithmetic is on instants (epoch milliseconds), so DST changes are just intervals.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Episode identity

function norm(text: string | null | undefined): string {
  return (text ?? "").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * A guide id that names the series rather than one episode: empty, the series id itself, a
 * Gracenote/Schedules Direct show-level id ("SH…"), or an episode id with the generic episode
 * number 0000 ("EP01234567.0000", "EP012345670000").
 */
export function isGenericProgramRef(programRef: string | null | undefined, seriesRef: string | null): boolean {
  const ref = (programRef ?? "").trim();
  if (ref === "") return true;
  if (seriesRef !== null && ref === seriesRef.trim()) return true;
  if (/^SH\d/i.test(ref)) return true;
  return /^EP\d+\.?0000$/i.test(ref);
}

interface EpisodeFields {
  programRef: string | null;
  seriesRef: string | null;
  title: string;
  subtitle: string | null;
  description: string | null;
}

/**
 * What identifies an episode for duplicate matching: the guide's programRef, or, when that is
 * missing or generic, the title + subtitle + description (both non-empty). Null when neither
 * identifies it (then each airing is its own episode, as MythTV records generic episodes).
 */
export function episodeKeyOf(fields: EpisodeFields): string | null {
  if (!isGenericProgramRef(fields.programRef, fields.seriesRef)) return `p:${(fields.programRef ?? "").trim()}`;
  const subtitle = norm(fields.subtitle);
  const description = norm(fields.description);
  if (subtitle === "" || description === "") return null;
  return `sd:${norm(fields.title)}\u0000${subtitle}\u0000${description}`;
}

/** The episode an airing is, for "every episode recorded at most once". */
export function airingEpisodeKey(airing: GuideAiring): string {
  return episodeKeyOf(airing) ?? `a:${airing.id}`;
}

function libraryEpisodeKey(recording: LibraryRecording): string | null {
  return episodeKeyOf(recording) ?? (recording.programId ? `a:${recording.programId}` : null);
}

// ---------------------------------------------------------------------------------------------
// Ordering helpers (plain code-unit comparison: no locale)

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpAiring(a: GuideAiring, b: GuideAiring): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || a.channelNumber - b.channelNumber || cmpStr(a.id, b.id);
}

// ---------------------------------------------------------------------------------------------
// Candidates and allocated capture windows

interface Candidate {
  rule: ScheduleRule;
  airing: GuideAiring;
  episode: string;
  /** Sort keys, read once. */
  airingStart: number;
  channelNumber: number;
  priority: number;
  kind: number;
  /** New before repeat, then HD: 0 is the best. */
  preference: number;
  /** The program, from now on (an airing already on air can only be recorded from now). */
  coreStart: number;
  coreEnd: number;
  /** The padded window. */
  padStart: number;
  padEnd: number;
  inProgress: boolean;
  decided: boolean;
  /** The outcome so far. */
  status: PlannedStatus;
  start: number;
  end: number;
  duplicateOf: { recordingId?: string; airingId?: string } | undefined;
  conflict: PlannedConflict | undefined;
}

interface Slot {
  ruleId: string | null;
  coreStart: number;
  coreEnd: number;
  start: number;
  end: number;
  /** A library RECORDING: never moved or cut. */
  fixed: boolean;
  candidate: Candidate | null;
  key: string;
}

interface Window {
  slot: Slot;
  start: number;
  end: number;
}

/** Spans of [lo, hi) where at least `limit` of the intervals overlap. */
function crowdedSpans(intervals: { start: number; end: number }[], limit: number, lo: number, hi: number) {
  const spans: { start: number; end: number }[] = [];
  if (hi <= lo) return spans;
  if (limit <= 0) return [{ start: lo, end: hi }];
  const events: [number, number][] = [];
  for (const interval of intervals) {
    const start = Math.max(interval.start, lo);
    const end = Math.min(interval.end, hi);
    if (start < end) events.push([start, 1], [end, -1]);
  }
  // Half-open intervals: an end at t frees the stream before a start at t takes it.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let count = 0;
  let openedAt = 0;
  for (const [time, delta] of events) {
    const before = count;
    count += delta;
    if (before < limit && count >= limit) openedAt = time;
    else if (before >= limit && count < limit && time > openedAt) {
      const last = spans.at(-1);
      if (last && last.end === openedAt) last.end = time;
      else spans.push({ start: openedAt, end: time });
    }
  }
  return spans;
}

function intersects(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Allocated capture windows, sorted by program start for local overlap queries. */
class StreamBook {
  private readonly slots: Slot[] = [];
  private maxLead = 0;
  private maxSpan = 0;

  constructor(readonly streams: number) {}

  all(): readonly Slot[] {
    return this.slots;
  }

  insert(slot: Slot): void {
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.slots[mid]!;
      if (other.coreStart < slot.coreStart || (other.coreStart === slot.coreStart && other.key < slot.key))
        lo = mid + 1;
      else hi = mid;
    }
    this.slots.splice(lo, 0, slot);
    this.maxLead = Math.max(this.maxLead, slot.coreStart - slot.start);
    this.maxSpan = Math.max(this.maxSpan, slot.end - slot.coreStart);
  }

  /** Slots whose current window overlaps [start, end). Windows only ever shrink. */
  overlapping(start: number, end: number): Slot[] {
    const from = start - this.maxSpan;
    const to = end + this.maxLead;
    let lo = 0;
    let hi = this.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.slots[mid]!.coreStart <= from) lo = mid + 1;
      else hi = mid;
    }
    const found: Slot[] = [];
    for (let i = lo; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot.coreStart >= to) break;
      if (slot.start < end && slot.end > start) found.push(slot);
    }
    return found;
  }
}

type StreamFit =
  | { ok: true; start: number; end: number; clips: Window[]; freedMs: number }
  | { ok: false; blockingRuleIds: string[]; blockingAirings: { ruleId: string; airingId: string }[] };

/**
 * Whether a window fits the stream limit, and how: programs never overlap beyond the limit; where
 * only padding does, the padding is clipped (others' padding that reaches into this program, and
 * this recording's own padding where the streams are taken).
 */
function fitStreams(book: StreamBook, c: Pick<Candidate, "coreStart" | "coreEnd" | "padStart" | "padEnd">): StreamFit {
  const limit = book.streams;
  const others = book.overlapping(c.padStart, c.padEnd);
  const core = { start: c.coreStart, end: c.coreEnd };
  const programs = others.map((slot) =>
    slot.fixed ? { start: slot.start, end: slot.end } : { start: slot.coreStart, end: slot.coreEnd },
  );
  const blocked = crowdedSpans(programs, limit, core.start, core.end);
  if (blocked.length > 0) {
    const ids = new Set<string>();
    const airings: { ruleId: string; airingId: string }[] = [];
    others.forEach((slot, i) => {
      if (slot.ruleId === null || !blocked.some((span) => intersects(span, programs[i]!))) return;
      ids.add(slot.ruleId);
      if (!slot.fixed && slot.candidate) airings.push({ ruleId: slot.ruleId, airingId: slot.candidate.airing.id });
    });
    airings.sort((a, b) => cmpStr(a.airingId, b.airingId) || cmpStr(a.ruleId, b.ruleId));
    return { ok: false, blockingRuleIds: [...ids].sort(cmpStr), blockingAirings: airings };
  }

  const windows: Window[] = others.map((slot) => ({ slot, start: slot.start, end: slot.end }));
  const clipped = new Set<Window>();
  // Windows already cut down to their program: nothing more to take from them.
  const bare = new Set<Window>();
  for (;;) {
    const crowded = crowdedSpans(windows, limit, core.start, core.end);
    if (crowded.length === 0) break;
    const intruder = windows
      .filter((w) => !w.slot.fixed && !bare.has(w))
      .map((w) => ({
        w,
        pre: crowded.some((span) => intersects(span, { start: w.start, end: Math.min(w.slot.coreStart, w.end) })),
        post: crowded.some((span) => intersects(span, { start: Math.max(w.slot.coreEnd, w.start), end: w.end })),
      }))
      .filter((x) => x.pre || x.post)
      .sort((a, b) => a.w.slot.coreStart - b.w.slot.coreStart || cmpStr(a.w.slot.key, b.w.slot.key))[0];
    if (!intruder) break; // cannot happen: the programs alone fit
    const { w } = intruder;
    const before = { start: w.start, end: w.end };
    if (intruder.pre) w.start = Math.max(w.start, Math.min(w.slot.coreStart, core.end));
    if (intruder.post) w.end = Math.min(w.end, Math.max(w.slot.coreEnd, core.start));
    if (w.start === before.start && w.end === before.end) {
      // The partial cut takes nothing here (the padding sits beside this program, not in it): take
      // all of the window's padding instead, so every pass makes progress and the loop ends.
      w.start = Math.max(w.start, w.slot.coreStart);
      w.end = Math.min(w.end, w.slot.coreEnd);
      bare.add(w);
    }
    clipped.add(w);
  }

  let start = c.padStart;
  for (const span of crowdedSpans(windows, limit, c.padStart, c.coreStart)) start = Math.max(start, span.end);
  let end = c.padEnd;
  const after = crowdedSpans(windows, limit, c.coreEnd, c.padEnd)[0];
  if (after) end = Math.min(end, after.start);

  const clips = [...clipped];
  const freedMs = clips.reduce((sum, w) => sum + (w.slot.end - w.slot.start) - (w.end - w.start), 0);
  return { ok: true, start, end, clips, freedMs };
}

// ---------------------------------------------------------------------------------------------
// Storage

interface KeepState {
  limit: number;
  /** Planned WILL_RECORD and library RECORDING of the rule: newer than anything completed. */
  newer: number;
  /** The rule's COMPLETED library recordings, newest first. */
  completed: LibraryRecording[];
}

class StorageBook {
  usedMs = 0;
  readonly capMs: number;
  readonly deleted = new Set<string>();
  private readonly pool: LibraryRecording[];
  private poolIndex = 0;
  private poolRemainingMs = 0;
  private readonly poolIds = new Set<string>();
  readonly keep = new Map<string, KeepState>();

  constructor(storageHours: number, library: LibraryRecording[], rules: ScheduleRule[]) {
    this.capMs = storageHours * HOUR_MS;
    for (const recording of library) {
      if (recording.status !== "FAILED") this.usedMs += durationMs(recording);
    }
    this.pool = library.filter((r) => r.status === "COMPLETED" && !r.protected && r.keep === "SPACE_NEEDED");
    for (const r of this.pool) {
      this.poolIds.add(r.id);
      this.poolRemainingMs += durationMs(r);
    }
    for (const rule of rules) {
      if (rule.kind !== "SERIES" || rule.keepLatest === null || this.keep.has(rule.id)) continue;
      const mine = library.filter((r) => r.ruleId === rule.id);
      this.keep.set(rule.id, {
        limit: Math.max(0, rule.keepLatest),
        newer: mine.filter((r) => r.status === "RECORDING").length,
        completed: mine
          .filter((r) => r.status === "COMPLETED")
          .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || cmpStr(b.id, a.id)),
      });
    }
  }

  /** COMPLETED recordings of the rule beyond its latest N, with `extra` more planned. */
  keepLatestExcess(ruleId: string, extra: number): LibraryRecording[] {
    const state = this.keep.get(ruleId);
    if (!state) return [];
    return state.completed.filter(
      (r, i) => state.newer + extra + i >= state.limit && !r.protected && !this.deleted.has(r.id),
    );
  }

  /** What must be deleted for `addMs` more (after `freedMs` and the rule's keep-latest), or null. */
  plan(ruleId: string, addMs: number, freedMs: number): LibraryRecording[] | null {
    const byKeep = this.keepLatestExcess(ruleId, 1);
    let used = this.usedMs - freedMs + addMs - byKeep.reduce((sum, r) => sum + durationMs(r), 0);
    if (used <= this.capMs) return byKeep;
    const chosen = new Set(byKeep.map((r) => r.id));
    const available =
      this.poolRemainingMs - byKeep.reduce((sum, r) => sum + (this.poolIds.has(r.id) ? durationMs(r) : 0), 0);
    if (used - available > this.capMs) return null;
    const deletions = [...byKeep];
    for (let i = this.poolIndex; i < this.pool.length && used > this.capMs; i++) {
      const r = this.pool[i]!;
      if (this.deleted.has(r.id) || chosen.has(r.id)) continue;
      deletions.push(r);
      used -= durationMs(r);
    }
    return used <= this.capMs ? deletions : null;
  }

  delete(recordings: LibraryRecording[]): void {
    for (const r of recordings) {
      if (this.deleted.has(r.id)) continue;
      this.deleted.add(r.id);
      this.usedMs -= durationMs(r);
      if (this.poolIds.has(r.id)) this.poolRemainingMs -= durationMs(r);
    }
    while (this.poolIndex < this.pool.length && this.deleted.has(this.pool[this.poolIndex]!.id)) this.poolIndex++;
  }

  planned(ruleId: string): void {
    const state = this.keep.get(ruleId);
    if (state) state.newer++;
  }
}

function durationMs(r: { startsAt: Date; endsAt: Date }): number {
  return Math.max(0, r.endsAt.getTime() - r.startsAt.getTime());
}

// ---------------------------------------------------------------------------------------------
// The planner

export function planRecordings(input: ScheduleInput): SchedulePlan {
  const now = input.now.getTime();
  const streams = Math.max(0, Math.floor(input.capacity.streams));
  const rules = [...input.rules].sort((a, b) => cmpStr(a.id, b.id));
  const rulesById = new Map(rules.map((r) => [r.id, r]));
  const library = [...input.library].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || cmpStr(a.id, b.id));

  // Index the guide once, for only what the rules and the library ask for.
  const titles = new Map<string, string>();
  const titleOf = (airing: GuideAiring): string => {
    let title = titles.get(airing.title);
    if (title === undefined) titles.set(airing.title, (title = norm(airing.title)));
    return title;
  };
  const wantedIds = new Set<string>();
  const wantedSeries = new Set<string>();
  const wantedTitles = new Set<string>();
  for (const rule of rules) {
    if (rule.kind === "SINGLE") {
      if (rule.programId) wantedIds.add(rule.programId);
    } else if (rule.seriesRef) wantedSeries.add(rule.seriesRef);
    else wantedTitles.add(norm(rule.title));
  }
  for (const recording of library) if (recording.programId) wantedIds.add(recording.programId);
  const byId = new Map<string, GuideAiring>();
  const bySeries = new Map<string, GuideAiring[]>();
  const byTitle = new Map<string, GuideAiring[]>();
  for (const airing of input.guide) {
    if (wantedIds.has(airing.id)) {
      const known = byId.get(airing.id);
      if (!known || cmpAiring(airing, known) < 0) byId.set(airing.id, airing);
    }
    if (airing.seriesRef !== null && wantedSeries.has(airing.seriesRef)) push(bySeries, airing.seriesRef, airing);
    if (wantedTitles.size > 0) {
      const title = titleOf(airing);
      if (wantedTitles.has(title)) push(byTitle, title, airing);
    }
  }

  // Other airings of an episode (for conflicts), indexed on first need.
  let byProgramRef: Map<string, GuideAiring[]> | null = null;
  let byAnyTitle: Map<string, GuideAiring[]> | null = null;
  const alternativesCache = new Map<string, GuideAiring[]>();
  const episodeAirings = (key: string, sample: GuideAiring): GuideAiring[] => {
    let found = alternativesCache.get(key);
    if (found) return found;
    let pool: GuideAiring[] = [];
    if (key.startsWith("p:")) {
      if (!byProgramRef) {
        byProgramRef = new Map();
        for (const airing of input.guide) push(byProgramRef, airing.programRef.trim(), airing);
      }
      pool = byProgramRef.get(key.slice(2)) ?? [];
    } else if (key.startsWith("sd:")) {
      if (!byAnyTitle) {
        byAnyTitle = new Map();
        for (const airing of input.guide) push(byAnyTitle, titleOf(airing), airing);
      }
      pool = byAnyTitle.get(titleOf(sample)) ?? [];
    }
    const seen = new Set<string>();
    found = pool
      .filter((a) => a.recordable && a.endsAt.getTime() > now && airingEpisodeKey(a) === key)
      .sort(cmpAiring)
      .filter((a) => !seen.has(a.id) && seen.add(a.id));
    alternativesCache.set(key, found);
    return found;
  };

  // 1. Expand the rules.
  const candidates: Candidate[] = [];
  const byRule = new Map<string, Map<string, Candidate>>();
  const addCandidate = (rule: ScheduleRule, airing: GuideAiring): Candidate => {
    let mine = byRule.get(rule.id);
    if (!mine) byRule.set(rule.id, (mine = new Map()));
    const existing = mine.get(airing.id);
    if (existing) return existing;
    const window = windowFor(rule, airing, now);
    const candidate: Candidate = {
      rule,
      airing,
      episode: airingEpisodeKey(airing),
      airingStart: airing.startsAt.getTime(),
      channelNumber: airing.channelNumber,
      priority: rule.priority,
      kind: kindRank(rule),
      preference: (airing.isNew ? 0 : 2) + (airing.hd ? 0 : 1),
      ...window,
      inProgress: false,
      decided: false,
      status: "CONFLICT",
      start: window.padStart,
      end: window.padEnd,
      duplicateOf: undefined,
      conflict: undefined,
    };
    mine.set(airing.id, candidate);
    candidates.push(candidate);
    return candidate;
  };
  for (const rule of rules) {
    if (rule.kind === "SINGLE") {
      const airing = rule.programId ? byId.get(rule.programId) : undefined;
      if (airing && airing.endsAt.getTime() > now) addCandidate(rule, airing);
      continue;
    }
    const pool = rule.seriesRef ? bySeries.get(rule.seriesRef) : byTitle.get(norm(rule.title));
    for (const airing of pool ?? []) {
      if (airing.endsAt.getTime() <= now) continue;
      if (rule.channelId !== null && airing.channelId !== rule.channelId) continue;
      if (rule.newOnly && !airing.isNew) continue;
      addCandidate(rule, airing);
    }
  }

  const book = new StreamBook(streams);
  const storage = new StorageBook(input.capacity.storageHours, library, rules);
  /** Episodes recorded in this plan (WILL_RECORD or RECORDING): episode → airing id. */
  const recordedEpisodes = new Map<string, string>();
  /** Episodes being recorded now (library RECORDING): episode → recording id. */
  const recordingEpisodes = new Map<string, string>();
  /** Episodes already in the library (COMPLETED or RECORDING): episode → recording id. */
  const libraryEpisodes = new Map<string, string>();

  // In progress: a library RECORDING keeps its window, before anything else is placed.
  const candidatesByAiring = new Map<string, Candidate[]>();
  for (const c of candidates) if (wantedIds.has(c.airing.id)) push(candidatesByAiring, c.airing.id, c);
  for (const recording of library) {
    if (recording.status === "FAILED") continue;
    const key = libraryEpisodeKey(recording);
    if (key !== null && !libraryEpisodes.has(key)) libraryEpisodes.set(key, recording.id);
    if (recording.status !== "RECORDING") continue;
    if (key !== null && !recordingEpisodes.has(key)) recordingEpisodes.set(key, recording.id);

    const airing = recording.programId ? byId.get(recording.programId) : undefined;
    let owner: Candidate | undefined;
    if (airing && airing.endsAt.getTime() > now) {
      const rule = recording.ruleId ? rulesById.get(recording.ruleId) : undefined;
      if (rule) owner = addCandidate(rule, airing);
      else owner = (candidatesByAiring.get(airing.id) ?? []).sort(cmpRuleOrder)[0];
    }
    if (owner?.decided) owner = undefined;
    const start = recording.startsAt.getTime();
    const end = recording.endsAt.getTime();
    if (owner) {
      owner.inProgress = true;
      decide(owner, "RECORDING");
      owner.start = start;
      owner.end = end;
      recordedEpisodes.set(owner.episode, owner.airing.id);
      if (key !== null) recordedEpisodes.set(key, owner.airing.id);
    }
    book.insert({
      ruleId: recording.ruleId,
      coreStart: start,
      coreEnd: end,
      start,
      end,
      fixed: true,
      candidate: owner ?? null,
      key: `r:${recording.id}`,
    });
  }

  // 2–3. Skipped by the household; not allowed; duplicates of the library (a single airing asked
  // for is recorded again, unless that episode is being recorded right now).
  const skipped = new Map(rules.map((rule) => [rule.id, new Set(rule.skippedAiringIds ?? [])]));
  for (const c of candidates) {
    if (c.decided) continue;
    if (skipped.get(c.rule.id)?.has(c.airing.id)) {
      decide(c, "SKIPPED");
      continue;
    }
    if (!c.airing.recordable) {
      decide(c, "NOT_ALLOWED");
      continue;
    }
    const recordingId =
      recordingEpisodes.get(c.episode) ?? (c.rule.kind === "SERIES" ? libraryEpisodes.get(c.episode) : undefined);
    if (recordingId !== undefined) decide(c, "DUPLICATE", { recordingId });
  }

  // Keep-latest N: the library alone may already hold more than N of a series.
  for (const rule of rules) storage.delete(storage.keepLatestExcess(rule.id, 0));

  // 4. Order: priority, SINGLE before SERIES, start, channel number, ids (in progress is placed).
  const ordered = candidates.filter((c) => !c.decided).sort(cmpRuleOrder);
  const groups = new Map<string, Candidate[]>();
  const groupKey = (c: Candidate) => `${c.rule.id}\u0000${c.episode}`;
  for (const c of ordered) push(groups, groupKey(c), c);

  // 5–7. Allocate greedily.
  for (const first of ordered) {
    if (first.decided) continue;
    const recordedAt = recordedEpisodes.get(first.episode);
    if (recordedAt !== undefined) {
      decide(first, "DUPLICATE", { airingId: recordedAt });
      continue;
    }
    const group = (groups.get(groupKey(first)) ?? []).filter((c) => !c.decided);
    if (group.length > 1) group.sort(cmpCandidatePreference);

    const fits = new Map<string, { stream: StreamFit; deletions: LibraryRecording[] | null }>();
    const tryFit = (c: ReturnType<typeof windowFor>, airingId: string) => {
      let result = fits.get(airingId);
      if (!result) {
        const stream = fitStreams(book, c);
        const deletions = stream.ok ? storage.plan(first.rule.id, stream.end - stream.start, stream.freedMs) : null;
        result = { stream, deletions };
        fits.set(airingId, result);
      }
      return result;
    };

    let chosen: Candidate | undefined;
    for (const c of group) {
      const fit = tryFit(c, c.airing.id);
      if (fit.stream.ok && fit.deletions) {
        chosen = c;
        accept(c, fit.stream, fit.deletions);
        break;
      }
    }
    if (chosen) {
      for (const c of group) if (c !== chosen) decide(c, "DUPLICATE", { airingId: chosen.airing.id });
      continue;
    }

    // No airing of the episode fits: a conflict, with the other airings and whether each would fit.
    const mine = byRule.get(first.rule.id);
    const alternatives = episodeAirings(first.episode, first.airing).map((airing) => {
      const fit = tryFit(mine?.get(airing.id) ?? windowFor(first.rule, airing, now), airing.id);
      return { airingId: airing.id, fits: fit.stream.ok && fit.deletions !== null };
    });
    for (const c of group) {
      const fit = tryFit(c, c.airing.id);
      decide(c, "CONFLICT", undefined, {
        reason: fit.stream.ok ? "STORAGE_FULL" : "TOO_MANY_AT_ONCE",
        blockingRuleIds: fit.stream.ok ? [] : fit.stream.blockingRuleIds,
        blockingAirings: fit.stream.ok ? [] : fit.stream.blockingAirings,
        otherAirings: alternatives.filter((a) => a.airingId !== c.airing.id),
      });
    }
  }

  // A conflict whose episode another rule records after all is a duplicate of that recording.
  for (const c of candidates) {
    const recordedAt = c.status === "CONFLICT" ? recordedEpisodes.get(c.episode) : undefined;
    if (recordedAt !== undefined) decide(c, "DUPLICATE", { airingId: recordedAt });
  }

  const items = candidates
    .sort(
      (a, b) =>
        a.airingStart - b.airingStart ||
        a.channelNumber - b.channelNumber ||
        cmpStr(a.airing.id, b.airing.id) ||
        cmpStr(a.rule.id, b.rule.id),
    )
    .map((c) => {
      const item: PlannedRecording = {
        ruleId: c.rule.id,
        airing: c.airing,
        status: c.status,
        startsAt: new Date(c.start),
        endsAt: new Date(c.end),
      };
      if (c.duplicateOf) item.duplicateOf = c.duplicateOf;
      if (c.conflict) item.conflict = c.conflict;
      return item;
    });
  const autoDelete = library.filter((r) => storage.deleted.has(r.id)).map((r) => r.id);
  return { items, autoDelete, storageUsedHours: storage.usedMs / HOUR_MS };

  function decide(
    c: Candidate,
    status: PlannedStatus,
    duplicateOf?: Candidate["duplicateOf"],
    conflict?: PlannedConflict,
  ): void {
    c.decided = true;
    c.status = status;
    c.duplicateOf = duplicateOf;
    c.conflict = conflict;
  }

  function accept(c: Candidate, fit: Extract<StreamFit, { ok: true }>, deletions: LibraryRecording[]): void {
    for (const clip of fit.clips) {
      clip.slot.start = clip.start;
      clip.slot.end = clip.end;
      const owner = clip.slot.candidate;
      if (owner) {
        owner.start = clip.start;
        owner.end = clip.end;
      }
    }
    storage.usedMs += fit.end - fit.start - fit.freedMs;
    storage.delete(deletions);
    storage.planned(c.rule.id);
    decide(c, "WILL_RECORD");
    c.start = fit.start;
    c.end = fit.end;
    recordedEpisodes.set(c.episode, c.airing.id);
    book.insert({
      ruleId: c.rule.id,
      coreStart: c.coreStart,
      coreEnd: c.coreEnd,
      start: fit.start,
      end: fit.end,
      fixed: false,
      candidate: c,
      key: `c:${c.airing.id}\u0000${c.rule.id}`,
    });
  }
}

/** Which airing of an episode to record first: new, then HD, then the earliest. */
function cmpCandidatePreference(a: Candidate, b: Candidate): number {
  return (
    a.preference - b.preference ||
    a.airingStart - b.airingStart ||
    a.channelNumber - b.channelNumber ||
    cmpStr(a.airing.id, b.airing.id)
  );
}

function cmpRuleOrder(a: Candidate, b: Candidate): number {
  return (
    Number(b.inProgress) - Number(a.inProgress) ||
    a.priority - b.priority ||
    a.kind - b.kind ||
    a.airingStart - b.airingStart ||
    a.channelNumber - b.channelNumber ||
    cmpStr(a.airing.id, b.airing.id) ||
    cmpStr(a.rule.id, b.rule.id)
  );
}

function kindRank(rule: ScheduleRule): number {
  return rule.kind === "SINGLE" ? 0 : 1;
}

function windowFor(rule: ScheduleRule, airing: GuideAiring, now: number) {
  const coreStart = Math.max(airing.startsAt.getTime(), now);
  const coreEnd = Math.max(airing.endsAt.getTime(), coreStart);
  return {
    coreStart,
    coreEnd,
    padStart: Math.min(
      coreStart,
      Math.max(airing.startsAt.getTime() - Math.max(0, rule.paddingBeforeMin) * MINUTE_MS, now),
    ),
    padEnd: coreEnd + Math.max(0, rule.paddingAfterMin) * MINUTE_MS,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
