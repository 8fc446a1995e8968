import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { householdRecipients } from "../billing/household-recipients.ts";
import { formatMessageDate } from "../billing/money-format.ts";
import { toDbDate } from "../billing/calendar.ts";
import { enqueueMessage } from "../notifications/enqueue-message.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { getUsage } from "./get-usage.ts";
import { alertsDue, gigabytes } from "./meter.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile" | "transports" | "publicUrl">;

/** The thresholds an account is alerted at: its own choice, else the profile's default. */
export async function alertSettings(ctx: Pick<CoreContext, "db" | "profile">, accountId: string) {
  const saved = await ctx.db.usageAlertSettings.findUnique({ where: { accountId } });
  return saved ?? { accountId, thresholds: ctx.profile.usage.alerts.defaultThresholds, everyBlock: true, sms: false };
}

/**
 * Sends each usage alert that is due, once per account, cycle and threshold: the alert row is the
 * send's key, written before anything goes out, so a second worker (or run) finds it and skips.
 */
export async function sendUsageAlerts(ctx: Ctx) {
  const accounts = await ctx.db.serviceAccount.findMany({
    where: { status: { not: "CLOSED" }, usageDays: { some: {} } },
    select: { id: true, phoneOnFile: true },
  });
  let sent = 0;
  for (const account of accounts) {
    const usage = await getUsage(ctx.db, account.id, ctx.now(), ctx.profile.usage);
    if (usage.capBytes === null) continue;
    const settings = await alertSettings(ctx, account.id);
    const due = alertsDue(usage.usedBytes, usage.capBytes, settings, ctx.profile.usage);
    if (due.length === 0) continue;
    const created = await ctx.db.usageAlert.createManyAndReturn({
      data: due.map((threshold) => ({
        accountId: account.id,
        cycleStart: toDbDate(usage.cycle.start),
        threshold,
        usedBytes: usage.usedBytes,
        sentAt: ctx.now(),
      })),
      skipDuplicates: true,
      select: { threshold: true },
    });
    // Several thresholds crossed at once (a late batch) make one message, about the highest.
    const highest = created.map((c) => c.threshold).at(-1);
    if (!highest) continue;
    sent += 1;
    const used = gigabytes(usage.usedBytes, ctx.profile.usage).toFixed(0);
    const cap = String(usage.capGb);
    const isBlock = highest.startsWith("block-");
    const values = isBlock
      ? { used, cap, blocks: Number(highest.slice(6)), blockGb: ctx.profile.usage.overage.blockGb }
      : { used, cap, percent: Number(highest) };
    const recipients = await householdRecipients(ctx.db, account.id);
    for (const user of recipients) {
      await notifyUser(ctx.db, {
        userId: user.id,
        accountId: account.id,
        messageKey: isBlock ? "usage.over_block" : "usage.threshold",
        values,
        href: "/usage",
      });
      if (user.memberships[0]?.role !== "OWNER") continue;
      await sendTemplatedEmail(ctx, ctx.db, user, isBlock ? "usage_over_block" : "usage_threshold", {
        name: user.name,
        used,
        cap,
        percent: isBlock ? "100" : highest,
        blocks: isBlock ? highest.slice(6) : "0",
        end: formatMessageDate(usage.cycle.end, user.locale),
        url: `${ctx.publicUrl}/usage`,
      });
      if (settings.sms && account.phoneOnFile) {
        await enqueueMessage(ctx.db, ctx.transports, {
          channel: "SMS",
          recipient: account.phoneOnFile,
          body: `${ctx.profile.brandName}: ${isBlock ? `you are ${highest.slice(6)} block(s) over your ${cap} GB data plan` : `you have used ${highest}% of your ${cap} GB data plan`} (${used} GB). ${ctx.publicUrl}/usage`,
        });
      }
    }
  }
  return { sent };
}

export class UsageSettingsError extends Error {
  override name = "UsageSettingsError";
  constructor(readonly code: "THRESHOLD_NOT_ALLOWED" | "NO_PHONE" | "NOT_ALLOWED") {
    super(code);
  }
}

/** The owner chooses the percents (from the profile's allowed set), per-block alerts and texts. */
export async function saveAlertSettings(
  ctx: Pick<CoreContext, "db" | "profile">,
  actor: Actor,
  input: { thresholds: number[]; everyBlock: boolean; sms: boolean },
  request: RequestContext,
) {
  if (!actor.accountId || actor.membershipRole !== "OWNER") throw new UsageSettingsError("NOT_ALLOWED");
  const accountId = actor.accountId;
  const allowed = new Set(ctx.profile.usage.alerts.allowedThresholds);
  if (input.thresholds.some((t) => !allowed.has(t))) throw new UsageSettingsError("THRESHOLD_NOT_ALLOWED");
  if (input.sms) {
    const account = await ctx.db.serviceAccount.findUniqueOrThrow({
      where: { id: accountId },
      select: { phoneOnFile: true },
    });
    if (!account.phoneOnFile) throw new UsageSettingsError("NO_PHONE");
  }
  const thresholds = [...new Set(input.thresholds)].sort((a, b) => a - b);
  await ctx.db.$transaction(async (tx) => {
    await tx.usageAlertSettings.upsert({
      where: { accountId },
      create: { accountId, thresholds, everyBlock: input.everyBlock, sms: input.sms },
      update: { thresholds, everyBlock: input.everyBlock, sms: input.sms },
    });
    await recordAuditEvent(tx, request, {
      action: "usage.alert_settings",
      outcome: "SUCCESS",
      accountId,
      details: { thresholds, everyBlock: input.everyBlock, sms: input.sms },
    });
  });
}
