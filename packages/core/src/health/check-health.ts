import type { Db } from "@homeport/db";
import { migrationStatus } from "@homeport/db/migration-files";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  version: string;
  database: { reachable: boolean; latencyMs: number | null; server: string | null; error?: string };
  migrations: { applied: number; total: number; pending: string[]; failed: string[] } | null;
}

/** Database reachability and migration state, for /api/health and monitors. */
export async function checkHealth(db: Db, version: string): Promise<HealthReport> {
  const started = performance.now();
  try {
    const [row] = await db.$queryRaw<{ server: string }[]>`SELECT current_setting('server_version') AS server`;
    const latencyMs = Math.round(performance.now() - started);
    const migrations = await migrationStatus((sql) => db.$queryRawUnsafe(sql));
    const healthy = migrations.pending.length === 0 && migrations.failed.length === 0;
    return {
      status: healthy ? "ok" : "degraded",
      version,
      database: { reachable: true, latencyMs, server: row?.server ?? null },
      migrations,
    };
  } catch (error) {
    return {
      status: "down",
      version,
      database: {
        reachable: false,
        latencyMs: null,
        server: null,
        error: (error instanceof Error ? error.message : String(error)).split("\n")[0],
      },
      migrations: null,
    };
  }
}
