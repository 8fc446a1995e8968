import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { IdentityError } from "../identity/errors.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { DeviceError } from "./device-errors.ts";
import { settleDeviceOperations } from "./equipment.ts";
import { createSimulatedDeviceGateway } from "./simulated-device-gateway.ts";
import { changeWifi, getWifi, revealWifiPassword, sealWifiPassword } from "./wifi.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const defaultDevices = ctx.devices;

const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `wifi-${name}-${tag}-${(sequence += 1)}`;
const request = { userAgent: "wifi-test" };
/** The simulator takes at most 10 s for a WiFi change by default. */
const AFTER_DELAY = 11_000;
const CURRENT_PASSWORD = "maple-canyon-4721";

afterAll(() => db.$disconnect());
beforeEach(() => {
  ctx.setNow(new Date("2026-11-22T18:00:00Z"));
  ctx.devices = defaultDevices;
});

async function household() {
  const { account, owner } = await createHousehold(db, {
    owner: { email: `${unique("owner")}@example.com`, name: "Ada Lovelace" },
  });
  const router = await db.equipment.create({
    data: {
      accountId: account.id,
      kind: "ROUTER",
      model: "Test Router",
      serialNumber: unique("router"),
      installedOn: new Date("2025-01-01"),
    },
  });
  await db.wifiNetwork.create({
    data: {
      equipmentId: router.id,
      accountId: account.id,
      ssid: "Lovelace-Home",
      passwordSealed: sealWifiPassword(CURRENT_PASSWORD, ctx.wifiKey, router.id),
      changedAt: new Date("2025-06-01T12:00:00Z"),
    },
  });
  const memberUser = await createUser(db, { email: `${unique("member")}@example.com`, name: "Mary Somerville" });
  await addMember(db, account.id, memberUser.id, "MEMBER");
  return {
    account,
    router,
    ownerUser: owner,
    /** Signed in a while ago: no recent step-up. */
    ownerStale: householdActor(owner, account.id, "OWNER"),
    owner: () => householdActor(owner, account.id, "OWNER", { stepUpAt: ctx.now() }),
    member: () => householdActor(memberUser, account.id, "MEMBER", { stepUpAt: ctx.now() }),
  };
}

