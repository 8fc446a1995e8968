import type { Db } from "@homeport/db";
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from "./delivery-policy.ts";
import type { Transports } from "./transports.ts";

export interface DeliveryReport {
  sent: number;
  failed: number;
  retrying: number;
}

/**
 * Sends pending messages. Rows are claimed with FOR UPDATE SKIP LOCKED so two workers never send the
 * same message; a failed attempt waits with backoff and gives up after MAX_DELIVERY_ATTEMPTS.
 */
export async function deliverOutbox(
  db: Db,
  transports: Transports,
  options: { now?: Date; batchSize?: number } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0 };
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'PENDING'
        AND ("deliveredAt" IS NULL OR "deliveredAt" <= ${now})
      ORDER BY "createdAt"
      LIMIT ${options.batchSize ?? 50}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  for (const { id } of claimed) {
    const message = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    const transport = transports[message.channel];
    try {
      if (!transport) throw new Error(`no transport for ${message.channel}`);
      await transport.deliver(message);
      await db.outboxMessage.update({
        where: { id },
        data: { status: "SENT", deliveredAt: new Date(), lastError: null },
      });
      report.sent += 1;
    } catch (error) {
      const giveUp = message.attempts >= MAX_DELIVERY_ATTEMPTS;
      await db.outboxMessage.update({
        where: { id },
        data: {
          status: giveUp ? "FAILED" : "PENDING",
          lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500),
          // While pending, deliveredAt holds the earliest time of the next attempt.
          deliveredAt: giveUp ? null : new Date(now.getTime() + retryDelaySeconds(message.attempts) * 1000),
        },
      });
      if (giveUp) report.failed += 1;
      else report.retrying += 1;
    }
  }
  return report;
}
