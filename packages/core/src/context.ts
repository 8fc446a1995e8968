import type { Db } from "@homeport/db";
import { getDb } from "@homeport/db";
import { ConfigError, readCoreEnv } from "./env.ts";
import type { PaymentGateway } from "./billing/gateway.ts";
import { configuredGateway } from "./billing/gateways/configured-gateway.ts";
import { deriveKey } from "./identity/secret-box.ts";
import { configuredTransports } from "./notifications/configured-transports.ts";
import type { Transports } from "./notifications/transports.ts";
import { type ProviderProfile, providerProfile } from "./provider/profile.ts";
import type { DeviceGateway } from "./services/device-gateway.ts";
import { createSimulatedDeviceGateway, simulatorOptionsFromEnv } from "./services/simulated-device-gateway.ts";

/**
 * What a use case needs from the world: the database, the clock, the ways out (email, texts) and
 * the keys. Tests build one with a test database and fake transports.
 */
export interface CoreContext {
  db: Db;
  now: () => Date;
  transports: Transports;
  profile: ProviderProfile;
  /** Key that seals TOTP secrets at rest. */
  totpKey: Buffer;
  /** Absolute base for links in messages, e.g. https://my.example.com */
  publicUrl: string;
  payments: PaymentGateway;
  /** Restarts equipment and changes WiFi (the simulator unless a real system is wired). */
  devices: DeviceGateway;
  /** Key that seals WiFi passwords at rest (its own HKDF purpose, like totpKey). */
  wifiKey: Buffer;
}

export function masterSecret(): string {
  const env = readCoreEnv();
  const secret = env.HOMEPORT_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new ConfigError("HOMEPORT_ENCRYPTION_KEY (or NEXTAUTH_SECRET) must be set to 32+ characters");
  }
  return secret;
}

/** The HKDF purpose of the key that seals WiFi passwords (the seed derives the same key). */
export const WIFI_KEY_PURPOSE = "wifi-password";

let cached: CoreContext | undefined;

export function coreContext(): CoreContext {
  cached ??= {
    db: getDb(),
    now: () => new Date(),
    transports: configuredTransports(),
    profile: providerProfile(),
    totpKey: deriveKey(masterSecret(), "totp-secret"),
    publicUrl: (readCoreEnv().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, ""),
    payments: configuredGateway(),
    devices: createSimulatedDeviceGateway(simulatorOptionsFromEnv(readCoreEnv())),
    wifiKey: deriveKey(masterSecret(), WIFI_KEY_PURPOSE),
  };
  return cached;
}
