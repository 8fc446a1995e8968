import type { Db } from "@homeport/db";
import { DEMO_ACCOUNT_NUMBER, DEMO_UNREGISTERED_ACCOUNT } from "@homeport/db/seed";
import {
  addDays,
  addMonths,
  type BillingPeriod,
  type CalendarDate,
  calendarDateAt,
  cycleContaining,
  startOfDayAt,
  toDbDate,
} from "../billing/calendar.ts";
import { generateStatement } from "../billing/statements.ts";
import { assessUsageOverage } from "../usage/overage-charge.ts";
import { seedDemoCatalog } from "./demo-catalog.ts";
import type { ProviderProfile } from "../provider/profile.ts";

interface SeedCtx {
  db: Db;
  now: () => Date;
  profile: ProviderProfile;
}

const TZ = "America/Los_Angeles";

/** Every cycle of the last `count` months that has closed, oldest first. */
function closedPeriods(today: CalendarDate, cycleDay: number, count: number): BillingPeriod[] {
  const current = cycleContaining(today, cycleDay);
  const periods: BillingPeriod[] = [];
  for (let i = count; i >= 1; i -= 1) {
    const start = addMonths(current.start, -i);
    periods.push({ start, end: addDays(addMonths(start, 1), -1) });
  }
  return periods;
}

async function issueHistory(
  ctx: SeedCtx,
  accountId: string,
  periods: BillingPeriod[],
  pay: (period: BillingPeriod, index: number) => { daysAfterIssue: number; methodId: string | null } | null,
  lateFeeFor?: (index: number) => boolean,
) {
  const method = await ctx.db.paymentMethod.findFirst({ where: { accountId, isDefault: true } });
  const seedCtx = { ...ctx, transports: {}, publicUrl: "" };
  for (const [index, period] of periods.entries()) {
    const issuedOn = addDays(period.end, 1);
    const issuedAt = startOfDayAt(issuedOn, TZ, 6);
    await assessUsageOverage(ctx.db, accountId, period, ctx.profile.usage);
    const { statementId } = await generateStatement(seedCtx, accountId, period, { issuedAt, notify: false });
    const statement = await ctx.db.statement.findUniqueOrThrow({ where: { id: statementId } });
    const plan = pay(period, index);
    const nextIssue = startOfDayAt(addDays(addMonths(period.start, 2), 0), TZ, 6);
    if (lateFeeFor?.(index)) {
      const dueOn = addDays(issuedOn, ctx.profile.billing.dueDays);
      await ctx.db.accountCharge.create({
        data: {
          accountId,
          kind: "FEE",
          code: "late-fee",
          amountCents: ctx.profile.billing.lateFee.amountCents,
          chargedOn: toDbDate(addDays(dueOn, ctx.profile.billing.lateFee.graceDays + 1)),
          values: { dueOn },
          sourceKey: `late-fee:${statementId}`,
        },
      });
    }
    if (!plan || statement.totalDueCents <= 0) continue;
    const settledAt = new Date(issuedAt.getTime() + plan.daysAfterIssue * 86_400_000 + 3_600_000 * 5);
    if (settledAt >= nextIssue && index === periods.length - 1) continue;
    if (settledAt > ctx.now()) continue;
    await ctx.db.payment.create({
      data: {
        accountId,
        amountCents: statement.totalDueCents,
        status: "SUCCEEDED",
        source: plan.methodId && method ? "AUTOPAY" : "ONE_TIME",
        gateway: "DEMO",
        methodId: method?.id ?? null,
        methodKind: "CARD",
        methodBrand: method?.brand ?? "visa",
        methodLast4: method?.last4 ?? "4242",
        idempotencyKey: `seed-${statementId}`,
        receiptNumber: `S-${statementId.slice(-10).toUpperCase()}`,
        createdAt: settledAt,
        settledAt,
      },
    });
  }
}

async function addCard(
  ctx: SeedCtx,
  accountId: string,
  brand: string,
  last4: string,
  expMonth: number,
  expYear: number,
) {
  return ctx.db.paymentMethod.create({
    data: {
      accountId,
      kind: "CARD",
      brand,
      last4,
      expMonth,
      expYear,
      gateway: "DEMO",
      gatewayRef: `demo_pm_ok_${accountId.replaceAll("-", "").slice(-16)}${last4}`,
      isDefault: true,
    },
  });
}

/**
 * Two years of bills for the demo households: Maria's (a promotion that ends, a mid-cycle plan
 * change, equipment added with an installation charge, one late payment and its fee), Tuan's
 * (past due: the last two bills unpaid) and Grace's (on autopay).
 */
