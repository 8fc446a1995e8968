import type { AppointmentKind, AppointmentStatus, DbTx } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { type CalendarDate, calendarDateAt, isCalendarDate } from "../billing/calendar.ts";
import { householdRecipients, lockAccount } from "../billing/household-recipients.ts";
import type { CoreContext } from "../context.ts";
import type { Actor } from "../identity/actor.ts";
import { notifyUser, notifyUserOnce } from "../notifications/notify-user.ts";
import { AppointmentError } from "./appointment-errors.ts";
import {
  canChangeVisit,
  earliestBookableStart,
  groupBookableWindows,
  offeredWindows,
  windowState,
} from "./appointment-windows.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;

const HOUR_MS = 3_600_000;
const APPOINTMENTS_HREF = "/services/appointments";

/** What a service visit can be for; the pages name each in the reader's language. */
export const APPOINTMENT_ISSUES = [
  "no-internet",
  "slow-internet",
  "wifi",
  "tv-picture",
  "tv-receiver",
  "phone-line",
  "equipment",
  "other",
] as const;

export type AppointmentIssue = (typeof APPOINTMENT_ISSUES)[number];

export const DETAILS_MAX = 500;

/**
 * A US phone number as people type it: "(916) 555-0142", "916.555.0142", "+1 916 555 0142".
 * Kept as E.164 (+19165550142). Area code and exchange cannot start with 0 or 1 (NANP).
 */
export const ZUsPhone = z
  .string({ error: "phone_invalid" })
  .trim()
  .min(1, "phone_required")
  .transform((value) => value.replace(/[\s().-]/g, ""))
  .refine((value) => /^(\+?1)?[2-9]\d{2}[2-9]\d{6}$/.test(value), "phone_invalid")
  .transform((value) => `+1${value.slice(-10)}`);

const ZAppointmentId = z.string({ error: "APPOINTMENT_NOT_FOUND" }).uuid({ error: "APPOINTMENT_NOT_FOUND" });
const ZWindowId = z.string({ error: "window_required" }).uuid({ error: "window_required" });

export const ZBookAppointment = z.object({
  windowId: ZWindowId,
  issue: z.enum(APPOINTMENT_ISSUES, { error: "issue_required" }),
  details: z
    .string()
    .trim()
    .max(DETAILS_MAX, "details_too_long")
    .optional()
    .transform((value) => (value ? value : null)),
  contactPhone: ZUsPhone,
});

export type BookAppointmentInput = z.output<typeof ZBookAppointment>;

export const ZRescheduleAppointment = z.object({ appointmentId: ZAppointmentId, windowId: ZWindowId });
export type RescheduleAppointmentInput = z.output<typeof ZRescheduleAppointment>;

export const ZCancelAppointment = z.object({ appointmentId: ZAppointmentId });
export type CancelAppointmentInput = z.output<typeof ZCancelAppointment>;

/** Members and owners of an account may book and change its visits. */
function requireAccount(actor: Pick<Actor, "accountId">): string {
  if (!actor.accountId) throw new AppointmentError("NO_ACCOUNT");
  return actor.accountId;
}

async function accountTimeZone(db: DbTx, accountId: string): Promise<string> {
  const account = await db.serviceAccount.findUnique({ where: { id: accountId }, select: { timeZone: true } });
  if (!account) throw new AppointmentError("NO_ACCOUNT");
  return account.timeZone;
}

/**
 * Makes sure the provider's windows exist in a dispatch area for `days` local days from `from` (an
 * instant, or a calendar day in the area's time zone, which is also the area's name). Idempotent: a
 * window already there (same start) is left as it is, so booked seats are never reset. Windows are
 * made lazily whenever availability is asked for, so the calendar never runs out.
 */
export async function ensureTechnicianWindows(
  ctx: Pick<CoreContext, "db" | "profile">,
  from: Date | CalendarDate,
  days: number,
  area: string,
): Promise<number> {
  const rules = ctx.profile.services.appointments;
  const zone = area;
  const firstDay = typeof from === "string" && isCalendarDate(from) ? from : calendarDateAt(new Date(from), zone);
  const offered = offeredWindows(rules, firstDay, days, zone);
  if (offered.length === 0) return 0;
  const existing = await ctx.db.technicianWindow.findMany({
    where: { area, startsAt: { gte: offered[0]!.startsAt, lte: offered.at(-1)!.startsAt } },
    select: { startsAt: true },
  });
  const have = new Set(existing.map((w) => w.startsAt.getTime()));
  const missing = offered.filter((w) => !have.has(w.startsAt.getTime()));
  if (missing.length === 0) return 0;
  const { count } = await ctx.db.technicianWindow.createMany({
    data: missing.map((w) => ({ area, startsAt: w.startsAt, endsAt: w.endsAt, capacity: rules.capacityPerWindow })),
    skipDuplicates: true,
  });
  return count;
}

