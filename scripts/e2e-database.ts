import pg from "pg";

/** Drops and recreates the end-to-end database so every run starts from the demo seed. */
const url = new URL(process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/homeport_e2e");
const name = url.pathname.slice(1);
url.pathname = "/postgres";

const client = new pg.Client({ connectionString: url.toString() });
try {
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  console.log(`Recreated database ${name}`);
} catch (error) {
  console.error(`Could not prepare the e2e database: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.end();
}
