import { readCoreEnv } from "@homeport/core/env";
import { startJobWorker } from "@homeport/core/jobs/worker";
import { getDb, resolveConnection } from "@homeport/core/runtime/db";
import { createLogger } from "./lib/logger.ts";
import { privacyExportText } from "./lib/privacy-export-text.ts";

/**
 * A worker on its own, for deployments that scale web and jobs apart (`pnpm worker`, with
 * DATABASE_URL set and HOMEPORT_WORKER=off on the web instances).
 */
const log = createLogger("worker");

async function main(): Promise<void> {
  readCoreEnv();
  const connection = resolveConnection();
  if (connection.embedded) {
    throw new Error("pnpm worker needs DATABASE_URL; with the embedded database the worker runs inside pnpm start.");
  }
  const worker = await startJobWorker({
    db: getDb(),
    connection,
    log: (line) => log.info(line),
    privacyExportText,
  });
  log.info("Job worker started");
  const stop = async () => {
    await worker.stop();
    await getDb().$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Worker could not start: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
