import { createPrismaClient } from "../src/client.ts";
import { resolveConnection } from "../src/connection.ts";
import { startEmbeddedDatabase } from "../src/embedded.ts";
import { readDbEnv } from "../src/env.ts";
import { seedDemo } from "../src/seed.ts";

async function main(): Promise<void> {
  const env = readDbEnv();
  const config = resolveConnection(env);
  const embedded = config.embedded ? await startEmbeddedDatabase({ env }) : undefined;
  const db = createPrismaClient(config);
  try {
    const { seeded } = await seedDemo(db);
    console.log(seeded ? "Seeded the demo household." : "Demo data already present; nothing seeded.");
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`Seed failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
});