/** The windows to choose from, grouped by day in the account's time zone; full ones included. */
export async function listAvailableWindows(ctx: Ctx, accountId: string) {
  const rules = ctx.profile.services.appointments;
  const now = ctx.now();
  const timeZone = await accountTimeZone(ctx.db, accountId);
  await ensureTechnicianWindows(ctx, now, rules.daysAhead + 1, timeZone);
  const windows = await ctx.db.technicianWindow.findMany({
    where: { area: timeZone, startsAt: { gte: earliestBookableStart(now, rules) } },
    orderBy: { startsAt: "asc" },
    // The horizon is checked per window below; this bound only keeps the query small.
    take: (rules.daysAhead + 2) * rules.windows.length,
    select: { id: true, startsAt: true, endsAt: true, capacity: true, booked: true },
  });
  return {
    timeZone,
    days: groupBookableWindows(windows, now, rules, timeZone, timeZone),
  };
}

export type AvailableWindows = Awaited<ReturnType<typeof listAvailableWindows>>;

const APPOINTMENT_FIELDS = {
  id: true,
  kind: true,
  status: true,
  issue: true,
  details: true,
  contactPhone: true,
  createdAt: true,
  cancelledAt: true,
  window: { select: { id: true, startsAt: true, endsAt: true } },
} as const;

export interface AppointmentView {
  id: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
  issue: string;
  details: string | null;
  contactPhone: string;
  createdAt: Date;
  cancelledAt: Date | null;
  window: { id: string; startsAt: Date; endsAt: Date };
  /** Whether it can still be moved or cancelled online. */
  canChange: boolean;
}

function toView(
  appointment: Omit<AppointmentView, "canChange">,
  now: Date,
  rules: Ctx["profile"]["services"]["appointments"],
): AppointmentView {
  return {
    ...appointment,
    canChange:
      appointment.status === "SCHEDULED" &&
      appointment.kind === "SERVICE_ISSUE" &&
      canChangeVisit(appointment.window.startsAt, now, rules),
  };
}

/** The account's visits: upcoming (scheduled, not over yet) soonest first, then the rest, latest first. */
export async function listAppointments(ctx: Ctx, accountId: string) {
  const now = ctx.now();
  const rules = ctx.profile.services.appointments;
  const [timeZone, rows] = await Promise.all([
    accountTimeZone(ctx.db, accountId),
    ctx.db.appointment.findMany({
      where: { accountId },
      orderBy: { window: { startsAt: "desc" } },
      take: 50,
      select: APPOINTMENT_FIELDS,
    }),
  ]);
  const views = rows.map((row) => toView(row, now, rules));
  const isUpcoming = (a: AppointmentView) => a.status === "SCHEDULED" && a.window.endsAt > now;
  return {
    timeZone,
    upcoming: views.filter(isUpcoming).reverse(),
    past: views.filter((a) => !isUpcoming(a)),
  };
}

/** One visit of the account; another account's id is not found. */
export async function getAppointment(ctx: Ctx, accountId: string, appointmentId: string) {
  const id = ZAppointmentId.safeParse(appointmentId);
  if (!id.success) throw new AppointmentError("APPOINTMENT_NOT_FOUND");
  const row = await ctx.db.appointment.findFirst({ where: { id: id.data, accountId }, select: APPOINTMENT_FIELDS });
  if (!row) throw new AppointmentError("APPOINTMENT_NOT_FOUND");
  return toView(row, ctx.now(), ctx.profile.services.appointments);
}

/**
 * Takes one seat in a window, or fails saying why. The seat is taken by a conditional update
 * (booked < capacity, compared in the row itself), so concurrent bookings never overfill a window:
 * PostgreSQL re-checks the condition on the latest row version after waiting for the row lock.
 */
async function takeSeat(ctx: Ctx, tx: DbTx, accountId: string, windowId: string) {
  const rules = ctx.profile.services.appointments;
  const area = await accountTimeZone(tx, accountId);
  const window = await tx.technicianWindow.findUnique({ where: { id: windowId } });
  // Another area's window is as unknown to this household as a made-up id.
  if (!window || window.area !== area) throw new AppointmentError("WINDOW_NOT_FOUND");
  const state = windowState(window, ctx.now(), rules, area);
  if (state === "TOO_SOON" || state === "TOO_FAR") throw new AppointmentError("WINDOW_UNAVAILABLE");
  const { count } = await tx.technicianWindow.updateMany({
    where: { id: windowId, booked: { lt: tx.technicianWindow.fields.capacity } },
    data: { booked: { increment: 1 } },
  });
  if (count === 0) throw new AppointmentError("WINDOW_FULL");
  return window;
}

