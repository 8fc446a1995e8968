import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import type { PaymentGateway } from "../billing/gateway.ts";
import { createDemoGateway } from "../billing/gateways/demo.ts";
import type { CoreContext } from "../context.ts";
import type { DeviceGateway } from "../services/device-gateway.ts";
import { createSimulatedDeviceGateway } from "../services/simulated-device-gateway.ts";
import { deriveKey } from "../identity/secret-box.ts";
import { loadProviderProfile } from "../provider/profile.ts";
import { readCoreEnv } from "../env.ts";

/** A context on the test database, with a movable clock; email and texts stay in the outbox. */
export function createTestContext(
  databaseUrl: string,
  options: { payments?: PaymentGateway; devices?: DeviceGateway } = {},
) {
  let now = new Date();
  const ctx: CoreContext & { setNow(date: Date): void; advance(ms: number): void } = {
    db: createPrismaClient(parseDatabaseUrl(databaseUrl, 2)),
    now: () => now,
    transports: {},
    profile: loadProviderProfile(readCoreEnv({})),
    totpKey: deriveKey("test-master-secret-that-is-long-enough", "totp-secret"),
    publicUrl: "http://portal.test",
    payments: options.payments ?? createDemoGateway(),
    // The simulator on the test clock, never failing: advance the clock past its delay (at most
    // 20 s) to see an operation applied. Tests that want failures pass their own.
    devices: options.devices ?? createSimulatedDeviceGateway({ now: () => now, failureRate: 0 }),
    wifiKey: deriveKey("test-master-secret-that-is-long-enough", "wifi-password"),
    setNow(date) {
      now = date;
    },
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
  };
  return ctx;
}
