import type { CoreContext } from "../context.ts";
import { getBillingSummary } from "../billing/summary.ts";
import { getDvrPlan } from "../dvr/dvr-plan.ts";
import { getHousehold } from "../identity/get-household.ts";
import { listRecentActivity } from "../identity/list-account-activity.ts";
import { listNotifications } from "../notifications/notify-user.ts";
import { activeOutagesForAccount } from "../services/outage-lookup.ts";
import { getUsage } from "../usage/get-usage.ts";

/** How many notifications and activity events the dashboard shows (the full lists are a click away). */
export const DASHBOARD_LIST_SIZE = 5;

/**
 * Everything the dashboard shows, read in one go. A staff member has no household and sees only
 * their notifications and activity. The number of queries does not grow with the household's data
 * (members, notifications, recordings, statements): load-dashboard.integration.test.ts counts them.
 */
export async function loadDashboard(
  ctx: Pick<CoreContext, "db" | "now" | "profile">,
  user: { id: string; accountId: string | null },
) {
  const now = ctx.now();
  const accountId = user.accountId;
  const [household, notifications, activity, billing, usage, outages, dvr] = await Promise.all([
    accountId ? getHousehold(ctx.db, accountId) : null,
    listNotifications(ctx.db, user.id, { take: DASHBOARD_LIST_SIZE }),
    listRecentActivity(ctx.db, user.id, { take: DASHBOARD_LIST_SIZE }),
    accountId ? getBillingSummary(ctx.db, accountId, now, ctx.profile.billing) : null,
    accountId ? getUsage(ctx.db, accountId, now, ctx.profile.usage) : null,
    accountId ? activeOutagesForAccount(ctx.db, accountId) : [],
    accountId ? getDvrPlan(ctx, accountId) : null,
  ]);
  return { household, notifications, activity, billing, usage, outages, dvr };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
