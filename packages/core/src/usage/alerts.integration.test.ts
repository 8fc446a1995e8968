import { randomUUID } from "node:crypto";
import { createHousehold } from "@homeport/db/factories";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { toDbDate } from "../billing/calendar.ts";
import { saveAlertSettings, sendUsageAlerts } from "./alerts.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const accounts: string[] = [];
afterEach(() => db.serviceAccount.updateMany({ where: { id: { in: accounts } }, data: { status: "CLOSED" } }));
afterAll(() => db.$disconnect());

const GB = 1_000_000_000n;

/** A household on a 1,000 GB plan whose cycle started on March 1, 2026; today is March 20 in Sacramento. */
async function household() {
  ctx.setNow(new Date("2026-03-20T19:00:00Z"));
  const { account, owner } = await createHousehold(db, { owner: { email: `alerts-${randomUUID()}@example.com` } });
  accounts.push(account.id);
  await db.serviceAccount.update({ where: { id: account.id }, data: { cycleDay: 1 } });
  const planId = `alerts-${randomUUID()}`;
  await db.servicePlan.create({
    data: { id: planId, kind: "INTERNET", name: "Capped", monthlyCents: 5000, dataCapGb: 1000 },
  });
  await db.subscription.create({
    data: { accountId: account.id, planId, priceCents: 5000, startedOn: toDbDate("2025-01-01") },
  });
  const actor = householdActor(owner, account.id, "OWNER");
  return { account, owner, actor };
}

async function use(accountId: string, day: string, gigabytes: bigint) {
  await db.usageDay.upsert({
    where: { accountId_day_deviceMac: { accountId, day: toDbDate(day), deviceMac: "" } },
    create: { accountId, day: toDbDate(day), bytesDown: gigabytes * GB },
    update: { bytesDown: { increment: gigabytes * GB } },
  });
}

describe("usage alerts", () => {
  it("go out once per cycle and threshold, even with two workers at once", async () => {
    const { account, owner } = await household();
    await use(account.id, "2026-03-05", 760n);
    await Promise.all([sendUsageAlerts(ctx), sendUsageAlerts(ctx)]);
    await sendUsageAlerts(ctx);
    const alerts = () => db.usageAlert.findMany({ where: { accountId: account.id }, orderBy: { threshold: "asc" } });
    expect((await alerts()).map((a) => a.threshold)).toEqual(["75"]);
    expect(await db.notification.count({ where: { userId: owner.id, messageKey: "usage.threshold" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { recipient: owner.email } })).toBe(1);

    // Crossing 90 and 100 and one block in one late batch sends one message, about the highest.
    await use(account.id, "2026-03-06", 260n);
    await sendUsageAlerts(ctx);
    expect((await alerts()).map((a) => a.threshold).sort()).toEqual(["100", "75", "90", "block-1"]);
    const notices = await db.notification.findMany({ where: { userId: owner.id }, orderBy: { createdAt: "asc" } });
    expect(notices.map((n) => n.messageKey)).toEqual(["usage.threshold", "usage.over_block"]);
    expect(notices[1]?.values).toMatchObject({ blocks: 1, cap: "1000", used: "1020" });
  });

  it("follow the owner's settings, texts included, and start again in the next cycle", async () => {
    const { account, actor } = await household();
    await saveAlertSettings(ctx, actor, { thresholds: [50], everyBlock: false, sms: true }, { actorUserId: actor.id });
    await use(account.id, "2026-03-05", 600n);
    await sendUsageAlerts(ctx);
    expect(await db.usageAlert.count({ where: { accountId: account.id } })).toBe(1);
    expect(
      await db.outboxMessage.count({ where: { channel: "SMS", body: { contains: "50% of your 1000 GB" } } }),
    ).toBeGreaterThan(0);

    ctx.setNow(new Date("2026-04-03T19:00:00Z"));
    await use(account.id, "2026-04-02", 700n);
    await sendUsageAlerts(ctx);
    expect(await db.usageAlert.count({ where: { accountId: account.id, cycleStart: toDbDate("2026-04-01") } })).toBe(1);
  });

  it("settings: only the owner, only the profile's thresholds, texts only with a phone on file", async () => {
    const { account, actor } = await household();
    const request = { actorUserId: actor.id };
    await expect(
      saveAlertSettings(
        ctx,
        { ...actor, membershipRole: "MEMBER" },
        { thresholds: [75], everyBlock: true, sms: false },
        request,
      ),
    ).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    await expect(
      saveAlertSettings(ctx, actor, { thresholds: [33], everyBlock: true, sms: false }, request),
    ).rejects.toMatchObject({
      code: "THRESHOLD_NOT_ALLOWED",
    });
    await db.serviceAccount.update({ where: { id: account.id }, data: { phoneOnFile: null } });
    await expect(
      saveAlertSettings(ctx, actor, { thresholds: [75], everyBlock: true, sms: true }, request),
    ).rejects.toMatchObject({
      code: "NO_PHONE",
    });
    await saveAlertSettings(ctx, actor, { thresholds: [90, 50, 90], everyBlock: false, sms: false }, request);
    expect(await db.usageAlertSettings.findUnique({ where: { accountId: account.id } })).toMatchObject({
      thresholds: [50, 90],
      everyBlock: false,
    });
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "usage.alert_settings" } })).toBe(1);
  });
});
