import type { DbTx, DeviceOperation, EquipmentKind, EquipmentStatus } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { ZId } from "../ids.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import type { DeviceOperationState } from "./device-gateway.ts";
import { DeviceError } from "./device-errors.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "devices">;

/** The audit actions of this area, so pages can name them. */
export const DEVICE_AUDIT_ACTIONS = {
  restart: "services.device.restart",
  wifiChange: "services.wifi.change",
  wifiReveal: "services.wifi.reveal",
} as const;

/** Anyone in the household (owner or member) may restart a device or run a check. */
export function requireHousehold(actor: Pick<Actor, "accountId" | "membershipRole">): string {
  if (!actor.accountId) throw new DeviceError("NO_ACCOUNT");
  if (actor.membershipRole !== "OWNER" && actor.membershipRole !== "MEMBER") throw new DeviceError("NOT_ALLOWED");
  return actor.accountId;
}

const OPERATION_FIELDS = {
  id: true,
  kind: true,
  status: true,
  requestedAt: true,
  completedAt: true,
  failureCode: true,
  requestedById: true,
} as const;

export type OperationSummary = Pick<
  DeviceOperation,
  "id" | "kind" | "status" | "requestedAt" | "completedAt" | "failureCode" | "requestedById"
>;

/**
 * A device on the account (not returned), or not-found: another account's id and a returned
 * device look the same.
 */
export async function currentDevice(db: DbTx, accountId: string, equipmentId: string) {
  const id = ZId.safeParse(equipmentId);
  if (!id.success) throw new DeviceError("EQUIPMENT_NOT_FOUND");
  const device = await db.equipment.findFirst({ where: { id: id.data, accountId, returnedOn: null } });
  if (!device) throw new DeviceError("EQUIPMENT_NOT_FOUND");
  return device;
}

/** Locks a device row for the rest of the transaction, so two requests for it run one after the other. */
export async function lockDevice(tx: DbTx, equipmentId: string) {
  await tx.$queryRaw`SELECT "id" FROM "Equipment" WHERE "id" = ${equipmentId}::uuid FOR UPDATE`;
}

/**
 * Asks the gateway about the account's pending operations and records each outcome once: the
 * PENDING → APPLIED/FAILED update is conditional on the row still being PENDING, so when two
 * requests settle the same operation at the same time one does the follow-up (equipment status,
 * WiFi switch-over, notice, audit) and the other does nothing. Gateway errors leave the operation
 * pending for the next look.
 */
export async function settleDeviceOperations(ctx: Ctx, accountId: string): Promise<{ settled: number }> {
  const pending = await ctx.db.deviceOperation.findMany({
    where: { accountId, status: "PENDING" },
    orderBy: { requestedAt: "asc" },
  });
  let settled = 0;
  for (const op of pending) {
    let state: DeviceOperationState;
    try {
      state = await ctx.devices.poll(op.gatewayRef);
    } catch {
      continue;
    }
    if (state.state === "pending") continue;
    const done = await ctx.db.$transaction((tx) => recordOutcome(tx, op, state));
    if (done) settled += 1;
  }
  return { settled };
}

async function recordOutcome(
  tx: DbTx,
  op: DeviceOperation,
  state: Exclude<DeviceOperationState, { state: "pending" }>,
): Promise<boolean> {
  const applied = state.state === "applied";
  const failureCode = state.state === "failed" ? state.code : null;
  const { count } = await tx.deviceOperation.updateMany({
    where: { id: op.id, status: "PENDING" },
    data: { status: applied ? "APPLIED" : "FAILED", completedAt: state.at, failureCode },
  });
  if (count === 0) return false;
  const request: RequestContext = { actorUserId: op.requestedById };
  if (op.kind === "RESTART") {
    // A device that could not be reached is reported offline; one that did not confirm in time is
    // still up as far as we know.
    const status: EquipmentStatus = applied || failureCode !== "device-unreachable" ? "ONLINE" : "OFFLINE";
    await tx.equipment.update({ where: { id: op.equipmentId }, data: { status, statusAt: state.at } });
    await recordAuditEvent(tx, request, {
      action: DEVICE_AUDIT_ACTIONS.restart,
      outcome: applied ? "SUCCESS" : "FAILURE",
      accountId: op.accountId,
      target: op.equipmentId,
      details: { phase: "completed", operationId: op.id, ...(failureCode ? { failureCode } : {}) },
    });
    return true;
  }
  const wifi = await tx.wifiNetwork.findFirst({ where: { equipmentId: op.equipmentId, pendingOperationId: op.id } });
  if (wifi) {
    await tx.wifiNetwork.update({
      where: { equipmentId: wifi.equipmentId },
      data: {
        ...(applied && wifi.pendingSsid !== null && wifi.pendingPassword !== null
          ? { ssid: wifi.pendingSsid, passwordSealed: wifi.pendingPassword, changedAt: state.at }
          : {}),
        pendingSsid: null,
        pendingPassword: null,
        pendingOperationId: null,
      },
    });
  }
  await recordAuditEvent(tx, request, {
    action: DEVICE_AUDIT_ACTIONS.wifiChange,
    outcome: applied ? "SUCCESS" : "FAILURE",
    accountId: op.accountId,
    target: op.equipmentId,
    details: { phase: "completed", operationId: op.id, ...(failureCode ? { failureCode } : {}) },
  });
  const owners = await tx.membership.findMany({
    where: { accountId: op.accountId, role: "OWNER", user: { disabledAt: null } },
    select: { userId: true },
  });
  for (const owner of owners) {
    await notifyUser(tx, {
      userId: owner.userId,
      accountId: op.accountId,
      messageKey: applied ? "services.wifi_changed" : "services.wifi_change_failed",
      values: applied ? { ssid: wifi?.pendingSsid ?? "" } : {},
      href: "/services/wifi",
    });
  }
  return true;
}

