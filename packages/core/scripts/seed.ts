import { createPrismaClient, resolveConnection } from "@homeport/db";
import { startEmbeddedDatabase } from "@homeport/db/embedded";
import { providerProfile } from "../src/provider/profile.ts";
import { seedDemoData } from "../src/runtime/seed-demo.ts";
import { syncHelpArticles } from "../src/services/help-content.ts";

/** `pnpm db:seed`: the demo household, with the staff users' development TOTP secrets sealed. */
async function main(): Promise<void> {
  const config = resolveConnection();
  const embedded = config.embedded ? await startEmbeddedDatabase() : undefined;
  const db = createPrismaClient(config);
  try {
    const seeded = await seedDemoData(db, providerProfile());
    await syncHelpArticles(db);
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
