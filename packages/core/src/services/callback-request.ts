import type { Db } from "@homeport/db";
import { z } from "zod";
import type { RequestContext } from "../audit/record-audit-event.ts";
import { addDays, type CalendarDate, calendarDateAt, isCalendarDate, toDbDate } from "../billing/calendar.ts";
import { lockAccount } from "../billing/household-recipients.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { createSupportTicket } from "./support-tickets.ts";

/** Callback requests and a household's support tickets. */

export type SupportTicketErrorCode =
  | "NO_ACCOUNT"
  | "DATE_OUT_OF_RANGE"
  | "TOO_MANY_OPEN"
  | "TICKET_NOT_FOUND"
  | "TICKET_CHANGED"
  | "TRANSITION_NOT_ALLOWED"
  | "STATUS_UNCHANGED";

/** A refusal about support tickets, with a stable code the pages put into words. */
export class SupportTicketError extends Error {
  override name = "SupportTicketError";
  constructor(
    readonly code: SupportTicketErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}

export const CALLBACK_SLOTS = ["asap", "morning", "afternoon", "evening"] as const;
export type CallbackSlot = (typeof CALLBACK_SLOTS)[number];

export const CALLBACK_TOPICS = ["billing", "internet", "tv", "phone", "email", "equipment", "moving", "other"] as const;
export type CallbackTopic = (typeof CALLBACK_TOPICS)[number];

/** How far ahead a callback may be asked for, in days after today at the service address. */
export const CALLBACK_DAYS_AHEAD = 14;
/** A second identical request within this time while the first is open is the same request. */
export const CALLBACK_DUPLICATE_WINDOW_MS = 10 * 60_000;
/** Open callback requests one household may have at a time. */
export const MAX_OPEN_CALLBACKS = 3;
export const CALLBACK_DETAILS_MAX = 1000;

/**
 * A US phone number as people type it ("(916) 555-0142", "916.555.0142", "+1 916 555 0142") to
 * E.164, or null when it is not a valid North American number (area code and exchange can't start
 * with 0 or 1).
 */
export function normalizeUsPhone(value: string): string | null {
  if (!/^[\d\s().+-]*$/.test(value)) return null;
  let digits = value.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return null;
  return `+1${digits}`;
}

/**
 * What a subscriber fills in to be called back. Error messages are codes the web layer maps to
 * words; whether the date is within the next two weeks is checked by `requestCallback`, which knows
 * the account's time zone.
 */
export const ZCallbackRequest = z.object({
  phone: z
    .string({ error: "PHONE_INVALID" })
    .trim()
    .min(1, { error: "PHONE_REQUIRED" })
    .transform((value, context) => {
      const phone = normalizeUsPhone(value);
      if (!phone) {
        context.addIssue({ code: "custom", message: "PHONE_INVALID" });
        return z.NEVER;
      }
      return phone;
    }),
  preferredDate: z
    .string({ error: "DATE_INVALID" })
    .trim()
    .refine((value) => isCalendarDate(value), { error: "DATE_INVALID" }),
  slot: z.enum(CALLBACK_SLOTS, { error: "SLOT_INVALID" }),
  topic: z.enum(CALLBACK_TOPICS, { error: "TOPIC_INVALID" }),
  details: z
    .string()
    .trim()
    .max(CALLBACK_DETAILS_MAX, { error: "DETAILS_TOO_LONG" })
    .nullish()
    .transform((value) => value || null),
});

export type CallbackRequestInput = z.input<typeof ZCallbackRequest>;
export type CallbackRequest = z.output<typeof ZCallbackRequest>;

/** The days a callback may be booked for: today through two weeks from today, at the service address. */
export function callbackDateRange(now: Date, timeZone: string): { earliest: CalendarDate; latest: CalendarDate } {
  const today = calendarDateAt(now, timeZone);
  return { earliest: today, latest: addDays(today, CALLBACK_DAYS_AHEAD) };
}

type Ctx = Pick<CoreContext, "db" | "now">;

/**
 * Asks for a call from support. Any member of the household may ask. Submitting the same request
 * twice (same topic, day and time of day within ten minutes, still open) returns the first ticket;
 * a household has at most three open callback requests at a time.
 */
export async function requestCallback(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId">,
  request: RequestContext,
  input: CallbackRequest,
): Promise<{ ticket: SupportTicketSummary; duplicate: boolean }> {
  const accountId = actor.accountId;
  if (!accountId) throw new SupportTicketError("NO_ACCOUNT");
  const parsed = ZCallbackRequest.parse(input);
  return ctx.db.$transaction(async (tx) => {
    // One request at a time per household, so a double click or two tabs can't pass the checks together.
    if (!(await lockAccount(tx, accountId))) throw new SupportTicketError("NO_ACCOUNT");
    const account = await tx.serviceAccount.findUniqueOrThrow({
      where: { id: accountId },
      select: { timeZone: true },
    });
    const now = ctx.now();
    const range = callbackDateRange(now, account.timeZone);
    if (parsed.preferredDate < range.earliest || parsed.preferredDate > range.latest) {
      throw new SupportTicketError("DATE_OUT_OF_RANGE", range);
    }
    const preferredDate = toDbDate(parsed.preferredDate);

    const duplicate = await tx.supportTicket.findFirst({
      where: {
        accountId,
        kind: "CALLBACK",
        status: { in: ["OPEN", "IN_PROGRESS"] },
        topic: parsed.topic,
        preferredDate,
        preferredSlot: parsed.slot,
        createdAt: { gte: new Date(now.getTime() - CALLBACK_DUPLICATE_WINDOW_MS) },
      },
      orderBy: { createdAt: "desc" },
      select: TICKET_FIELDS,
    });
    if (duplicate) return { ticket: duplicate, duplicate: true };

    const open = await tx.supportTicket.count({
      where: { accountId, kind: "CALLBACK", status: { in: ["OPEN", "IN_PROGRESS"] } },
    });
    if (open >= MAX_OPEN_CALLBACKS) throw new SupportTicketError("TOO_MANY_OPEN", { max: MAX_OPEN_CALLBACKS });

    const created = await createSupportTicket(tx, request, {
      accountId,
      createdById: actor.id,
      kind: "CALLBACK",
      topic: parsed.topic,
      details: parsed.details,
      phone: parsed.phone,
      preferredDate,
      preferredSlot: parsed.slot,
    });
    // On the same clock the duplicate check above reads, not the database's.
    const ticket = await tx.supportTicket.update({
      where: { id: created.id },
      data: { createdAt: now },
      select: TICKET_FIELDS,
    });
    return { ticket, duplicate: false };
  });
}

const TICKET_FIELDS = {
  id: true,
  reference: true,
  kind: true,
  status: true,
  topic: true,
  details: true,
  phone: true,
  preferredDate: true,
  preferredSlot: true,
  createdAt: true,
  updatedAt: true,
  resolvedAt: true,
} as const;

export interface SupportTicketSummary {
  id: string;
  reference: string;
  kind: "CALLBACK" | "EQUIPMENT_RETURN" | "EQUIPMENT_REPLACE";
  status: "OPEN" | "IN_PROGRESS" | "RESOLVED" | "CANCELLED";
  topic: string;
  details: string | null;
  phone: string | null;
  preferredDate: Date | null;
  preferredSlot: string | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

/** A household's requests, newest first, for "Your requests". Staff notes stay with staff. */
export function listAccountTickets(db: Db, accountId: string, options: { take?: number } = {}) {
  return db.supportTicket.findMany({
    where: { accountId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 50,
    select: TICKET_FIELDS,
  }) as Promise<SupportTicketSummary[]>;
}