async function releaseSeat(tx: DbTx, windowId: string) {
  await tx.technicianWindow.updateMany({
    where: { id: windowId, booked: { gt: 0 } },
    data: { booked: { decrement: 1 } },
  });
}

/**
 * What a notice says about a window: its local day, and its start and end as instants with the
 * zone to show them in, so each reader sees the times written their own language's way.
 */
function windowValues(window: { startsAt: Date; endsAt: Date }, timeZone: string) {
  return {
    dayOn: calendarDateAt(window.startsAt, timeZone),
    fromAt: window.startsAt.toISOString(),
    toAt: window.endsAt.toISOString(),
    zone: timeZone,
  };
}

async function notifyHousehold(
  tx: DbTx,
  accountId: string,
  messageKey: string,
  window: { startsAt: Date; endsAt: Date },
) {
  const values = windowValues(window, await accountTimeZone(tx, accountId));
  for (const user of await householdRecipients(tx, accountId)) {
    await notifyUser(tx, { userId: user.id, accountId, messageKey, values, href: APPOINTMENTS_HREF });
  }
}

/** A scheduled service visit of the account that is not over yet. */
function openServiceVisit(tx: DbTx, accountId: string, now: Date) {
  return tx.appointment.findFirst({
    where: { accountId, kind: "SERVICE_ISSUE", status: "SCHEDULED", window: { endsAt: { gt: now } } },
    select: { id: true, windowId: true, issue: true },
  });
}

/**
 * Books a technician visit for a service issue. One scheduled service visit per account: a second
 * booking is refused (reschedule the first instead), except that the same booking sent twice (a
 * double submit) returns the first one. The account row is locked for the check, so two tabs
 * booking at once cannot both get in.
 */
export async function bookAppointment(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: BookAppointmentInput,
): Promise<{ appointmentId: string; duplicate: boolean }> {
  const accountId = requireAccount(actor);
  return ctx.db.$transaction(async (tx) => {
    if (!(await lockAccount(tx, accountId))) throw new AppointmentError("NO_ACCOUNT");
    const existing = await openServiceVisit(tx, accountId, ctx.now());
    if (existing) {
      if (existing.windowId === input.windowId && existing.issue === input.issue) {
        return { appointmentId: existing.id, duplicate: true };
      }
      throw new AppointmentError("ALREADY_SCHEDULED", { appointmentId: existing.id });
    }
    const window = await takeSeat(ctx, tx, accountId, input.windowId);
    const appointment = await tx.appointment.create({
      data: {
        accountId,
        windowId: window.id,
        kind: "SERVICE_ISSUE",
        issue: input.issue,
        details: input.details,
        contactPhone: input.contactPhone,
        createdById: actor.id,
      },
    });
    await recordAuditEvent(tx, request, {
      action: "services.appointment.booked",
      outcome: "SUCCESS",
      accountId,
      target: appointment.id,
      details: { windowStartsAt: window.startsAt.toISOString(), issue: input.issue },
    });
    await notifyHousehold(tx, accountId, "services.appointment_booked", window);
    return { appointmentId: appointment.id, duplicate: false };
  });
}

/** Finds a visit the actor may change online, or says why not. */
async function changeableVisit(tx: DbTx, accountId: string, appointmentId: string) {
  const appointment = await tx.appointment.findFirst({
    where: { id: appointmentId, accountId },
    include: { window: true },
  });
  if (!appointment) throw new AppointmentError("APPOINTMENT_NOT_FOUND");
  if (appointment.kind !== "SERVICE_ISSUE") throw new AppointmentError("INSTALLATION_BY_PHONE");
  return appointment;
}

function requireBeforeCutoff(ctx: Ctx, startsAt: Date) {
  const rules = ctx.profile.services.appointments;
  if (!canChangeVisit(startsAt, ctx.now(), rules)) {
    throw new AppointmentError("CHANGE_CUTOFF_PASSED", { hours: rules.changeCutoffHours });
  }
}

/**
 * Moves a service visit to another window: the seat in the new window is taken (or the move is
 * refused) and the old one freed in one transaction. Windows are touched in id order so two
 * accounts swapping windows cannot deadlock. Moving to the window it is already in does nothing
 * (a double submit of the same move).
 */
