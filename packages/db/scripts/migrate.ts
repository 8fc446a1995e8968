import { resolveConnection } from "../src/connection.ts";
import { startEmbeddedDatabase } from "../src/embedded.ts";
import { readDbEnv } from "../src/env.ts";
import { createMigration, deployMigrations, markRolledBack } from "../src/migrator.ts";

const [command, name] = process.argv.slice(2);

async function main(): Promise<void> {
  const env = readDbEnv();
  const config = resolveConnection(env);
  const embedded = config.embedded ? await startEmbeddedDatabase({ env }) : undefined;
  try {
    if (command === "deploy") {
      const { applied } = await deployMigrations(config);
      console.log(
        applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "No pending migrations.",
      );
    } else if (command === "create") {
      const result = await createMigration(config, name ?? "");
      console.log(
        result.created
          ? `Created prisma/migrations/${result.name}/ — review migration.sql, then run pnpm db:migrate.`
          : "The schema matches the last migration; nothing to create.",
      );
    } else if (command === "resolve" && name) {
      await markRolledBack(config, name);
      console.log(`Marked ${name} as rolled back; pnpm db:migrate will apply it again.`);
    } else {
      console.error("Usage: migrate deploy | migrate create <name> | migrate resolve <migration folder name>");
      process.exitCode = 2;
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    `Migration failed: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n+\s*/g, " ")}`,
  );
  process.exit(1);
});
