import { exportPayments, toCsv, ZPaymentFilter } from "@homeport/core/billing/history";
import { coreContext } from "@homeport/core/context";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/session";

/** The payment history as CSV, with the same filters as the page. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export your payments.", { status: 401 });
  if (!user.accountId) return new Response("No household account.", { status: 404 });
  const params = new URL(request.url).searchParams;
  const filter = ZPaymentFilter.safeParse({
    status: params.get("status") ?? "",
    source: params.get("source") ?? "",
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
  });
  if (!filter.success) return new Response(`Invalid filter: ${filter.error.issues[0]?.message}`, { status: 400 });
  const ctx = coreContext();
  const timeZone = user.timeZone ?? ctx.profile.timeZone;
  const [t, rows] = await Promise.all([
    getTranslations("billing"),
    exportPayments(ctx.db, user.accountId, filter.data, timeZone),
  ]);
  const dateTime = new Intl.DateTimeFormat("sv-SE", { dateStyle: "short", timeStyle: "medium", timeZone });
  const csv = toCsv([
    [
      t("csv.date"),
      t("csv.amount"),
      t("csv.currency"),
      t("csv.status"),
      t("csv.source"),
      t("csv.method"),
      t("csv.receipt"),
    ],
    ...rows.map((p) => [
      dateTime.format(p.createdAt),
      (p.amountCents / 100).toFixed(2),
      ctx.profile.currency,
      t(`status.${p.status}`),
      t(`source.${p.source}`),
      `${p.methodBrand} ${p.methodLast4}`,
      p.receiptNumber,
    ]),
  ]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="payments.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
