import pg from "pg";
import { connectionUrl, parseDatabaseUrl } from "../connection.ts";
import { readDbEnv } from "../env.ts";
import { deployMigrations } from "../migrator.ts";

/**
 * Creates an empty database on the server named by TEST_DATABASE_ADMIN_URL (default: the local
 * PostgreSQL), optionally migrated. Integration tests never touch the embedded or demo database.
 */
export async function createTestDatabase(options: { migrate?: boolean; prefix?: string } = {}) {
  const admin = parseDatabaseUrl(readDbEnv().TEST_DATABASE_ADMIN_URL);
  const name = `${options.prefix ?? "homeport_test"}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e4)}`;
  const { embedded: _e, poolMax: _p, ...fields } = admin;
  const client = new pg.Client(fields);
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const config = { ...admin, database: name, poolMax: 4 };
  if (options.migrate !== false) await deployMigrations(config);
  return {
    config,
    url: connectionUrl(config),
    async drop() {
      const dropper = new pg.Client(fields);
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
