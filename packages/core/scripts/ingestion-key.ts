import { createPrismaClient, resolveConnection } from "@homeport/db";
import { startEmbeddedDatabase } from "@homeport/db/embedded";
import { createIngestionKey } from "../src/usage/ingest.ts";

/**
 * `pnpm usage:key <name>`: creates an API key for a network system that sends usage, and prints
 * it once (only its hash is kept). Revoking and listing keys is for the admin console.
 */
async function main(): Promise<void> {
  const name = process.argv.slice(2).join(" ").trim();
  if (!name) {
    console.error('Usage: pnpm usage:key "<name of the sending system>"');
    process.exit(2);
  }
  const config = resolveConnection();
  const embedded = config.embedded ? await startEmbeddedDatabase() : undefined;
  const db = createPrismaClient(config);
  try {
    const { key, prefix } = await createIngestionKey(db, name, { userAgent: "pnpm usage:key (operator shell)" });
    console.log(`Created usage key "${name}" (${prefix}). Store it now; it is not shown again:\n${key}`);
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Could not create the key: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
