import type { Prisma } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { ZId } from "../ids.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import { isStorableInstant } from "../storable.ts";
import { SupportTicketError } from "./callback-request.ts";

/** The staff ticket queue: every household's requests, worked by support agents and admins. */

export const TICKET_STATUSES = ["OPEN", "IN_PROGRESS", "RESOLVED", "CANCELLED"] as const;
export const TICKET_KINDS = ["CALLBACK", "EQUIPMENT_RETURN", "EQUIPMENT_REPLACE"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketKind = (typeof TICKET_KINDS)[number];

const TICKET_STAFF_ROLES = new Set(["SUPPORT_AGENT", "ADMIN"]);

/** Support agents and admins work tickets; privacy officers and subscribers may not. */
export function canWorkTickets(actor: Pick<Actor, "staffRole">): boolean {
  return actor.staffRole !== null && TICKET_STAFF_ROLES.has(actor.staffRole);
}

function requireTicketStaff(actor: Pick<Actor, "staffRole">): void {
  if (!canWorkTickets(actor)) throw new IdentityError("NOT_ALLOWED");
}

/** Statuses a ticket may move to from each status; a closed ticket can only be reopened. */
const NEXT_STATUS: Record<TicketStatus, readonly TicketStatus[]> = {
  OPEN: ["IN_PROGRESS", "RESOLVED", "CANCELLED"],
  IN_PROGRESS: ["OPEN", "RESOLVED", "CANCELLED"],
  RESOLVED: ["OPEN"],
  CANCELLED: ["OPEN"],
};

export function allowedTicketStatuses(from: TicketStatus): readonly TicketStatus[] {
  return NEXT_STATUS[from];
}

const ZCursor = z
  .string()
  .max(200)
  .transform((value, context) => {
    const [at, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
    const createdAt = new Date(at ?? "");
    if (!isStorableInstant(createdAt) || !ZId.safeParse(id).success) {
      context.addIssue({ code: "custom", message: "CURSOR_INVALID" });
      return z.NEVER;
    }
    return { createdAt, id: id! };
  });

export const ZTicketFilter = z.object({
  status: z.enum(TICKET_STATUSES).optional().catch(undefined),
  kind: z.enum(TICKET_KINDS).optional().catch(undefined),
  /** The `next` cursor of the previous page. */
  after: ZCursor.optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).default(25).catch(25),
});

export type TicketFilterInput = z.input<typeof ZTicketFilter>;

function encodeCursor(ticket: { createdAt: Date; id: string }): string {
  return Buffer.from(`${ticket.createdAt.toISOString()}|${ticket.id}`, "utf8").toString("base64url");
}

export interface StaffTicket {
  id: string;
  reference: string;
  kind: TicketKind;
  status: TicketStatus;
  topic: string;
  details: string | null;
  phone: string | null;
  preferredDate: Date | null;
  preferredSlot: string | null;
  staffNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  account: { id: string; accountNumber: string; holderName: string; timeZone: string };
  createdBy: { name: string } | null;
}

type Ctx = Pick<CoreContext, "db" | "now">;

/**
 * One page of the queue, newest first, with keyset paging on (createdAt, id) so new tickets
 * arriving while staff page through never shift or repeat rows.
 */
export async function listSupportTickets(
  ctx: Ctx,
  actor: Pick<Actor, "staffRole">,
  filter: TicketFilterInput = {},
): Promise<{ tickets: StaffTicket[]; next: string | null }> {
  requireTicketStaff(actor);
  const { status, kind, after, limit } = ZTicketFilter.parse(filter);
  const where: Prisma.SupportTicketWhereInput = {
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(after
      ? {
          OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
        }
      : {}),
  };
  const rows = await ctx.db.supportTicket.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const accounts = await ctx.db.serviceAccount.findMany({
    where: { id: { in: [...new Set(page.map((row) => row.accountId))] } },
    select: { id: true, accountNumber: true, holderName: true, timeZone: true },
  });
  const creatorIds = [...new Set(page.map((row) => row.createdById).filter((id): id is string => !!id))];
  const creators = creatorIds.length
    ? await ctx.db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } })
    : [];
  const accountById = new Map(accounts.map((account) => [account.id, account]));
  const creatorById = new Map(creators.map((user) => [user.id, user]));
  const tickets: StaffTicket[] = page.map((row) => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    status: row.status,
    topic: row.topic,
    details: row.details,
    phone: row.phone,
    preferredDate: row.preferredDate,
    preferredSlot: row.preferredSlot,
    staffNote: row.staffNote,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    resolvedAt: row.resolvedAt,
    account: accountById.get(row.accountId) ?? {
      id: row.accountId,
      accountNumber: "",
      holderName: "",
      timeZone: "UTC",
    },
    createdBy: row.createdById ? { name: creatorById.get(row.createdById)?.name ?? "" } : null,
  }));
  const last = page.at(-1);
  return { tickets, next: rows.length > limit && last ? encodeCursor(last) : null };
}

