import type { DbTx } from "@homeport/db";
import type { UsageRules } from "../provider/profile.ts";
import {
  addDays,
  addMonths,
  type BillingPeriod,
  type CalendarDate,
  calendarDateAt,
  cycleContaining,
  fromDbDate,
  toDbDate,
} from "../billing/calendar.ts";
import { capBytes, type DailyUsage, type Forecast, forecastCycle, type Overage, overageFor, total } from "./meter.ts";

export interface UsageView {
  today: CalendarDate;
  cycle: BillingPeriod;
  planName: string | null;
  capGb: number | null;
  capBytes: bigint | null;
  usedBytes: bigint;
  forecast: Forecast;
  /** What going over would cost now, and at the forecast. */
  overageNow: Overage;
  overageForecast: Overage;
  daily: DailyUsage[];
  devices: { mac: string; down: bigint; up: bigint }[];
  /** The last 12 closed cycles, oldest first, and whether each went over the cap. */
  history: { cycle: BillingPeriod; down: bigint; up: bigint; over: boolean }[];
}

/** Everything the usage page and the dashboard card show, read from the daily totals only. */
export async function getUsage(db: DbTx, accountId: string, now: Date, rules: UsageRules): Promise<UsageView> {
  const account = await db.serviceAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: { timeZone: true, cycleDay: true },
  });
  const today = calendarDateAt(now, account.timeZone);
  const cycle = cycleContaining(today, account.cycleDay);
  const historyStart = addMonths(cycle.start, -12);
  const [plan, days, devices] = await Promise.all([
    db.subscription.findFirst({
      where: {
        accountId,
        plan: { kind: "INTERNET" },
        startedOn: { lte: toDbDate(today) },
        OR: [{ endedOn: null }, { endedOn: { gt: toDbDate(today) } }],
      },
      select: { plan: { select: { name: true, dataCapGb: true } } },
    }),
    db.usageDay.findMany({
      where: { accountId, deviceMac: "", day: { gte: toDbDate(historyStart), lte: toDbDate(cycle.end) } },
      orderBy: { day: "asc" },
      select: { day: true, bytesDown: true, bytesUp: true },
    }),
    db.usageDay.groupBy({
      by: ["deviceMac"],
      where: { accountId, deviceMac: { not: "" }, day: { gte: toDbDate(cycle.start), lte: toDbDate(cycle.end) } },
      _sum: { bytesDown: true, bytesUp: true },
    }),
  ]);
  const capGb = plan?.plan.dataCapGb ?? null;
  const cap = capBytes(capGb, rules);
  const all = days.map((d) => ({ day: fromDbDate(d.day), down: d.bytesDown, up: d.bytesUp }));
  const daily = all.filter((d) => d.day >= cycle.start);
  const usedBytes = daily.reduce((sum, d) => sum + total(d), 0n);

  const history: UsageView["history"] = [];
  for (let i = 12; i >= 1; i -= 1) {
    const start = addMonths(cycle.start, -i);
    const period = { start, end: addDays(addMonths(start, 1), -1) };
    const inCycle = all.filter((d) => d.day >= period.start && d.day <= period.end);
    const down = inCycle.reduce((sum, d) => sum + d.down, 0n);
    const up = inCycle.reduce((sum, d) => sum + d.up, 0n);
    history.push({ cycle: period, down, up, over: cap !== null && down + up > cap });
  }
  // The courtesy cycle: the first over-cap cycle in any 12 months is not charged.
  const overCyclesBefore = history.slice(-11).filter((h) => h.over).length;
  const courtesy = overCyclesBefore < rules.overage.courtesyCyclesPer12Months;
  const forecast = forecastCycle(
    cycle,
    today,
    daily,
    all.filter((d) => d.day < cycle.start),
  );

  return {
    today,
    cycle,
    planName: plan?.plan.name ?? null,
    capGb,
    capBytes: cap,
    usedBytes,
    forecast,
    overageNow: overageFor(usedBytes, cap, rules, courtesy),
    overageForecast: overageFor(forecast.projectedBytes, cap, rules, courtesy),
    daily,
    devices: devices
      .map((d) => ({ mac: d.deviceMac, down: d._sum.bytesDown ?? 0n, up: d._sum.bytesUp ?? 0n }))
      .sort((a, b) => Number(total(b) - total(a))),
    history,
  };
}
