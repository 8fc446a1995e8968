import { createPrismaClient, resolveConnection } from "@homeport/db";
import { startEmbeddedDatabase } from "@homeport/db/embedded";
import { addDays, calendarDateAt } from "../src/billing/calendar.ts";
import { generateUsageRecords } from "../src/usage/generate.ts";
import { ingestUsage, MAX_BATCH } from "../src/usage/ingest.ts";

/**
 * `pnpm usage:generate <account number> [GB per day] [days]`: realistic hourly usage (quiet nights,
 * evening peaks, busier weekends) for one account over the last complete days, sent through ingestion.
 */
async function main(): Promise<void> {
  const [accountNumber, gbPerDay = "20", days = "30"] = process.argv.slice(2);
  if (!accountNumber || !/^\d{16}$/.test(accountNumber) || !(Number(gbPerDay) > 0) || !(Number(days) > 0)) {
    console.error("Usage: pnpm usage:generate <16-digit account number> [GB per day, default 20] [days, default 30]");
    process.exit(2);
  }
  const config = resolveConnection();
  const embedded = config.embedded ? await startEmbeddedDatabase() : undefined;
  const db = createPrismaClient(config);
  try {
    const account = await db.serviceAccount.findUnique({ where: { accountNumber }, select: { timeZone: true } });
    if (!account) throw new Error(`no account ${accountNumber}`);
    const now = new Date();
    const today = calendarDateAt(now, account.timeZone);
    const records = generateUsageRecords(
      {
        accountNumber,
        timeZone: account.timeZone,
        averageGbPerDay: Number(gbPerDay),
        uploadShare: 0.08,
        devices: [
          { mac: "02:00:00:00:00:01", weight: 3 },
          { mac: "02:00:00:00:00:02", weight: 1 },
        ],
      },
      addDays(today, -Number(days)),
      today,
      now,
      Number(accountNumber.slice(-6)),
      "hour",
    );
    let accepted = 0;
    for (let i = 0; i < records.length; i += MAX_BATCH) {
      const results = await ingestUsage({ db }, records.slice(i, i + MAX_BATCH));
      accepted += results.filter((r) => r.status === "accepted").length;
    }
    console.log(
      `Sent ${records.length} records for ${accountNumber}: ${accepted} new, ${records.length - accepted} already there.`,
    );
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Could not generate usage: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
