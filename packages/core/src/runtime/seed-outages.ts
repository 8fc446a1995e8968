import type { Db } from "@homeport/db";
import type { ProviderProfile } from "../provider/profile.ts";
import { reportOutage, runOutageNotices, ZOutageReport } from "../services/outages.ts";

const HOUR = 3_600_000;

/**
 * Network operations' view of the demo area (Sacramento 95816/95819): a fiber cut five days ago
 * that took everything down for seven hours (so it earned a day's credit) and a TV problem now.
 */
export async function seedDemoOutages(ctx: { db: Db; now: () => Date; profile: ProviderProfile }) {
  const now = ctx.now().getTime();
  const iso = (offsetHours: number) => new Date(now + offsetHours * HOUR).toISOString();
  const reports = [
    {
      ref: "NOC-FIBER-0412",
      zips: ["95816", "95819", "95817"],
      services: ["INTERNET", "TV", "PHONE"],
      status: "RESOLVED",
      cause: "fiber",
      startedAt: iso(-130),
      resolvedAt: iso(-123),
    },
    {
      ref: "NOC-HEADEND-0977",
      zips: ["95816", "95819"],
      services: ["TV"],
      status: "IDENTIFIED",
      cause: "equipment",
      startedAt: iso(-2),
      etaAt: iso(4),
    },
  ];
  for (const report of reports) await reportOutage(ctx, {}, ZOutageReport.parse(report));
  await runOutageNotices(ctx);
}
