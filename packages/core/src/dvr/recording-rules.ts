import type { DbTx } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { lockAccount } from "../billing/household-recipients.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";

type Ctx = Pick<CoreContext, "db" | "now">;

export type DvrErrorCode =
  | "NO_ACCOUNT"
  | "NO_TV_SERVICE"
  | "NOT_ALLOWED"
  | "PROGRAM_NOT_FOUND"
  | "PROFILE_NOT_FOUND"
  | "RULE_EXISTS"
  | "RULE_NOT_FOUND"
  | "RULES_CHANGED"
  | "RECORDING_NOT_FOUND"
  | "FOLDER_NOT_FOUND"
  | "FOLDER_EXISTS";

/** Cloud DVR: a refusal with a stable code the pages put into words. */
export class DvrError extends Error {
  override name = "DvrError";
  constructor(
    readonly code: DvrErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}

const ZKeep = z.enum(["SPACE_NEEDED", "UNTIL_DELETED"]);
const ZPadding = z.coerce.number().int().min(0).max(30);

/** The options a subscriber sets on a rule (and edits later in the series manager). */
export const ZRecordingRuleOptions = z.object({
  /** SERIES: only first-run episodes. */
  newOnly: z.boolean().default(false),
  /** SERIES: on any channel; otherwise only on the channel of the airing it was created from. */
  anyChannel: z.boolean().default(false),
  /** SERIES: keep only the latest N episodes; null keeps them all. */
  keepLatest: z.coerce.number().int().min(1).max(50).nullable().default(null),
  keep: ZKeep.default("SPACE_NEEDED"),
  paddingBeforeMin: ZPadding.default(0),
  paddingAfterMin: ZPadding.default(0),
  /** 1 is the highest; when left out a new rule goes last. */
  priority: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const ZRecordingRuleInput = ZRecordingRuleOptions.extend({
  kind: z.enum(["SINGLE", "SERIES"]),
  /** SINGLE: the airing to record. SERIES: any airing of the series. */
  programId: z.uuid(),
  /** The household profile the recordings belong to; the actor's own when left out. */
  profileId: z.uuid().optional(),
});
export type RecordingRuleInput = z.input<typeof ZRecordingRuleInput>;

export const ZRecordingRuleUpdate = ZRecordingRuleOptions.extend({
  ruleId: z.uuid(),
  profileId: z.uuid().optional(),
});
export type RecordingRuleUpdate = z.input<typeof ZRecordingRuleUpdate>;

export const ZRuleId = z.object({ ruleId: z.uuid() });
export const ZRuleAiring = z.object({ ruleId: z.uuid(), programId: z.uuid() });
export const ZRuleOrder = z.array(z.uuid()).max(500);

/**
 * Anyone of the household (owner or member) with a TV subscription on the account: the DVR
 * belongs to the household, each rule to one of its profiles.
 */
export async function requireDvrAccount(db: DbTx, actor: Pick<Actor, "accountId" | "membershipRole">, now: Date) {
  const accountId = requireDvrMember(actor);
  const tv = await db.subscription.findFirst({
    where: {
      accountId,
      plan: { kind: "TV" },
      startedOn: { lte: now },
      OR: [{ endedOn: null }, { endedOn: { gt: now } }],
    },
    select: { id: true },
  });
  if (!tv) throw new DvrError("NO_TV_SERVICE");
  return accountId;
}

/** Owner or member of a service account (the library can be tidied without a TV plan). */
export function requireDvrMember(actor: Pick<Actor, "accountId" | "membershipRole">): string {
  if (!actor.accountId || (actor.membershipRole !== "OWNER" && actor.membershipRole !== "MEMBER")) {
    throw new DvrError("NO_ACCOUNT");
  }
  return actor.accountId;
}

async function resolveProfile(db: DbTx, accountId: string, actorId: string, profileId: string | undefined) {
  if (profileId) {
    const profile = await db.profile.findFirst({ where: { id: profileId, accountId }, select: { id: true } });
    if (!profile) throw new DvrError("PROFILE_NOT_FOUND");
    return profile.id;
  }
  const own =
    (await db.profile.findFirst({ where: { accountId, userId: actorId }, select: { id: true } })) ??
    (await db.profile.findFirst({ where: { accountId }, orderBy: { createdAt: "asc" }, select: { id: true } }));
  if (!own) throw new DvrError("PROFILE_NOT_FOUND");
  return own.id;
}

/** Renumbers the account's rules 1..n in the given order. */
async function renumber(tx: DbTx, ids: string[]) {
  for (const [index, id] of ids.entries()) {
    await tx.recordingRule.update({ where: { id }, data: { priority: index + 1 } });
  }
}

/** The account's rules by priority, with `ruleId` moved to `priority` (clamped) when given. */
async function orderWith(tx: DbTx, accountId: string, ruleId?: string, priority?: number) {
  const rules = await tx.recordingRule.findMany({
    where: { accountId },
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }],
    select: { id: true },
  });
  const ids = rules.map((r) => r.id);
  if (ruleId && priority !== undefined) {
    const rest = ids.filter((id) => id !== ruleId);
    rest.splice(Math.min(priority - 1, rest.length), 0, ruleId);
    return rest;
  }
  return ids;
}

type RuleTarget = {
  kind: "SINGLE" | "SERIES";
  programId: string | null;
  seriesRef: string | null;
  title: string;
  channelId: string | null;
};

function sameTarget(a: RuleTarget, b: RuleTarget) {
  if (a.kind !== b.kind) return false;
  if (a.kind === "SINGLE") return a.programId === b.programId;
  const series = a.seriesRef !== null || b.seriesRef !== null ? a.seriesRef === b.seriesRef : a.title === b.title;
  return series && a.channelId === b.channelId;
}

async function findIdentical(tx: DbTx, accountId: string, target: RuleTarget, exceptId?: string) {
  const candidates = await tx.recordingRule.findMany({
    where: { accountId, kind: target.kind, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  return candidates.find((rule) => sameTarget(rule, target)) ?? null;
}

/**
 * Records one airing or a whole series. The account row is locked for the check and the insert,
 * so a double submit (or two devices at once) makes one rule and the second gets RULE_EXISTS.
 */
export async function createRecordingRule(ctx: Ctx, actor: Actor, request: RequestContext, input: RecordingRuleInput) {
  const data = ZRecordingRuleInput.parse(input);
  const accountId = await requireDvrAccount(ctx.db, actor, ctx.now());
  const program = await ctx.db.program.findUnique({
    where: { id: data.programId },
    include: { channel: { select: { recordable: true } } },
  });
  if (!program) throw new DvrError("PROGRAM_NOT_FOUND");
  if (!program.channel.recordable) throw new DvrError("NOT_ALLOWED");
  // Only channels the household's TV package includes can be recorded.
  const inPackage = await ctx.db.planChannel.count({
    where: {
      channelId: program.channelId,
      plan: {
        subscriptions: {
          some: {
            accountId,
            startedOn: { lte: ctx.now() },
            OR: [{ endedOn: null }, { endedOn: { gt: ctx.now() } }],
          },
        },
      },
    },
  });
  if (inPackage === 0) throw new DvrError("NOT_ALLOWED");
  const profileId = await resolveProfile(ctx.db, accountId, actor.id, data.profileId);
  const series = data.kind === "SERIES";
  const target: RuleTarget = {
    kind: data.kind,
    programId: series ? null : program.id,
    seriesRef: program.seriesRef,
    title: program.title,
    channelId: series && data.anyChannel ? null : program.channelId,
  };
  return ctx.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const existing = await findIdentical(tx, accountId, target);
    if (existing) throw new DvrError("RULE_EXISTS", { ruleId: existing.id });
    const count = await tx.recordingRule.count({ where: { accountId } });
    const rule = await tx.recordingRule.create({
      data: {
        accountId,
        profileId,
        ...target,
        newOnly: series ? data.newOnly : false,
        keepLatest: series ? data.keepLatest : null,
        keep: data.keep,
        paddingBeforeMin: data.paddingBeforeMin,
        paddingAfterMin: data.paddingAfterMin,
        priority: count + 1,
        createdAt: ctx.now(),
      },
    });
    if (data.priority !== undefined && data.priority <= count) {
      await renumber(tx, await orderWith(tx, accountId, rule.id, data.priority));
    }
    await recordAuditEvent(tx, request, {
      action: "dvr.rule.created",
      outcome: "SUCCESS",
      accountId,
      target: rule.id,
      details: { kind: rule.kind, programId: data.programId, title: rule.title, profileId },
    });
    return tx.recordingRule.findUniqueOrThrow({ where: { id: rule.id } });
  });
}

/** Changes a rule's options (and its place in the order when a priority is given). */
export async function updateRecordingRule(ctx: Ctx, actor: Actor, request: RequestContext, input: RecordingRuleUpdate) {
  const data = ZRecordingRuleUpdate.parse(input);
  const accountId = await requireDvrAccount(ctx.db, actor, ctx.now());
  const profileId = data.profileId ? await resolveProfile(ctx.db, accountId, actor.id, data.profileId) : undefined;
  return ctx.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const rule = await tx.recordingRule.findFirst({ where: { id: data.ruleId, accountId } });
    if (!rule) throw new DvrError("RULE_NOT_FOUND");
    const series = rule.kind === "SERIES";
    let channelId = rule.channelId;
    if (series && data.anyChannel) channelId = null;
    if (series && !data.anyChannel && channelId === null) {
      // Back to one channel: the channel the series airs on next (or last aired on).
      const airing =
        (await tx.program.findFirst({
          where: { ...seriesWhere(rule), endsAt: { gt: ctx.now() } },
          orderBy: { startsAt: "asc" },
          select: { channelId: true },
        })) ??
        (await tx.program.findFirst({
          where: seriesWhere(rule),
          orderBy: { startsAt: "desc" },
          select: { channelId: true },
        }));
      channelId = airing?.channelId ?? null;
    }
    if (channelId !== rule.channelId && (await findIdentical(tx, accountId, { ...rule, channelId }, rule.id))) {
      throw new DvrError("RULE_EXISTS");
    }
    const changes = {
      channelId,
      newOnly: series ? data.newOnly : false,
      keepLatest: series ? data.keepLatest : null,
      keep: data.keep,
      paddingBeforeMin: data.paddingBeforeMin,
      paddingAfterMin: data.paddingAfterMin,
      ...(profileId ? { profileId } : {}),
    };
    await tx.recordingRule.update({ where: { id: rule.id }, data: changes });
    if (data.priority !== undefined && data.priority !== rule.priority) {
      await renumber(tx, await orderWith(tx, accountId, rule.id, data.priority));
    }
    await recordAuditEvent(tx, request, {
      action: "dvr.rule.updated",
      outcome: "SUCCESS",
      accountId,
      target: rule.id,
      details: { ...changes, priority: data.priority ?? rule.priority },
    });
    return tx.recordingRule.findUniqueOrThrow({ where: { id: rule.id } });
  });
}

