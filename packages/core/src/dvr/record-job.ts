import type { CoreContext } from "../context.ts";
import { getDvrPlan } from "./dvr-plan.ts";

type Ctx = Pick<CoreContext, "db" | "now">;

/**
 * The simulated cloud recorder, run every few minutes: finishes recordings whose window has
 * passed, starts what the plan says will record and whose capture window has begun, and deletes
 * what the plan needs to make room. Safe under two workers: a recording is unique per account and
 * airing, and deletes only touch recordings that may go ("space needed", not protected).
 */
export async function runDvrRecorder(ctx: Ctx) {
  const now = ctx.now();
  const finished = await ctx.db.recording.updateMany({
    where: { status: "RECORDING", endsAt: { lte: now } },
    data: { status: "COMPLETED" },
  });
  const accounts = await ctx.db.recordingRule.findMany({ distinct: ["accountId"], select: { accountId: true } });
  let started = 0;
  let deleted = 0;
  for (const { accountId } of accounts) {
    const dvr = await getDvrPlan(ctx, accountId);
    if (!dvr.hasTv) continue;
    if (dvr.plan.autoDelete.length > 0) {
      const removed = await ctx.db.recording.deleteMany({
        where: { accountId, id: { in: dvr.plan.autoDelete }, protected: false, keep: "SPACE_NEEDED" },
      });
      deleted += removed.count;
    }
    const due = dvr.plan.items.filter(
      (item) => item.status === "WILL_RECORD" && item.startsAt <= now && item.endsAt > now,
    );
    if (due.length === 0) continue;
    const ruleRows = await ctx.db.recordingRule.findMany({
      where: { accountId, id: { in: due.map((item) => item.ruleId) } },
      select: { id: true, profileId: true, keep: true },
    });
    const rules = new Map(ruleRows.map((r) => [r.id, r]));
    const created = await ctx.db.recording.createMany({
      data: due.flatMap((item) => {
        const rule = rules.get(item.ruleId);
        if (!rule) return [];
        const a = item.airing;
        return [
          {
            accountId,
            profileId: rule.profileId,
            ruleId: rule.id,
            programId: a.id,
            programRef: a.programRef,
            seriesRef: a.seriesRef,
            title: a.title,
            subtitle: a.subtitle,
            description: a.description,
            season: a.season,
            episode: a.episode,
            genre: dvr.airings[a.id]?.genre ?? null,
            channelId: a.channelId,
            startsAt: item.startsAt,
            endsAt: item.endsAt,
            status: "RECORDING" as const,
            keep: rule.keep,
            createdAt: now,
          },
        ];
      }),
      skipDuplicates: true,
    });
    started += created.count;
  }
  return { started, completed: finished.count, deleted };
}