export async function rescheduleAppointment(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: RescheduleAppointmentInput,
): Promise<{ appointmentId: string; duplicate: boolean }> {
  const accountId = requireAccount(actor);
  return ctx.db.$transaction(async (tx) => {
    if (!(await lockAccount(tx, accountId))) throw new AppointmentError("NO_ACCOUNT");
    const appointment = await changeableVisit(tx, accountId, input.appointmentId);
    if (appointment.status !== "SCHEDULED") throw new AppointmentError("NOT_SCHEDULED");
    if (appointment.windowId === input.windowId) return { appointmentId: appointment.id, duplicate: true };
    requireBeforeCutoff(ctx, appointment.window.startsAt);
    let window;
    if (input.windowId < appointment.windowId) {
      window = await takeSeat(ctx, tx, accountId, input.windowId);
      await releaseSeat(tx, appointment.windowId);
    } else {
      await releaseSeat(tx, appointment.windowId);
      window = await takeSeat(ctx, tx, accountId, input.windowId);
    }
    await tx.appointment.update({
      where: { id: appointment.id },
      // A new window gets its own reminder.
      data: { windowId: window.id, reminderSentAt: null },
    });
    await recordAuditEvent(tx, request, {
      action: "services.appointment.rescheduled",
      outcome: "SUCCESS",
      accountId,
      target: appointment.id,
      details: {
        fromStartsAt: appointment.window.startsAt.toISOString(),
        toStartsAt: window.startsAt.toISOString(),
      },
    });
    await notifyHousehold(tx, accountId, "services.appointment_rescheduled", window);
    return { appointmentId: appointment.id, duplicate: false };
  });
}

/** Cancels a service visit and frees its seat. Cancelling one already cancelled does nothing. */
export async function cancelAppointment(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: CancelAppointmentInput,
): Promise<{ appointmentId: string; duplicate: boolean }> {
  const accountId = requireAccount(actor);
  return ctx.db.$transaction(async (tx) => {
    if (!(await lockAccount(tx, accountId))) throw new AppointmentError("NO_ACCOUNT");
    const appointment = await changeableVisit(tx, accountId, input.appointmentId);
    if (appointment.status === "CANCELLED") return { appointmentId: appointment.id, duplicate: true };
    if (appointment.status !== "SCHEDULED") throw new AppointmentError("NOT_SCHEDULED");
    requireBeforeCutoff(ctx, appointment.window.startsAt);
    await tx.appointment.update({
      where: { id: appointment.id },
      data: { status: "CANCELLED", cancelledAt: ctx.now() },
    });
    await releaseSeat(tx, appointment.windowId);
    await recordAuditEvent(tx, request, {
      action: "services.appointment.cancelled",
      outcome: "SUCCESS",
      accountId,
      target: appointment.id,
      details: { windowStartsAt: appointment.window.startsAt.toISOString() },
    });
    await notifyHousehold(tx, accountId, "services.appointment_cancelled", appointment.window);
    return { appointmentId: appointment.id, duplicate: false };
  });
}

/**
 * The reminder job: each scheduled visit whose window starts in the next 24 hours is announced to
 * the household once. The visit is claimed by a conditional update of reminderSentAt in the same
 * transaction as the notices, so a second worker running at the same time finds it claimed (and
 * the notices' dedupe keys stop a repeat even if the claim were ever undone).
 */
export async function sendAppointmentReminders(ctx: Ctx): Promise<{ sent: number }> {
  const now = ctx.now();
  const due = await ctx.db.appointment.findMany({
    where: {
      status: "SCHEDULED",
      reminderSentAt: null,
      window: { startsAt: { gt: now, lte: new Date(now.getTime() + 24 * HOUR_MS) } },
    },
    select: { id: true, accountId: true, window: { select: { startsAt: true, endsAt: true } } },
    orderBy: { window: { startsAt: "asc" } },
  });
  let sent = 0;
  for (const appointment of due) {
    const claimed = await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.appointment.updateMany({
        where: { id: appointment.id, status: "SCHEDULED", reminderSentAt: null },
        data: { reminderSentAt: now },
      });
      if (count === 0) return false;
      const timeZone = await accountTimeZone(tx, appointment.accountId);
      const values = windowValues(appointment.window, timeZone);
      for (const user of await householdRecipients(tx, appointment.accountId)) {
        await notifyUserOnce(tx, {
          userId: user.id,
          accountId: appointment.accountId,
          messageKey: "services.appointment_reminder",
          values,
          href: APPOINTMENTS_HREF,
          dedupeKey: `appointment-reminder:${appointment.id}:${appointment.window.startsAt.toISOString()}:${user.id}`,
        });
      }
      return true;
    });
    if (claimed) sent += 1;
  }
  return { sent };
}
