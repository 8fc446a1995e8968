import type { DbTx, SupportTicketKind } from "@homeport/db";
import { z } from "zod";
import type { RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { ZId } from "../ids.ts";
import { DeviceError } from "./device-errors.ts";
import { currentDevice, lockDevice, requireHousehold } from "./equipment.ts";
import { createSupportTicket } from "./support-tickets.ts";

export const RETURN_REASONS = ["moving", "cancelling", "not-needed", "own-equipment", "other"] as const;
export const REPLACE_REASONS = ["not-working", "damaged", "slow", "upgrade", "other"] as const;

/** A return or replacement request as the form sends it. */
export const ZEquipmentRequest = z.object({
  equipmentId: ZId,
  reason: z.enum([...new Set([...RETURN_REASONS, ...REPLACE_REASONS])] as [string, ...string[]]),
  details: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
});
export type EquipmentRequestInput = z.input<typeof ZEquipmentRequest>;

const REQUEST_KINDS: SupportTicketKind[] = ["EQUIPMENT_RETURN", "EQUIPMENT_REPLACE"];
const OPEN_STATUSES = ["OPEN", "IN_PROGRESS"] as const;

type Ctx = Pick<CoreContext, "db" | "now">;

const TICKET_FIELDS = {
  id: true,
  reference: true,
  kind: true,
  status: true,
  topic: true,
  details: true,
  equipmentId: true,
  createdAt: true,
} as const;

/**
 * One open return or replacement per device. The device row is locked while the open ticket is
 * looked for, so a double submit finds the first one and gets it back (created: false); a request
 * of the other kind while one is open is refused with REQUEST_OPEN.
 */
async function openEquipmentRequest(
  ctx: Ctx,
  accountId: string,
  createdById: string,
  request: RequestContext,
  kind: "EQUIPMENT_RETURN" | "EQUIPMENT_REPLACE",
  input: EquipmentRequestInput,
) {
  const parsed = ZEquipmentRequest.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    throw new DeviceError(field === "equipmentId" ? "EQUIPMENT_NOT_FOUND" : "REASON_NOT_ALLOWED");
  }
  const { equipmentId, reason, details } = parsed.data;
  const allowed: readonly string[] = kind === "EQUIPMENT_RETURN" ? RETURN_REASONS : REPLACE_REASONS;
  if (!allowed.includes(reason)) throw new DeviceError("REASON_NOT_ALLOWED");
  return ctx.db.$transaction(async (tx) => {
    const device = await currentDevice(tx, accountId, equipmentId);
    await lockDevice(tx, device.id);
    const open = await tx.supportTicket.findFirst({
      where: { accountId, equipmentId: device.id, kind: { in: REQUEST_KINDS }, status: { in: [...OPEN_STATUSES] } },
      orderBy: { createdAt: "asc" },
      select: TICKET_FIELDS,
    });
    if (open) {
      if (open.kind === kind) return { ticket: open, created: false };
      throw new DeviceError("REQUEST_OPEN", { reference: open.reference });
    }
    const created = await createSupportTicket(tx, request, {
      accountId,
      createdById,
      kind,
      topic: reason,
      details: details ?? null,
      equipmentId: device.id,
    });
    const ticket = {
      id: created.id,
      reference: created.reference,
      kind: created.kind,
      status: created.status,
      topic: created.topic,
      details: created.details,
      equipmentId: created.equipmentId,
      createdAt: created.createdAt,
    };
    return { ticket, created: true };
  });
}

/** Returning a device changes what the household pays for: the owner asks. */
export async function requestEquipmentReturn(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: EquipmentRequestInput,
) {
  let accountId: string;
  try {
    accountId = requireOwner(actor);
  } catch (error) {
    if (error instanceof IdentityError && !actor.accountId) throw new DeviceError("NO_ACCOUNT");
    throw error;
  }
  return openEquipmentRequest(ctx, accountId, actor.id, request, "EQUIPMENT_RETURN", input);
}

/** A broken device is anyone in the household's problem: owner or member may ask for a replacement. */
export async function requestEquipmentReplace(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: EquipmentRequestInput,
) {
  const accountId = requireHousehold(actor);
  return openEquipmentRequest(ctx, accountId, actor.id, request, "EQUIPMENT_REPLACE", input);
}

/** Open return and replacement requests on the account, optionally for one device, oldest first. */
export function listOpenEquipmentRequests(db: DbTx, accountId: string, equipmentId?: string) {
  return db.supportTicket.findMany({
    where: {
      accountId,
      kind: { in: REQUEST_KINDS },
      status: { in: [...OPEN_STATUSES] },
      ...(equipmentId ? { equipmentId } : {}),
    },
    orderBy: { createdAt: "asc" },
    select: TICKET_FIELDS,
  });
}
