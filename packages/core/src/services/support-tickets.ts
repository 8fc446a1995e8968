import { randomInt } from "node:crypto";
import type { DbTx, SupportTicketKind } from "@homeport/db";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";

/** Letters and digits a person can read out on the phone without confusion (no 0/O, 1/I/L, 5/S). */
const REFERENCE_ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ";

/** A reference a person can read out: PREFIX-XXXX-XXXX. */
export function newReference(prefix: string, random: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < 8; i += 1) code += REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}

export function newTicketReference(random: (max: number) => number = randomInt): string {
  return newReference("HP", random);
}

export interface NewSupportTicket {
  accountId: string;
  createdById: string | null;
  kind: SupportTicketKind;
  topic: string;
  details?: string | null;
  phone?: string | null;
  preferredDate?: Date | null;
  preferredSlot?: string | null;
  equipmentId?: string | null;
}

/**
 * Opens a ticket for staff, with a short reference the subscriber can quote (29^8 ≈ 5 × 10^11
 * codes, so a collision is a unique-constraint error rather than a silent merge), and audits it.
 * Runs inside the caller's transaction so the ticket and whatever asked for it land together.
 */
export async function createSupportTicket(db: DbTx, request: RequestContext, ticket: NewSupportTicket) {
  const created = await db.supportTicket.create({
    data: {
      reference: newTicketReference(),
      accountId: ticket.accountId,
      createdById: ticket.createdById,
      kind: ticket.kind,
      topic: ticket.topic,
      details: ticket.details ?? null,
      phone: ticket.phone ?? null,
      preferredDate: ticket.preferredDate ?? null,
      preferredSlot: ticket.preferredSlot ?? null,
      equipmentId: ticket.equipmentId ?? null,
    },
  });
  await recordAuditEvent(db, request, {
    action: "support.ticket.opened",
    outcome: "SUCCESS",
    accountId: ticket.accountId,
    target: created.reference,
    details: { kind: ticket.kind, topic: ticket.topic },
  });
  return created;
}
