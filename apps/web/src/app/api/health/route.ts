import { checkHealth } from "@homeport/core/health/check-health";
import { getDb } from "@homeport/core/runtime/db";
import { readWebEnv } from "@/env";

export const dynamic = "force-dynamic";

/** Database reachability and migration state. 200 when healthy, 503 otherwise. */
export async function GET() {
  const report = await checkHealth(getDb(), readWebEnv().npm_package_version ?? "0.0.0");
  return Response.json(report, {
    status: report.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