export async function seedDemoBilling(ctx: SeedCtx) {
  const db = ctx.db;
  await seedDemoCatalog(db);
  const today = calendarDateAt(ctx.now(), TZ);
  const date = (value: CalendarDate) => toDbDate(value);

  // Maria Rivera: cycles start on the 9th.
  const maria = await db.serviceAccount.update({
    where: { accountNumber: DEMO_ACCOUNT_NUMBER },
    data: { cycleDay: 9, paperless: true, paperlessChangedAt: new Date("2024-03-02T18:00:00Z") },
  });
  const mariaPeriods = closedPeriods(today, 9, 24);
  const latest = mariaPeriods.at(-1) as BillingPeriod;
  const previous = mariaPeriods.at(-2) as BillingPeriod;
  const earlier = mariaPeriods.at(-4) as BillingPeriod;
  const planChange = addDays(latest.start, 15);
  const tvPromoEnd = addDays(previous.start, 16);
  const receiverAdded = addDays(earlier.start, 5);
  await db.subscription.createMany({
    data: [
      {
        accountId: maria.id,
        planId: "internet-premier",
        priceCents: 7999,
        promoCents: 4999,
        promoEndsOn: date(addMonths(mariaPeriods[7]?.start as string, 0).replace(/-\d{2}$/, "-15")),
        startedOn: date("2023-06-15"),
        endedOn: date(planChange),
      },
      {
        accountId: maria.id,
        planId: "internet-gig",
        priceCents: 9999,
        promoCents: 8999,
        promoEndsOn: date(addMonths(planChange, 12)),
        startedOn: date(planChange),
      },
      {
        accountId: maria.id,
        planId: "tv-select",
        priceCents: 5999,
        promoCents: 4499,
        promoEndsOn: date(tvPromoEnd),
        startedOn: date("2024-01-10"),
      },
      { accountId: maria.id, planId: "voice-unlimited", priceCents: 2999, startedOn: date("2023-06-15") },
    ],
  });
  await db.equipment.createMany({
    data: [
      {
        accountId: maria.id,
        kind: "MODEM",
        model: "Spectrum Voice Modem EU2251",
        serialNumber: "EU2251-0042-7781",
        macAddress: "A8:9A:93:4C:21:07",
        monthlyFeeCents: 0,
        installedOn: date("2023-06-15"),
      },
      {
        accountId: maria.id,
        kind: "ROUTER",
        model: "Advanced WiFi SAX2V1S",
        serialNumber: "SAX2V1S-3319-0450",
        macAddress: "A8:9A:93:4C:21:08",
        monthlyFeeCents: 500,
        installedOn: date("2023-06-15"),
      },
      {
        accountId: maria.id,
        kind: "TV_RECEIVER",
        model: "Spectrum 201 HD Receiver",
        serialNumber: "S201-77120-88",
        monthlyFeeCents: 1199,
        installedOn: date("2024-01-10"),
      },
      {
        accountId: maria.id,
        kind: "TV_RECEIVER",
        model: "Spectrum 201 HD Receiver",
        serialNumber: "S201-77120-93",
        monthlyFeeCents: 1199,
        installedOn: date(receiverAdded),
      },
    ],
  });
  await db.accountCharge.create({
    data: {
      accountId: maria.id,
      kind: "ONE_TIME",
      code: "installation",
      amountCents: 2999,
      chargedOn: date(receiverAdded),
      sourceKey: `seed-installation-${maria.id}`,
    },
  });
  await addCard(ctx, maria.id, "visa", "4242", 8, 2028);
  await issueHistory(
    ctx,
    maria.id,
    mariaPeriods,
    (_period, index) =>
      index === mariaPeriods.length - 1 ? null : { daysAfterIssue: index === 10 ? 28 : 16, methodId: null },
    (index) => index === 10,
  );

  // Tuan Nguyen: internet only, cycles start on the 1st, the last two bills unpaid.
  const tuan = await db.serviceAccount.update({ where: { accountNumber: "8352100087654321" }, data: { cycleDay: 1 } });
  await db.subscription.create({
    data: { accountId: tuan.id, planId: "internet-premier", priceCents: 7999, startedOn: date("2022-02-01") },
  });
  await db.equipment.create({
    data: {
      accountId: tuan.id,
      kind: "MODEM",
      model: "Spectrum Modem ES2251",
      serialNumber: "ES2251-1187-2290",
      monthlyFeeCents: 0,
      installedOn: date("2022-02-01"),
    },
  });
  const tuanPeriods = closedPeriods(today, 1, 12);
  await issueHistory(ctx, tuan.id, tuanPeriods, (_period, index) =>
    index >= tuanPeriods.length - 2 ? null : { daysAfterIssue: 18, methodId: null },
  );

  // Grace Okafor: internet and TV on autopay.
  const grace = await db.serviceAccount.update({
    where: { accountNumber: DEMO_UNREGISTERED_ACCOUNT.accountNumber },
    data: { cycleDay: 15 },
  });
  await db.subscription.createMany({
    data: [
      { accountId: grace.id, planId: "internet-assist", priceCents: 2999, startedOn: date("2025-08-15") },
      { accountId: grace.id, planId: "tv-select", priceCents: 5999, startedOn: date("2025-08-15") },
    ],
  });
  await db.equipment.create({
    data: {
      accountId: grace.id,
      kind: "TV_RECEIVER",
      model: "Spectrum 110 Receiver",
      serialNumber: "S110-55120-01",
      monthlyFeeCents: 1199,
      installedOn: date("2025-08-15"),
    },
  });
  const card = await addCard(ctx, grace.id, "mastercard", "4444", 3, 2029);
  await db.autopayEnrollment.create({
    data: { accountId: grace.id, paymentMethodId: card.id, enrolledAt: new Date("2025-08-20T17:00:00Z") },
  });
  await issueHistory(ctx, grace.id, closedPeriods(today, 15, 15), () => ({ daysAfterIssue: 21, methodId: card.id }));
}
