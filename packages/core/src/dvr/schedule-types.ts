/**
 * The cloud DVR scheduler's input and output. The scheduler (schedule.ts) is pure: the same input
 * gives the same plan, so it can be recomputed whenever the guide, the rules or the library change.
 */

export type RuleKind = "SINGLE" | "SERIES";
export type KeepPolicy = "SPACE_NEEDED" | "UNTIL_DELETED";

/** One airing in the guide, with what the scheduler needs to know about its channel. */
export interface GuideAiring {
  id: string;
  channelId: string;
  channelNumber: number;
  /** The guide's id for what airs (an episode or a movie), shared by its repeats. */
  programRef: string;
  seriesRef: string | null;
  season: number | null;
  episode: number | null;
  title: string;
  subtitle: string | null;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  isNew: boolean;
  hd: boolean;
  /** The network allows cloud-DVR recording. */
  recordable: boolean;
}

export interface ScheduleRule {
  id: string;
  kind: RuleKind;
  /** SINGLE: the airing to record. */
  programId: string | null;
  /** SERIES: the series to follow; when null, the title identifies the series. */
  seriesRef: string | null;
  title: string;
  /** Only this channel; null for any channel. */
  channelId: string | null;
  newOnly: boolean;
  keepLatest: number | null;
  keep: KeepPolicy;
  paddingBeforeMin: number;
  paddingAfterMin: number;
  /** 1 is the highest. */
  priority: number;
  createdAt: Date;
  /** Airings of this rule the household chose not to record ("skip this one"). */
  skippedAiringIds?: readonly string[];
}

/** What is already in the library (or being recorded now). */
export interface LibraryRecording {
  id: string;
  ruleId: string | null;
  programId: string | null;
  programRef: string;
  seriesRef: string | null;
  title: string;
  subtitle: string | null;
  description: string | null;
  /** The capture window, padding included. */
  startsAt: Date;
  endsAt: Date;
  status: "RECORDING" | "COMPLETED" | "FAILED";
  protected: boolean;
  keep: KeepPolicy;
}

export interface DvrCapacity {
  /** Recordings that can run at the same time. */
  streams: number;
  /** Hours of storage. */
  storageHours: number;
}

export interface ScheduleInput {
  now: Date;
  rules: ScheduleRule[];
  /** The guide over the horizon (e.g. the next 14 days). */
  guide: GuideAiring[];
  library: LibraryRecording[];
  capacity: DvrCapacity;
}

export type PlannedStatus =
  /** Fits and will be recorded. */
  | "WILL_RECORD"
  /** Being recorded now (from the library); never moved or cut. */
  | "RECORDING"
  /** Wanted but cannot be recorded: see `conflict`. */
  | "CONFLICT"
  /** Already recorded, or recorded at another airing in this plan. */
  | "DUPLICATE"
  /** The network does not allow cloud recording of this channel. */
  | "NOT_ALLOWED"
  /** The household skipped this airing of the rule; another airing of the episode may record. */
  | "SKIPPED";

export interface PlannedConflict {
  reason: "TOO_MANY_AT_ONCE" | "STORAGE_FULL";
  /** The rules whose recordings take the streams at that time (for TOO_MANY_AT_ONCE). */
  blockingRuleIds: string[];
  /** The planned airings among them, which the household could skip to make room (not those in progress). */
  blockingAirings: { ruleId: string; airingId: string }[];
  /** Other airings of the same episode, and whether each would fit. */
  otherAirings: { airingId: string; fits: boolean }[];
}

export interface PlannedRecording {
  ruleId: string;
  airing: GuideAiring;
  status: PlannedStatus;
  /** The capture window: padded, and clipped where back-to-back recordings would overlap. */
  startsAt: Date;
  endsAt: Date;
  /** For DUPLICATE: the library recording or the airing it duplicates. */
  duplicateOf?: { recordingId?: string; airingId?: string };
  conflict?: PlannedConflict;
}

export interface SchedulePlan {
  /** Every candidate airing of every rule, each once, ordered by start time then channel number. */
  items: PlannedRecording[];
  /**
   * Library recordings the plan deletes: "space needed" ones to make room, oldest first, and those
   * beyond a series' keep-latest N; never protected or in progress.
   */
  autoDelete: string[];
  /** Storage the library and the plan will use, in hours. */
  storageUsedHours: number;
}
