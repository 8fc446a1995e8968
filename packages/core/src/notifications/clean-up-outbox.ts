import type { DbTx } from "@homeport/db";
import { outboxCutoff } from "./delivery-policy.ts";

/** Deletes outbox messages past retention: they hold codes and personal data nobody needs later. */
export async function cleanUpOutbox(
  db: DbTx,
  options: { retentionDays: number; now?: Date },
): Promise<{ deleted: number }> {
  const { count } = await db.outboxMessage.deleteMany({
    where: { createdAt: { lt: outboxCutoff(options.now ?? new Date(), options.retentionDays) } },
  });
  return { deleted: count };
}
