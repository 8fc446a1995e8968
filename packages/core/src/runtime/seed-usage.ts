import type { Db } from "@homeport/db";
import { DEMO_ACCOUNT_NUMBER, DEMO_UNREGISTERED_ACCOUNT } from "@homeport/db/seed";
import { addDays, addMonths, calendarDateAt, cycleContaining } from "../billing/calendar.ts";
import { generateUsageRecords, type HouseholdPattern } from "../usage/generate.ts";
import { ingestUsage, MAX_BATCH } from "../usage/ingest.ts";

const TZ = "America/Los_Angeles";

/**
 * A year of daily usage for the demo households, sent through the same ingestion path as the
 * network's feed. Maria's household streams heavily: one cycle eight months ago went over the
 * 1.2 TB cap (its courtesy cycle), and since a new series started a week before this cycle it is on
 * course to go over again.
 */
export async function seedDemoUsage(ctx: { db: Db; now: () => Date }) {
  const now = ctx.now();
  const today = calendarDateAt(now, TZ);
  const mariaCycle = cycleContaining(today, 9);
  const hotCycle = cycleContaining(addMonths(mariaCycle.start, -8), 9);
  const households: HouseholdPattern[] = [
    {
      accountNumber: DEMO_ACCOUNT_NUMBER,
      timeZone: TZ,
      averageGbPerDay: 27,
      uploadShare: 0.08,
      devices: [
        { mac: "3C:22:FB:10:8A:41", weight: 5 },
        { mac: "F0:18:98:2B:77:C3", weight: 2 },
        { mac: "A4:83:E7:5D:02:9E", weight: 1 },
      ],
      multiplierFrom: (day) =>
        day >= addDays(mariaCycle.start, -7) ? 1.6 : day >= hotCycle.start && day <= hotCycle.end ? 1.45 : 1,
    },
    {
      accountNumber: "8352100087654321",
      timeZone: TZ,
      averageGbPerDay: 11,
      uploadShare: 0.12,
      devices: [
        { mac: "70:3A:CB:44:19:E2", weight: 3 },
        { mac: "D8:3A:DD:07:5C:18", weight: 1 },
      ],
    },
    {
      accountNumber: DEMO_UNREGISTERED_ACCOUNT.accountNumber,
      timeZone: TZ,
      averageGbPerDay: 6,
      uploadShare: 0.05,
      devices: [
        { mac: "B8:27:EB:61:90:3F", weight: 2 },
        { mac: "58:EF:68:22:C4:0B", weight: 1 },
      ],
    },
  ];
  const from = addDays(addMonths(today, -13), 0);
  let accepted = 0;
  for (const [index, household] of households.entries()) {
    const records = generateUsageRecords(household, from, today, now, index + 1);
    for (let i = 0; i < records.length; i += MAX_BATCH) {
      const results = await ingestUsage(ctx, records.slice(i, i + MAX_BATCH));
      accepted += results.filter((r) => r.status === "accepted").length;
    }
  }
  return { accepted };
}
