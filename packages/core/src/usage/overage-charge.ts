import type { DbTx } from "@homeport/db";
import type { UsageRules } from "../provider/profile.ts";
import { addDays, addMonths, type BillingPeriod, toDbDate } from "../billing/calendar.ts";
import { capBytes, gigabytes, overageFor } from "./meter.ts";

async function usedIn(db: DbTx, accountId: string, period: BillingPeriod): Promise<bigint> {
  const sum = await db.usageDay.aggregate({
    where: { accountId, deviceMac: "", day: { gte: toDbDate(period.start), lte: toDbDate(period.end) } },
    _sum: { bytesDown: true, bytesUp: true },
  });
  return (sum._sum.bytesDown ?? 0n) + (sum._sum.bytesUp ?? 0n);
}

/**
 * Adds a closed cycle's data overage to the account's pending charges, once (keyed by the cycle),
 * so the cycle's statement carries it. A courtesy cycle is recorded too, as a $0 line that says so.
 */
export async function assessUsageOverage(db: DbTx, accountId: string, period: BillingPeriod, rules: UsageRules) {
  const subscription = await db.subscription.findFirst({
    where: {
      accountId,
      plan: { kind: "INTERNET" },
      startedOn: { lte: toDbDate(period.end) },
      OR: [{ endedOn: null }, { endedOn: { gt: toDbDate(period.end) } }],
    },
    select: { plan: { select: { dataCapGb: true } } },
  });
  const cap = capBytes(subscription?.plan.dataCapGb ?? null, rules);
  if (cap === null) return null;
  const used = await usedIn(db, accountId, period);
  if (used <= cap) return null;
  let overBefore = 0;
  for (let i = 1; i <= 11; i += 1) {
    const start = addMonths(period.start, -i);
    if ((await usedIn(db, accountId, { start, end: addDays(addMonths(start, 1), -1) })) > cap) overBefore += 1;
  }
  const overage = overageFor(used, cap, rules, overBefore < rules.overage.courtesyCyclesPer12Months);
  await db.accountCharge.createMany({
    data: [
      {
        accountId,
        kind: "ONE_TIME",
        code: overage.courtesy ? "usage-overage-courtesy" : "usage-overage",
        amountCents: overage.chargeCents,
        chargedOn: toDbDate(period.end),
        values: {
          blocks: overage.blocks,
          usedGb: gigabytes(used, rules),
          capGb: subscription?.plan.dataCapGb ?? 0,
          listCents: overage.listCents,
        },
        sourceKey: `usage-overage:${accountId}:${period.start}`,
      },
    ],
    skipDuplicates: true,
  });
  return overage;
}
