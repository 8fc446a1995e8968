import type { DbTx } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner, requireStepUp } from "../identity/actor.ts";
import { openSecret, sealSecret } from "../identity/secret-box.ts";
import { DeviceError } from "./device-errors.ts";
import { DEVICE_AUDIT_ACTIONS, lockDevice, requireHousehold, settleDeviceOperations } from "./equipment.ts";
import { checkWifiPassword } from "./wifi-rules.ts";
import { type WifiChangeInput, ZWifiChange } from "./wifi-schema.ts";

export { ZWifiChange } from "./wifi-schema.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "devices" | "wifiKey">;

/**
 * WiFi passwords are sealed with their own key (HKDF purpose "wifi-password" from the master
 * secret, like the TOTP key: a key for one purpose says nothing about another), and with the
 * router's equipment id as associated data, so a sealed password copied to another router's row
 * does not open there. The pending password is sealed the same way, so applying a change moves
 * the sealed text as it is.
 */
export function sealWifiPassword(password: string, key: Buffer, equipmentId: string): string {
  return sealSecret(password, key, `wifi:${equipmentId}`);
}

function openWifiPassword(sealed: string, key: Buffer, equipmentId: string): string {
  return openSecret(sealed, key, `wifi:${equipmentId}`);
}

/** The account's router and its network (a router without a network record has no WiFi to manage). */
async function currentNetwork(db: DbTx, accountId: string) {
  return db.wifiNetwork.findFirst({
    where: { accountId, equipment: { accountId, kind: "ROUTER", returnedOn: null } },
    include: { equipment: { select: { id: true, kind: true, serialNumber: true, macAddress: true, model: true } } },
    orderBy: { changedAt: "desc" },
  });
}

export interface WifiView {
  equipmentId: string;
  routerModel: string;
  ssid: string;
  security: "WPA2" | "WPA2_WPA3" | "WPA3";
  changedAt: Date;
  /** A change sent to the router and not yet confirmed. */
  pending: { ssid: string; operationId: string; requestedAt: Date } | null;
  /** The last change and how it ended (to say "applied" or "failed, try again"). */
  lastChange: {
    operationId: string;
    status: "PENDING" | "APPLIED" | "FAILED";
    requestedAt: Date;
    completedAt: Date | null;
    failureCode: string | null;
  } | null;
}

/** The home network as the portal shows it: never the password (see revealWifiPassword). */
export async function getWifi(ctx: Ctx, accountId: string): Promise<WifiView | null> {
  await settleDeviceOperations(ctx, accountId);
  const network = await currentNetwork(ctx.db, accountId);
  if (!network) return null;
  const last = await ctx.db.deviceOperation.findFirst({
    where: { equipmentId: network.equipmentId, kind: "WIFI_CHANGE" },
    orderBy: { requestedAt: "desc" },
    select: { id: true, status: true, requestedAt: true, completedAt: true, failureCode: true },
  });
  return {
    equipmentId: network.equipmentId,
    routerModel: network.equipment.model,
    ssid: network.ssid,
    security: network.security,
    changedAt: network.changedAt,
    pending:
      network.pendingOperationId && network.pendingSsid !== null && last?.id === network.pendingOperationId
        ? { ssid: network.pendingSsid, operationId: network.pendingOperationId, requestedAt: last.requestedAt }
        : null,
    lastChange: last
      ? {
          operationId: last.id,
          status: last.status,
          requestedAt: last.requestedAt,
          completedAt: last.completedAt,
          failureCode: last.failureCode,
        }
      : null,
  };
}

/** Shows the current password to someone in the household who has just confirmed it is them. Audited. */
export async function revealWifiPassword(ctx: Ctx, actor: Actor, request: RequestContext): Promise<string> {
  const accountId = requireHousehold(actor);
  requireStepUp(actor, ctx.now());
  const network = await currentNetwork(ctx.db, accountId);
  if (!network) throw new DeviceError("NO_WIFI");
  const password = openWifiPassword(network.passwordSealed, ctx.wifiKey, network.equipmentId);
  await recordAuditEvent(ctx.db, request, {
    action: DEVICE_AUDIT_ACTIONS.wifiReveal,
    outcome: "SUCCESS",
    accountId,
    target: network.equipmentId,
  });
  return password;
}

/**
 * Sends a new network name and/or password to the router. Owner only, with a recent step-up.
 * One change at a time: the router row is locked while a pending change is looked for. The new
 * password is sealed at once and only becomes the current one when the gateway confirms it
 * (settleDeviceOperations); the owner is told in-app either way.
 */
export async function changeWifi(ctx: Ctx, actor: Actor, request: RequestContext, input: WifiChangeInput) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  const change = ZWifiChange.parse(input);
  await settleDeviceOperations(ctx, accountId);
  return ctx.db.$transaction(async (tx) => {
    const found = await currentNetwork(tx, accountId);
    if (!found) throw new DeviceError("NO_WIFI");
    await lockDevice(tx, found.equipmentId);
    const network = await tx.wifiNetwork.findUniqueOrThrow({ where: { equipmentId: found.equipmentId } });
    if (network.pendingOperationId) throw new DeviceError("WIFI_PENDING");
    const currentPassword = openWifiPassword(network.passwordSealed, ctx.wifiKey, network.equipmentId);
    const newPassword = change.password === "" ? currentPassword : change.password;
    if (change.password !== "") {
      const problem = checkWifiPassword(change.password, { ssid: change.ssid, currentPassword });
      if (problem === "password_same_as_current") throw new DeviceError("PASSWORD_SAME_AS_CURRENT");
    }
    // Keeping the password while renaming the network to it is refused too.
    if (newPassword === change.ssid) throw new DeviceError("PASSWORD_SAME_AS_NAME");
    const passwordChanged = change.password !== "";
    if (!passwordChanged && change.ssid === network.ssid) {
      throw new DeviceError("WIFI_UNCHANGED");
    }
    let gatewayRef: string;
    try {
      gatewayRef = await ctx.devices.applyWifi(
        {
          kind: found.equipment.kind,
          serialNumber: found.equipment.serialNumber,
          macAddress: found.equipment.macAddress,
          model: found.equipment.model,
        },
        { ssid: change.ssid, password: newPassword, security: network.security },
      );
    } catch {
      throw new DeviceError("GATEWAY_UNAVAILABLE");
    }
    const operation = await tx.deviceOperation.create({
      data: {
        accountId,
        equipmentId: network.equipmentId,
        kind: "WIFI_CHANGE",
        gatewayRef,
        requestedById: actor.id,
        requestedAt: ctx.now(),
      },
      select: { id: true, status: true, requestedAt: true },
    });
    await tx.wifiNetwork.update({
      where: { equipmentId: network.equipmentId },
      data: {
        pendingSsid: change.ssid,
        pendingPassword: passwordChanged
          ? sealWifiPassword(change.password, ctx.wifiKey, network.equipmentId)
          : network.passwordSealed,
        pendingOperationId: operation.id,
      },
    });
    await recordAuditEvent(tx, request, {
      action: DEVICE_AUDIT_ACTIONS.wifiChange,
      outcome: "SUCCESS",
      accountId,
      target: network.equipmentId,
      details: {
        phase: "requested",
        operationId: operation.id,
        nameChanged: change.ssid !== network.ssid,
        passwordChanged,
      },
    });
    return operation;
  });
}
