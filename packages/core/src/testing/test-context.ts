import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import type { PaymentGateway } from "../billing/gateway.ts";
import { createDemoGateway } from "../billing/gateways/demo.ts";
import type { CoreContext } from "../context.ts";
import { deriveKey } from "../identity/secret-box.ts";
import { loadProviderProfile } from "../provider/profile.ts";
import { readCoreEnv } from "../env.ts";

/** A context on the test database, with a movable clock; email and texts stay in the outbox. */
export function createTestContext(databaseUrl: string, options: { payments?: PaymentGateway } = {}) {
  let now = new Date();
  const ctx: CoreContext & { setNow(date: Date): void; advance(ms: number): void } = {
    db: createPrismaClient(parseDatabaseUrl(databaseUrl, 2)),
    now: () => now,
    transports: {},
    profile: loadProviderProfile(readCoreEnv({})),
    totpKey: deriveKey("test-master-secret-that-is-long-enough", "totp-secret"),
    publicUrl: "http://portal.test",
    payments: options.payments ?? createDemoGateway(),
    setNow(date) {
      now = date;
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
  return ctx;
}
