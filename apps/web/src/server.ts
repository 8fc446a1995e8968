import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDb } from "@homeport/core/runtime/db";
import { devOutboxEnabled } from "@homeport/core/notifications/configured-transports";
import { startJobWorker, type JobWorker } from "@homeport/core/jobs/worker";
import { connectionUrl, prepareDatabase } from "@homeport/core/runtime/prepare-database";
import { readCoreEnv } from "@homeport/core/env";
import next from "next";
import { completeLaunchEnv, exportDatabaseEnv } from "./env.ts";
import { createLogger } from "./lib/logger.ts";
import { privacyExportText } from "./lib/privacy-export-text.ts";
import { CLIENT_IP_HEADER, clientIp } from "./lib/client-ip.ts";

/**
 * `pnpm start` / `pnpm dev`: check the configuration, get the database ready (embedded unless
 * DATABASE_URL is set), start the job worker, then serve the portal with a log line per request.
 * Anything wrong stops the start with one line that says what to fix.
 */
const log = createLogger("server");
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = path.resolve(appDir, "../..");
const dev = process.argv.includes("--dev");

async function main(): Promise<void> {
  const started = performance.now();
  const env = completeLaunchEnv(repoRoot);
  const coreEnv = readCoreEnv();
  const database = await prepareDatabase((line) => log.info(line));
  exportDatabaseEnv({
    databaseUrl: connectionUrl(database.connection),
    poolMax: database.connection.poolMax,
    devOutbox: devOutboxEnabled(database.connection.embedded, coreEnv),
  });

  let worker: JobWorker | null = null;
  if (coreEnv.HOMEPORT_WORKER === "on") {
    worker = await startJobWorker({
      db: getDb(),
      connection: database.connection,
      log: (line) => log.info(line),
      privacyExportText,
    });
    log.info("Job worker started");
  }

  const app = next({ dev, dir: appDir, hostname: env.HOSTNAME, port: env.PORT, turbopack: dev });
  await app.prepare();
  const handle = app.getRequestHandler();
  const requestLog = createLogger("http");

  let inFlight = 0;
  const server = createServer((req, res) => {
    const begin = performance.now();
    // Counted until Next's handler settles, even when the client hung up earlier.
    inFlight += 1;
    req.headers[CLIENT_IP_HEADER] = clientIp(req, coreEnv.HOMEPORT_TRUST_PROXY === "true");
    res.on("finish", () => {
      if (env.HOMEPORT_LOG_REQUESTS === "off") return;
      // The path only: query strings can carry tokens.
      const pathOnly = (req.url ?? "/").split("?")[0];
      if (pathOnly?.startsWith("/_next/")) return;
      requestLog.info("request", {
        method: req.method,
        path: pathOnly,
        status: res.statusCode,
        ms: Math.round(performance.now() - begin),
      });
    });
    void handle(req, res).finally(() => {
      inFlight -= 1;
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOSTNAME, () => resolve());
  });
  log.info(`Homeport ready on http://localhost:${env.PORT} in ${Math.round(performance.now() - started)} ms`, {
    mode: dev ? "development" : "production",
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`Stopping (${signal})`);
    // Finish requests in flight before the database goes away; give up on stragglers after 10 s.
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + 10_000;
    while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeAllConnections();
    await worker?.stop().catch(() => {});
    await getDb()
      .$disconnect()
      .catch(() => {});
    await app.close?.().catch(() => {});
    await database.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    `Homeport could not start: ${code === "EADDRINUSE" ? "the port is already in use; set PORT to a free port." : message.replace(/\s*\n+\s*/g, " ")}`,
  );
  process.exit(1);
});