export const ZUpdateSupportTicket = z.object({
  ticketId: ZId,
  status: z.enum(TICKET_STATUSES, { error: "STATUS_INVALID" }),
  note: z
    .string()
    .trim()
    .max(1000, { error: "NOTE_TOO_LONG" })
    .nullish()
    .transform((value) => value || null),
});

export type UpdateSupportTicketInput = z.input<typeof ZUpdateSupportTicket>;

/**
 * Moves a ticket along (open, in progress, resolved, cancelled) with an optional note, audited.
 * Only applies to the status the staff member saw: if someone else changed the ticket first, the
 * change is refused rather than silently overwriting theirs. A resolved request is announced to
 * the subscriber who made it.
 */
export async function updateSupportTicket(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "staffRole">,
  request: RequestContext,
  input: UpdateSupportTicketInput & { expectedStatus?: TicketStatus },
) {
  if (!canWorkTickets(actor)) {
    await recordAuditEvent(ctx.db, request, {
      action: "support.ticket.update",
      outcome: "DENIED",
      target: typeof input.ticketId === "string" ? input.ticketId.slice(0, 64) : null,
    });
    throw new IdentityError("NOT_ALLOWED");
  }
  const { ticketId, status, note } = ZUpdateSupportTicket.parse(input);
  return ctx.db.$transaction(async (tx) => {
    const ticket = await tx.supportTicket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new SupportTicketError("TICKET_NOT_FOUND");
    if (input.expectedStatus && input.expectedStatus !== ticket.status) throw new SupportTicketError("TICKET_CHANGED");
    if (ticket.status === status && !note) throw new SupportTicketError("STATUS_UNCHANGED");
    if (ticket.status !== status && !NEXT_STATUS[ticket.status].includes(status)) {
      throw new SupportTicketError("TRANSITION_NOT_ALLOWED", { from: ticket.status, to: status });
    }
    const now = ctx.now();
    const closed = status === "RESOLVED" || status === "CANCELLED";
    const { count } = await tx.supportTicket.updateMany({
      where: { id: ticket.id, status: ticket.status, updatedAt: ticket.updatedAt },
      data: {
        status,
        ...(note ? { staffNote: note } : {}),
        resolvedAt: closed ? (ticket.status === status ? ticket.resolvedAt : now) : null,
      },
    });
    if (count === 0) throw new SupportTicketError("TICKET_CHANGED");
    await recordAuditEvent(tx, request, {
      action: "support.ticket.update",
      outcome: "SUCCESS",
      accountId: ticket.accountId,
      target: ticket.reference,
      details: { from: ticket.status, to: status, ...(note ? { note } : {}) },
    });
    if (status === "RESOLVED" && ticket.status !== "RESOLVED" && ticket.createdById) {
      await notifyUser(tx, {
        userId: ticket.createdById,
        accountId: ticket.accountId,
        messageKey: "support.ticket_resolved",
        values: { reference: ticket.reference },
        href: "/help/callback",
      });
    }
    return tx.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } });
  });
}