/** How a series rule finds its airings in the guide. */
export function seriesWhere(rule: { seriesRef: string | null; title: string }) {
  return rule.seriesRef ? { seriesRef: rule.seriesRef } : { seriesRef: null, title: rule.title };
}

/** Stops a rule; what it already recorded stays in the library. The others close up the order. */
export async function deleteRecordingRule(ctx: Ctx, actor: Actor, request: RequestContext, input: { ruleId: string }) {
  const { ruleId } = ZRuleId.parse(input);
  const accountId = requireDvrMember(actor);
  await ctx.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const rule = await tx.recordingRule.findFirst({ where: { id: ruleId, accountId } });
    if (!rule) throw new DvrError("RULE_NOT_FOUND");
    await tx.recordingRule.delete({ where: { id: rule.id } });
    await tx.recording.updateMany({ where: { accountId, ruleId: rule.id }, data: { ruleId: null } });
    await renumber(tx, await orderWith(tx, accountId));
    await recordAuditEvent(tx, request, {
      action: "dvr.rule.deleted",
      outcome: "SUCCESS",
      accountId,
      target: rule.id,
      details: { kind: rule.kind, title: rule.title },
    });
  });
}

/**
 * Sets the priorities 1..n in the given order. The list must be exactly the account's rules: a
 * stale page (a rule added or removed meanwhile) gets RULES_CHANGED rather than a half order.
 */
