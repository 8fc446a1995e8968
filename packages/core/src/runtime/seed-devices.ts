import type { Db } from "@homeport/db";
import { DEMO_ACCOUNT_NUMBER } from "@homeport/db/seed";
import { masterSecret, WIFI_KEY_PURPOSE } from "../context.ts";
import { deriveKey } from "../identity/secret-box.ts";
import { sealWifiPassword } from "../services/wifi.ts";

const MINUTE = 60_000;

/** A simulator-style reference for a seeded operation (see simulated-device-gateway). */
function seededRef(op: "r" | "w", at: Date, delayMs: number) {
  return ["sim1", op, at.getTime().toString(36), delayMs.toString(36), "ok", "seed00"].join(".");
}

/**
 * The demo household's devices as the device gateway last saw them: every device online, the
 * router's home network (a sealed password), and a modem restart three days ago. Runs after
 * seed-billing, which creates the equipment; does nothing when the network is already there.
 */
export async function seedDevices(ctx: { db: Db; now: () => Date; wifiKey?: Buffer }) {
  const db = ctx.db;
  const account = await db.serviceAccount.findUnique({
    where: { accountNumber: DEMO_ACCOUNT_NUMBER },
    select: { id: true, equipment: { where: { returnedOn: null }, select: { id: true, kind: true } } },
  });
  if (!account) return;
  const router = account.equipment.find((e) => e.kind === "ROUTER");
  const modem = account.equipment.find((e) => e.kind === "MODEM");
  if (router && (await db.wifiNetwork.count({ where: { equipmentId: router.id } })) > 0) return;
  const now = ctx.now();
  await db.equipment.updateMany({
    where: { accountId: account.id, returnedOn: null },
    data: { status: "ONLINE", statusAt: new Date(now.getTime() - 5 * MINUTE) },
  });
  if (router) {
    const key = ctx.wifiKey ?? deriveKey(masterSecret(), WIFI_KEY_PURPOSE);
    await db.wifiNetwork.create({
      data: {
        equipmentId: router.id,
        accountId: account.id,
        ssid: "Rivera-Home",
        passwordSealed: sealWifiPassword("maple-canyon-4721", key, router.id),
        security: "WPA2_WPA3",
        changedAt: new Date("2025-02-14T03:12:00Z"),
      },
    });
  }
  if (modem) {
    const requestedAt = new Date(now.getTime() - 3 * 24 * 60 * MINUTE);
    const delay = 94_000;
    const requester = await db.membership.findFirst({
      where: { accountId: account.id, role: "OWNER" },
      select: { userId: true },
    });
    await db.deviceOperation.create({
      data: {
        accountId: account.id,
        equipmentId: modem.id,
        kind: "RESTART",
        status: "APPLIED",
        gatewayRef: seededRef("r", requestedAt, delay),
        requestedById: requester?.userId ?? null,
        requestedAt,
        completedAt: new Date(requestedAt.getTime() + delay),
      },
    });
  }
}
