import type { DbTx, PaymentStatus, Prisma } from "@homeport/db";
import { z } from "zod";
import { isStorableInstant } from "../storable.ts";
import { startOfDayAt, addDays, isCalendarDate, toDbDate } from "./calendar.ts";

// A range runs to the end of its last day: 9999-12-31 would end in year 10000, which no date query can hold.
const ZDate = z
  .string()
  .refine((value) => isCalendarDate(value) && isStorableInstant(toDbDate(value)), "date_invalid")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const ZPaymentFilter = z
  .object({
    status: z
      .enum(["SUCCEEDED", "FAILED", "PENDING", "REFUNDED", "REQUIRES_ACTION"])
      .optional()
      .or(z.literal("").transform(() => undefined)),
    source: z
      .enum(["ONE_TIME", "AUTOPAY"])
      .optional()
      .or(z.literal("").transform(() => undefined)),
    from: ZDate,
    to: ZDate,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "range_invalid", path: ["to"] });

export type PaymentFilter = z.infer<typeof ZPaymentFilter>;

function where(accountId: string, filter: PaymentFilter, timeZone: string): Prisma.PaymentWhereInput {
  return {
    accountId,
    ...(filter.status ? { status: filter.status as PaymentStatus } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: startOfDayAt(filter.from, timeZone) } : {}),
            ...(filter.to ? { lt: startOfDayAt(addDays(filter.to, 1), timeZone) } : {}),
          },
        }
      : {}),
  };
}

const PAYMENT_ROW = {
  id: true,
  createdAt: true,
  settledAt: true,
  amountCents: true,
  status: true,
  source: true,
  methodKind: true,
  methodBrand: true,
  methodLast4: true,
  receiptNumber: true,
  failureCode: true,
} as const;

/** Newest first, in pages keyed on (createdAt, id) so paging stays fast however long the history. */
export async function listPayments(
  db: DbTx,
  accountId: string,
  filter: PaymentFilter,
  options: { timeZone: string; take?: number; before?: { createdAt: Date; id: string } | null },
) {
  const take = options.take ?? 25;
  const rows = await db.payment.findMany({
    where: {
      ...where(accountId, filter, options.timeZone),
      ...(options.before
        ? {
            OR: [
              { createdAt: { lt: options.before.createdAt } },
              { createdAt: options.before.createdAt, id: { lt: options.before.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: PAYMENT_ROW,
  });
  const last = rows.length > take ? rows[take - 1] : undefined;
  return { rows: rows.slice(0, take), next: last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** Everything matching the filter, for the CSV export (bounded: 24 months of history is small). */
export function exportPayments(db: DbTx, accountId: string, filter: PaymentFilter, timeZone: string) {
  return db.payment.findMany({
    where: where(accountId, filter, timeZone),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 5000,
    select: PAYMENT_ROW,
  });
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are quoted with a leading apostrophe. */
export function toCsv(rows: (string | number)[][]): string {
  return rows
    .map((row) =>
      row
        .map((cell) => {
          let text = String(cell);
          if (/^[=+\-@\t\r]/.test(text) && typeof cell === "string") text = `'${text}`;
          return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
        })
        .join(","),
    )
    .join("\r\n")
    .concat("\r\n");
}