export async function reorderRecordingRules(ctx: Ctx, actor: Actor, request: RequestContext, ids: string[]) {
  const order = ZRuleOrder.parse(ids);
  const accountId = requireDvrMember(actor);
  await ctx.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const current = await tx.recordingRule.findMany({ where: { accountId }, select: { id: true } });
    const known = new Set(current.map((r) => r.id));
    if (new Set(order).size !== order.length || order.length !== known.size || order.some((id) => !known.has(id))) {
      throw new DvrError("RULES_CHANGED");
    }
    await renumber(tx, order);
    await recordAuditEvent(tx, request, {
      action: "dvr.rule.reordered",
      outcome: "SUCCESS",
      accountId,
      details: { order },
    });
  });
}

/**
 * Skips one airing of a rule ("don't record this one"), or takes the skip back. Skipping twice is
 * the same as once. Skips of airings that have ended are dropped on the way.
 */
export async function setAiringSkipped(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: { ruleId: string; programId: string; skipped: boolean },
) {
  const { ruleId, programId } = ZRuleAiring.parse(input);
  const skipped = input.skipped === true;
  const accountId = requireDvrMember(actor);
  return ctx.db.$transaction(async (tx) => {
    await lockAccount(tx, accountId);
    const rule = await tx.recordingRule.findFirst({ where: { id: ruleId, accountId } });
    if (!rule) throw new DvrError("RULE_NOT_FOUND");
    const ofRule = rule.kind === "SERIES" ? seriesWhere(rule) : { id: rule.programId ?? undefined };
    const program = await tx.program.findFirst({
      where: { AND: [{ id: programId }, ofRule] },
      select: { id: true, title: true },
    });
    if (!program) throw new DvrError("PROGRAM_NOT_FOUND");
    const current = rule.skippedProgramIds;
    const stillAiring = new Set(
      current.length === 0
        ? []
        : (
            await tx.program.findMany({
              where: { id: { in: current }, endsAt: { gt: ctx.now() } },
              select: { id: true },
            })
          ).map((p) => p.id),
    );
    const kept = current.filter((id) => id !== programId && stillAiring.has(id));
    const next = skipped ? [...kept, programId] : kept;
    const changed = skipped !== current.includes(programId);
    await tx.recordingRule.update({ where: { id: rule.id }, data: { skippedProgramIds: next } });
    if (changed) {
      await recordAuditEvent(tx, request, {
        action: skipped ? "dvr.airing.skipped" : "dvr.airing.unskipped",
        outcome: "SUCCESS",
        accountId,
        target: rule.id,
        details: { programId, title: program.title },
      });
    }
    return { changed };
  });
}

/** The account's rules in priority order, with their profile's name (the series manager's list). */
export async function listRecordingRules(db: DbTx, accountId: string) {
  const [rules, profiles] = await Promise.all([
    db.recordingRule.findMany({ where: { accountId }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }] }),
    db.profile.findMany({ where: { accountId }, select: { id: true, name: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  return { rules: rules.map((rule) => ({ ...rule, profileName: names.get(rule.profileId) ?? null })), profiles };
}
