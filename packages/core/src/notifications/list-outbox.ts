import type { DbTx } from "@homeport/db";
import { z } from "zod";

export const ZOutboxFilter = z.object({
  recipient: z.string().trim().max(320).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TOutboxFilter = z.infer<typeof ZOutboxFilter>;

/** Newest first: what the development outbox page shows. */
export function listOutbox(db: DbTx, filter: TOutboxFilter) {
  return db.outboxMessage.findMany({
    where: filter.recipient ? { recipient: { contains: filter.recipient.toLowerCase(), mode: "insensitive" } } : {},
    orderBy: { createdAt: "desc" },
    take: filter.limit,
  });
}
