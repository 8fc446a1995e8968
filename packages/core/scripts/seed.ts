import { createPrismaClient, resolveConnection } from "@homeport/db";
import { startEmbeddedDatabase } from "@homeport/db/embedded";
import { seedDemo } from "@homeport/db/seed";
import { providerProfile } from "../src/provider/profile.ts";
import { demoTotpSealer } from "../src/runtime/prepare-database.ts";
import { seedDemoBilling } from "../src/runtime/seed-billing.ts";
import { seedDemoUsage } from "../src/runtime/seed-usage.ts";

/** `pnpm db:seed`: the demo household, with the staff users' development TOTP secrets sealed. */
async function main(): Promise<void> {
  const config = resolveConnection();
  const embedded = config.embedded ? await startEmbeddedDatabase() : undefined;
  const db = createPrismaClient(config);
  try {
    const { seeded } = await seedDemo(db, { sealTotpSecret: demoTotpSealer() });
    if (seeded) {
      await seedDemoUsage({ db, now: () => new Date() });
      await seedDemoBilling({ db, now: () => new Date(), profile: providerProfile() });
    }
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
