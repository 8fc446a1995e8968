import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { type ConnectionConfig, embeddedConnection } from "./connection.ts";
import { type DbEnv, dataDir, readDbEnv } from "./env.ts";

/**
 * The embedded default database: PostgreSQL compiled to WebAssembly (PGlite), data under .data/,
 * served on a local TCP port so every client (app, migrator, seed, tests) talks ordinary
 * PostgreSQL to it. Clients must keep to one connection each (see STACK.md, pitfall 4).
 */
export interface EmbeddedDatabase {
  config: ConnectionConfig;
  /** False when another process of ours already serves this data directory. */
  owned: boolean;
  stop(): Promise<void>;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedDatabase(
  options: { env?: DbEnv; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  const env = options.env ?? readDbEnv();
  const log = options.log ?? (() => {});
  const port = env.HOMEPORT_EMBEDDED_DB_PORT;
  const config = embeddedConnection(port);
  const root = dataDir(env);
  const pgdata = path.join(root, "pglite");
  const lockFile = path.join(root, "pglite.pid");

  if (await portAnswers(port)) {
    log(`Using the embedded database already running on 127.0.0.1:${port}`);
    return { config, owned: false, stop: async () => {} };
  }

  mkdirSync(root, { recursive: true });
  try {
    const holder = Number(readFileSync(lockFile, "utf8"));
    if (holder && holder !== process.pid && processAlive(holder)) {
      throw new Error(
        `The embedded database in ${pgdata} is open in process ${holder} but not answering on port ${port}. Stop that process first.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileSync(lockFile, String(process.pid));

  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const started = Date.now();
  const db = await PGlite.create({ dataDir: pgdata });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 8 });
  await server.start();
  log(`Embedded PostgreSQL ready on 127.0.0.1:${port} (${pgdata}, ${Date.now() - started} ms)`);

  let stopped = false;
  return {
    config,
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      rmSync(lockFile, { force: true });
    },
  };
}
