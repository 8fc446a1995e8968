import { readCoreEnv } from "@homeport/core/env";

/** The demo sign-in is shown where demo data is seeded: the embedded database, or HOMEPORT_SEED_DEMO. */
export function isDemoPortal(): boolean {
  const env = readCoreEnv();
  return env.HOMEPORT_DEV_OUTBOX === "true" || env.HOMEPORT_SEED_DEMO === "true";
}