export interface EquipmentListItem {
  id: string;
  kind: EquipmentKind;
  model: string;
  serialNumber: string;
  macAddress: string | null;
  status: EquipmentStatus;
  statusAt: Date | null;
  installedOn: Date;
  latestOperation: OperationSummary | null;
  lastRestart: OperationSummary | null;
  restartPending: boolean;
}

const KIND_ORDER: EquipmentKind[] = ["MODEM", "ROUTER", "TV_RECEIVER", "PHONE_ADAPTER"];

/** The devices on the account now (returned ones are gone), each with its latest operation. */
export async function listEquipment(ctx: Ctx, accountId: string): Promise<EquipmentListItem[]> {
  await settleDeviceOperations(ctx, accountId);
  const [devices, restarts] = await Promise.all([
    ctx.db.equipment.findMany({
      where: { accountId, returnedOn: null },
      orderBy: [{ installedOn: "asc" }, { serialNumber: "asc" }],
      include: { operations: { orderBy: { requestedAt: "desc" }, take: 1, select: OPERATION_FIELDS } },
    }),
    ctx.db.deviceOperation.findMany({
      where: { accountId, kind: "RESTART" },
      orderBy: { requestedAt: "desc" },
      distinct: ["equipmentId"],
      select: { ...OPERATION_FIELDS, equipmentId: true },
    }),
  ]);
  const lastRestart = new Map(restarts.map(({ equipmentId, ...op }) => [equipmentId, op]));
  return devices
    .map(({ operations, accountId: _a, monthlyFeeCents: _f, returnedOn: _r, createdAt: _c, ...device }) => {
      const restart = lastRestart.get(device.id) ?? null;
      return {
        ...device,
        latestOperation: operations[0] ?? null,
        lastRestart: restart,
        restartPending: restart?.status === "PENDING",
      };
    })
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** One device with its operations, newest first (not-found for another account's or a returned one). */
export async function getEquipment(ctx: Ctx, accountId: string, equipmentId: string) {
  await settleDeviceOperations(ctx, accountId);
  const device = await currentDevice(ctx.db, accountId, equipmentId);
  const operations = await ctx.db.deviceOperation.findMany({
    where: { equipmentId: device.id },
    orderBy: { requestedAt: "desc" },
    take: 20,
    select: OPERATION_FIELDS,
  });
  return {
    id: device.id,
    kind: device.kind,
    model: device.model,
    serialNumber: device.serialNumber,
    macAddress: device.macAddress,
    status: device.status,
    statusAt: device.statusAt,
    installedOn: device.installedOn,
    operations,
    restartPending: operations.some((op) => op.kind === "RESTART" && op.status === "PENDING"),
  };
}

/**
 * Restarts a device through the gateway. The device row is locked while a pending restart is
 * looked for, so a double click (or two tabs) gives one operation and the second is refused with
 * RESTART_PENDING. The device shows RESTARTING until the gateway reports back.
 */
export async function restartEquipment(ctx: Ctx, actor: Actor, request: RequestContext, equipmentId: string) {
  const accountId = requireHousehold(actor);
  await settleDeviceOperations(ctx, accountId);
  return ctx.db.$transaction(async (tx) => {
    const device = await currentDevice(tx, accountId, equipmentId);
    await lockDevice(tx, device.id);
    const pending = await tx.deviceOperation.findFirst({
      where: { equipmentId: device.id, kind: "RESTART", status: "PENDING" },
      select: { id: true },
    });
    if (pending) throw new DeviceError("RESTART_PENDING", { operationId: pending.id });
    let gatewayRef: string;
    try {
      gatewayRef = await ctx.devices.restart({
        kind: device.kind,
        serialNumber: device.serialNumber,
        macAddress: device.macAddress,
        model: device.model,
      });
    } catch {
      throw new DeviceError("GATEWAY_UNAVAILABLE");
    }
    const now = ctx.now();
    const operation = await tx.deviceOperation.create({
      data: {
        accountId,
        equipmentId: device.id,
        kind: "RESTART",
        gatewayRef,
        requestedById: actor.id,
        requestedAt: now,
      },
      select: OPERATION_FIELDS,
    });
    await tx.equipment.update({ where: { id: device.id }, data: { status: "RESTARTING", statusAt: now } });
    await recordAuditEvent(tx, request, {
      action: DEVICE_AUDIT_ACTIONS.restart,
      outcome: "SUCCESS",
      accountId,
      target: device.id,
      details: { phase: "requested", operationId: operation.id, kind: device.kind },
    });
    return operation;
  });
}
