import type { Db } from "@homeport/db";
import { seedDemo } from "@homeport/db/seed";
import type { ProviderProfile } from "../provider/profile.ts";
import { masterSecret } from "../context.ts";
import { deriveKey, sealSecret } from "../identity/secret-box.ts";
import { seedAppointments } from "./seed-appointments.ts";
import { seedDemoBilling } from "./seed-billing.ts";
import { seedDevices } from "./seed-devices.ts";
import { seedDemoAnomalies } from "./seed-anomalies.ts";
import { seedDemoMailboxes } from "./seed-email.ts";
import { seedDemoGuide, seedDemoRecordings } from "./seed-tv.ts";
import { seedDemoOutages } from "./seed-outages.ts";
import { seedDemoUsage } from "./seed-usage.ts";

/** Staff demo users get two-step sign-in with their documented development secrets. */
function demoTotpSealer() {
  const key = deriveKey(masterSecret(), "totp-secret");
  return (secret: string, userId: string) => sealSecret(secret, key, userId);
}

/** Everything the demo shows, in dependency order; returns false when the demo was already there. */
export async function seedDemoData(db: Db, profile: ProviderProfile): Promise<boolean> {
  const { seeded } = await seedDemo(db, { sealTotpSecret: demoTotpSealer() });
  if (!seeded) return false;
  const ctx = { db, now: () => new Date(), profile };
  await seedDemoUsage(ctx);
  await seedDemoBilling(ctx);
  await seedDevices(ctx);
  await seedDemoOutages(ctx);
  await seedAppointments(ctx);
  await seedDemoGuide(ctx);
  await seedDemoRecordings(ctx);
  await seedDemoMailboxes(ctx);
  await seedDemoAnomalies(ctx);
  return true;
}
