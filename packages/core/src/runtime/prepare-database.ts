import {
  type ConnectionConfig,
  createPrismaClient,
  describeConnection,
  explainConnectionError,
  resolveConnection,
} from "@homeport/db";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@homeport/db/embedded";
import { deployMigrations } from "@homeport/db/migrator";
import { providerProfile } from "../provider/profile.ts";
import { seedDemoData } from "./seed-demo.ts";
import { syncHelpArticles } from "../services/help-content.ts";
import pg from "pg";
import { readCoreEnv } from "../env.ts";

export { connectionUrl } from "@homeport/db";

export class StartupError extends Error {
  override name = "StartupError";
}

export interface PreparedDatabase {
  connection: ConnectionConfig;
  embedded: EmbeddedDatabase | null;
  seeded: boolean;
  appliedMigrations: string[];
  stop(): Promise<void>;
}

async function ensureReachable(connection: ConnectionConfig): Promise<void> {
  const { embedded: _e, poolMax: _p, ...fields } = connection;
  const client = new pg.Client({ ...fields, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new StartupError(explainConnectionError(error, connection));
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Before the portal serves anything: start the embedded database when DATABASE_URL is unset, check
 * the database answers, apply pending migrations, and seed the demo data once (embedded by default;
 * on a real server only with HOMEPORT_SEED_DEMO=true).
 */
export async function prepareDatabase(log: (line: string) => void): Promise<PreparedDatabase> {
  const env = readCoreEnv();
  const connection = resolveConnection();
  const embedded = connection.embedded ? await startEmbeddedDatabase({ log }) : null;
  try {
    await ensureReachable(connection);
    log(`Database: ${describeConnection(connection)}`);
    const { applied } = await deployMigrations(connection);
    log(applied.length ? `Applied ${applied.length} migration(s)` : "Migrations up to date");
    const shouldSeed = env.HOMEPORT_SEED_DEMO ? env.HOMEPORT_SEED_DEMO === "true" : connection.embedded;
    let seeded = false;
    const db = createPrismaClient(connection);
    try {
      // Help articles are content shipped with the release, so every start brings them up to date.
      const help = await syncHelpArticles(db);
      log(`Help articles: ${help.created} new, ${help.updated} updated, ${help.removed} removed`);
      if (shouldSeed) {
        seeded = await seedDemoData(db, providerProfile());
        log(seeded ? "Seeded the demo household" : "Demo data already present");
      }
    } finally {
      await db.$disconnect();
    }
    return {
      connection,
      embedded,
      seeded,
      appliedMigrations: applied,
      stop: async () => {
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    if (error instanceof StartupError) throw error;
    throw new StartupError((error instanceof Error ? error.message : String(error)).replace(/\s*\n+\s*/g, " "));
  }
}
