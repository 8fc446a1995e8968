import type { DbTx, Prisma } from "@homeport/db";
import type { CoreContext } from "../context.ts";
import { planRecordings } from "./schedule.ts";
import type { DvrCapacity, GuideAiring, LibraryRecording, ScheduleRule, SchedulePlan } from "./schedule-types.ts";

type Ctx = Pick<CoreContext, "db" | "now">;

/** How far ahead the scheduler looks into the guide. */
export const DVR_HORIZON_DAYS = 14;
const DAY_MS = 86_400_000;

export interface DvrRuleInfo {
  id: string;
  kind: "SINGLE" | "SERIES";
  title: string;
  priority: number;
  profileId: string;
  profileName: string | null;
}

export interface DvrPlan {
  now: Date;
  timeZone: string;
  /** Whether the account has a TV plan (with cloud DVR) right now. */
  hasTv: boolean;
  capacity: DvrCapacity;
  plan: SchedulePlan;
  rules: Record<string, DvrRuleInfo>;
  profiles: { id: string; name: string }[];
  /** Every airing the plan looked at (the items' and their other airings), by id. */
  airings: Record<string, GuideAiring & { genre: string | null }>;
  /** The channels of those airings, for display. */
  channels: Record<string, { number: number; name: string; callSign: string }>;
}

/** The account's TV plan's DVR: storage hours and simultaneous recordings (none without TV). */
export async function dvrCapacity(
  db: DbTx,
  accountId: string,
  now: Date,
): Promise<{ hasTv: boolean; capacity: DvrCapacity }> {
  const subscription = await db.subscription.findFirst({
    where: {
      accountId,
      plan: { kind: "TV" },
      startedOn: { lte: now },
      OR: [{ endedOn: null }, { endedOn: { gt: now } }],
    },
    orderBy: { startedOn: "desc" },
    select: { plan: { select: { dvrHours: true, dvrStreams: true } } },
  });
  if (!subscription) return { hasTv: false, capacity: { streams: 0, storageHours: 0 } };
  return {
    hasTv: true,
    capacity: { streams: subscription.plan.dvrStreams ?? 0, storageHours: subscription.plan.dvrHours ?? 0 },
  };
}

/**
 * The account's DVR plan for the next two weeks: what will record, what conflicts and why, and
 * what will be deleted to make room. Loads only the airings the rules can match.
 */
export async function getDvrPlan(ctx: Ctx, accountId: string): Promise<DvrPlan> {
  const now = ctx.now();
  const [account, { hasTv, capacity }, ruleRows, recordings, profiles] = await Promise.all([
    ctx.db.serviceAccount.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true } }),
    dvrCapacity(ctx.db, accountId, now),
    ctx.db.recordingRule.findMany({ where: { accountId }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] }),
    ctx.db.recording.findMany({ where: { accountId }, orderBy: { startsAt: "asc" } }),
    ctx.db.profile.findMany({ where: { accountId }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } }),
  ]);

  const programIds = new Set<string>();
  const seriesRefs = new Set<string>();
  const titles = new Set<string>();
  for (const rule of ruleRows) {
    if (rule.kind === "SINGLE" && rule.programId) programIds.add(rule.programId);
    else if (rule.kind === "SERIES" && rule.seriesRef) seriesRefs.add(rule.seriesRef);
    else if (rule.kind === "SERIES") titles.add(rule.title);
  }
  const match: Prisma.ProgramWhereInput[] = [];
  if (programIds.size > 0) match.push({ id: { in: [...programIds] } });
  if (seriesRefs.size > 0) match.push({ seriesRef: { in: [...seriesRefs] } });
  if (titles.size > 0) match.push({ seriesRef: null, title: { in: [...titles] } });
  // The same episodes' other airings, so a conflict can suggest one that fits.
  const programs =
    match.length === 0
      ? []
      : await ctx.db.program.findMany({
          where: {
            OR: match,
            endsAt: { gt: now },
            startsAt: { lt: new Date(now.getTime() + DVR_HORIZON_DAYS * DAY_MS) },
          },
          include: { channel: { select: { number: true, name: true, callSign: true, hd: true, recordable: true } } },
          orderBy: [{ startsAt: "asc" }],
        });
  const singleRefs = new Set(programs.filter((p) => programIds.has(p.id)).map((p) => p.programRef));
  const repeats =
    singleRefs.size === 0
      ? []
      : await ctx.db.program.findMany({
          where: {
            programRef: { in: [...singleRefs] },
            id: { notIn: programs.map((p) => p.id) },
            endsAt: { gt: now },
            startsAt: { lt: new Date(now.getTime() + DVR_HORIZON_DAYS * DAY_MS) },
          },
          include: { channel: { select: { number: true, name: true, callSign: true, hd: true, recordable: true } } },
        });

  const guide: (GuideAiring & { genre: string | null })[] = [...programs, ...repeats].map((p) => ({
    id: p.id,
    channelId: p.channelId,
    channelNumber: p.channel.number,
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
    hd: p.channel.hd,
    recordable: p.channel.recordable,
    genre: p.genre,
  }));
  const rules: ScheduleRule[] = ruleRows.map((r) => ({
    id: r.id,
    kind: r.kind,
    programId: r.programId,
    seriesRef: r.seriesRef,
    title: r.title,
    channelId: r.channelId,
    newOnly: r.newOnly,
    keepLatest: r.keepLatest,
    keep: r.keep,
    paddingBeforeMin: r.paddingBeforeMin,
    paddingAfterMin: r.paddingAfterMin,
    priority: r.priority,
    createdAt: r.createdAt,
    skippedAiringIds: r.skippedProgramIds,
  }));
  const library: LibraryRecording[] = recordings.map((r) => ({
    id: r.id,
    ruleId: r.ruleId,
    programId: r.programId,
    programRef: r.programRef,
    seriesRef: r.seriesRef,
    title: r.title,
    subtitle: r.subtitle,
    description: r.description,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    protected: r.protected,
    keep: r.keep,
  }));

  const plan = planRecordings({ now, rules, guide, library, capacity });
  const profileNames = new Map(profiles.map((p) => [p.id, p.name]));
  return {
    now,
    timeZone: account.timeZone,
    hasTv,
    capacity,
    plan,
    profiles,
    airings: Object.fromEntries(guide.map((a) => [a.id, a])),
    channels: Object.fromEntries(
      [...programs, ...repeats].map((p) => [
        p.channelId,
        { number: p.channel.number, name: p.channel.name, callSign: p.channel.callSign },
      ]),
    ),
    rules: Object.fromEntries(
      ruleRows.map((r) => [
        r.id,
        {
          id: r.id,
          kind: r.kind,
          title: r.title,
          priority: r.priority,
          profileId: r.profileId,
          profileName: profileNames.get(r.profileId) ?? null,
        },
      ]),
    ),
  };
}
