import { toCsv } from "@homeport/core/billing/history";
import { coreContext } from "@homeport/core/context";
import { getUsage } from "@homeport/core/usage/get-usage";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/session";

/** Daily usage for the current cycle and the 12 before it, in bytes (exact) as CSV. */
export async function GET() {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export your usage.", { status: 401 });
  if (!user.accountId) return new Response("No household account.", { status: 404 });
  const ctx = coreContext();
  const [t, usage, days] = await Promise.all([
    getTranslations("usage.csv"),
    getUsage(ctx.db, user.accountId, ctx.now(), ctx.profile.usage),
    ctx.db.usageDay.findMany({
      where: { accountId: user.accountId, deviceMac: "" },
      orderBy: { day: "asc" },
      select: { day: true, bytesDown: true, bytesUp: true },
    }),
  ]);
  const from = usage.history[0]?.cycle.start ?? usage.cycle.start;
  const rows = days
    .map((d) => ({ day: d.day.toISOString().slice(0, 10), down: d.bytesDown, up: d.bytesUp }))
    .filter((d) => d.day >= from);
  const csv = toCsv([
    [t("day"), t("download"), t("upload"), t("total")],
    ...rows.map((d) => [d.day, d.down.toString(), d.up.toString(), (d.down + d.up).toString()]),
  ]);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="usage.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