describe("WiFi", () => {
  it("shows the network without its password", async () => {
    const h = await household();
    const wifi = await getWifi(ctx, h.account.id);
    expect(wifi).toMatchObject({
      equipmentId: h.router.id,
      ssid: "Lovelace-Home",
      security: "WPA2_WPA3",
      pending: null,
      lastChange: null,
    });
    expect(JSON.stringify(wifi)).not.toContain(CURRENT_PASSWORD);
  });

  it("is changed by the owner after a step-up: pending, then applied, and the owner is told", async () => {
    const h = await household();
    const op = await changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-5G", password: "harbor-lights-2026" });
    expect(op.status).toBe("PENDING");

    const pending = await getWifi(ctx, h.account.id);
    expect(pending).toMatchObject({ ssid: "Lovelace-Home", pending: { ssid: "Lovelace-5G", operationId: op.id } });
    expect(pending?.lastChange?.status).toBe("PENDING");
    // Until the router confirms, the old password is still the one in use.
    expect(await revealWifiPassword(ctx, h.owner(), request)).toBe(CURRENT_PASSWORD);
    // One change at a time.
    await expect(
      changeWifi(ctx, h.owner(), request, { ssid: "Other", password: "another-pass-99" }),
    ).rejects.toMatchObject({ code: "WIFI_PENDING" });

    ctx.advance(AFTER_DELAY);
    const applied = await getWifi(ctx, h.account.id);
    expect(applied).toMatchObject({ ssid: "Lovelace-5G", pending: null, lastChange: { status: "APPLIED" } });
    expect(applied?.changedAt.getTime()).toBeGreaterThan(new Date("2026-11-22T18:00:00Z").getTime());
    expect(await revealWifiPassword(ctx, h.owner(), request)).toBe("harbor-lights-2026");

    const notices = await db.notification.findMany({ where: { accountId: h.account.id } });
    expect(notices.map((n) => [n.userId, n.messageKey, n.values, n.href])).toEqual([
      [h.ownerUser.id, "services.wifi_changed", { ssid: "Lovelace-5G" }, "/services/wifi"],
    ]);
    const audit = await db.auditEvent.findMany({
      where: { accountId: h.account.id, action: "services.wifi.change" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((e) => [e.outcome, (e.details as { phase: string }).phase])).toEqual([
      ["SUCCESS", "requested"],
      ["SUCCESS", "completed"],
    ]);
    expect(JSON.stringify(audit.map((e) => e.details))).not.toContain("harbor-lights-2026");
  });

  it("needs the owner, and a recent step-up", async () => {
    const h = await household();
    const change = { ssid: "Lovelace-5G", password: "harbor-lights-2026" };
    const asMember = changeWifi(ctx, h.member(), request, change);
    await expect(asMember).rejects.toBeInstanceOf(IdentityError);
    await expect(asMember).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    await expect(changeWifi(ctx, h.ownerStale, request, change)).rejects.toMatchObject({
      code: "STEP_UP_REQUIRED",
    });
    await expect(revealWifiPassword(ctx, h.ownerStale, request)).rejects.toMatchObject({
      code: "STEP_UP_REQUIRED",
    });
    expect(await db.deviceOperation.count({ where: { equipmentId: h.router.id } })).toBe(0);
  });

  it("refuses the current password, a password equal to the name, and no change at all", async () => {
    const h = await household();
    await expect(
      changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-Home", password: CURRENT_PASSWORD }),
    ).rejects.toMatchObject({ code: "PASSWORD_SAME_AS_CURRENT" });
    await expect(changeWifi(ctx, h.owner(), request, { ssid: CURRENT_PASSWORD, password: "" })).rejects.toMatchObject({
      code: "PASSWORD_SAME_AS_NAME",
    });
    await expect(changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-Home", password: "" })).rejects.toBeInstanceOf(
      DeviceError,
    );
    // A rename alone keeps the password.
    await changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-Upstairs", password: "" });
    ctx.advance(AFTER_DELAY);
    expect((await getWifi(ctx, h.account.id))?.ssid).toBe("Lovelace-Upstairs");
    expect(await revealWifiPassword(ctx, h.owner(), request)).toBe(CURRENT_PASSWORD);
  });

  it("keeps the old network when the router does not take the change, and says so", async () => {
    const h = await household();
    ctx.devices = createSimulatedDeviceGateway({ now: () => ctx.now(), failureRate: 1 });
    await changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-5G", password: "harbor-lights-2026" });
    ctx.advance(AFTER_DELAY);
    const wifi = await getWifi(ctx, h.account.id);
    expect(wifi).toMatchObject({ ssid: "Lovelace-Home", pending: null, lastChange: { status: "FAILED" } });
    expect(wifi?.lastChange?.failureCode).toMatch(/^(device-unreachable|timeout)$/);
    expect(await revealWifiPassword(ctx, h.owner(), request)).toBe(CURRENT_PASSWORD);
    const notices = await db.notification.findMany({ where: { accountId: h.account.id } });
    expect(notices.map((n) => n.messageKey)).toEqual(["services.wifi_change_failed"]);
    // And it can be tried again.
    ctx.devices = defaultDevices;
    await changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-5G", password: "harbor-lights-2026" });
  });

  it("applies a confirmed change once when several requests settle it together", async () => {
    const h = await household();
    await changeWifi(ctx, h.owner(), request, { ssid: "Lovelace-5G", password: "harbor-lights-2026" });
    ctx.advance(AFTER_DELAY);
    const results = await Promise.all([
      settleDeviceOperations(ctx, h.account.id),
      settleDeviceOperations(ctx, h.account.id),
      getWifi(ctx, h.account.id),
    ]);
    expect(results[0].settled + results[1].settled).toBeLessThanOrEqual(1);
    expect(await db.notification.count({ where: { accountId: h.account.id } })).toBe(1);
    expect(
      await db.auditEvent.count({
        where: { accountId: h.account.id, action: "services.wifi.change", outcome: "SUCCESS" },
      }),
    ).toBe(2);
    expect((await getWifi(ctx, h.account.id))?.ssid).toBe("Lovelace-5G");
  });

  it("audits revealing the password", async () => {
    const h = await household();
    expect(await revealWifiPassword(ctx, h.member(), request)).toBe(CURRENT_PASSWORD);
    expect(await db.auditEvent.count({ where: { accountId: h.account.id, action: "services.wifi.reveal" } })).toBe(1);
  });
});
