import { calendarDateAt } from "@homeport/core/billing/calendar";
import { coreContext } from "@homeport/core/context";
import { privacyMetricsCsv } from "@homeport/core/privacy/metrics";
import { canWorkPrivacy, getPrivacyMetrics, ZMetricsYear } from "@homeport/core/privacy/staff";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/session";

/** Headings for the columns of PRIVACY_METRICS_HEADER, in its order. */
const HEADER_KEYS = [
  "type",
  "received",
  "compliedInWhole",
  "compliedInPart",
  "denied",
  "deniedByReason",
  "pending",
  "medianDays",
  "meanDays",
] as const;

/** §7102: the year's figures as CSV, for the privacy policy. Privacy staff only. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Sign in to download the metrics.", { status: 401 });
  if (!canWorkPrivacy(user)) return new Response("Forbidden", { status: 403 });
  const ctx = coreContext();
  const thisYear = Number(calendarDateAt(ctx.now(), ctx.profile.timeZone).slice(0, 4));
  const asked = ZMetricsYear.safeParse(new URL(request.url).searchParams.get("year"));
  const year = asked.success ? asked.data : thisYear;
  const [t, { metrics }] = await Promise.all([getTranslations("privacyAdmin"), getPrivacyMetrics(ctx, user, year)]);
  const csv = privacyMetricsCsv(metrics, {
    header: HEADER_KEYS.map((key) => t(`metrics.${key}`)),
    type: (type) => t(`types.${type}`),
    reason: (reason) => (t.has(`reasons.${reason}`) ? t(`reasons.${reason}`) : reason),
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="privacy-requests-${year}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
