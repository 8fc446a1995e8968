import type { Db } from "@homeport/db";
import { DEMO_ACCOUNT_NUMBER } from "@homeport/db/seed";
import { addDays, calendarDateAt } from "../billing/calendar.ts";
import type { ProviderProfile } from "../provider/profile.ts";
import { offeredWindows, windowState } from "../services/appointment-windows.ts";
import { ensureTechnicianWindows } from "../services/appointments.ts";

/**
 * The technician calendar of the demo: the next two weeks of windows, a few of them already full
 * (other households' visits) so the booking page shows what "full" looks like, and one visit the
 * demo household had three weeks ago. Safe to run twice.
 */
export async function seedAppointments(ctx: { db: Db; now: () => Date; profile: ProviderProfile }) {
  const rules = ctx.profile.services.appointments;
  const account = await ctx.db.serviceAccount.findUnique({
    where: { accountNumber: DEMO_ACCOUNT_NUMBER },
    select: {
      id: true,
      timeZone: true,
      phoneOnFile: true,
      memberships: { where: { role: "OWNER" }, select: { userId: true } },
    },
  });
  if (!account) return;
  // The demo households' dispatch area is their time zone (see TechnicianWindow.area).
  const zone = account.timeZone;
  const now = ctx.now();
  await ensureTechnicianWindows(ctx, now, rules.daysAhead + 1, zone);

  // Fill the second and the eighth bookable windows, and the last one of the third day.
  const windows = await ctx.db.technicianWindow.findMany({
    where: { area: zone, startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    take: (rules.daysAhead + 1) * rules.windows.length,
  });
  const open = windows.filter((w) => windowState(w, now, rules, zone) === "OPEN");
  const days = [...new Set(open.map((w) => calendarDateAt(w.startsAt, zone)))];
  const lastOfThirdDay = open.filter((w) => calendarDateAt(w.startsAt, zone) === days[2]).at(-1);
  const toFill = [open[1], open[7], lastOfThirdDay].filter((w) => w !== undefined);
  for (const window of toFill) {
    await ctx.db.technicianWindow.update({ where: { id: window.id }, data: { booked: window.capacity } });
  }

  if ((await ctx.db.appointment.count({ where: { accountId: account.id } })) > 0) return;

  // Three weeks ago, on the nearest working day before that, 10–12 (or the profile's second window).
  let day = addDays(calendarDateAt(now, zone), -21);
  let past = offeredWindows(rules, day, 1, zone);
  for (let i = 0; i < 7 && past.length === 0; i += 1) {
    day = addDays(day, -1);
    past = offeredWindows(rules, day, 1, zone);
  }
  const slot = past[1] ?? past[0];
  if (!slot) return;
  const window = await ctx.db.technicianWindow.upsert({
    where: { area_startsAt: { area: zone, startsAt: slot.startsAt } },
    create: { area: zone, startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: rules.capacityPerWindow, booked: 1 },
    update: {},
  });
  await ctx.db.appointment.create({
    data: {
      accountId: account.id,
      windowId: window.id,
      kind: "SERVICE_ISSUE",
      status: "COMPLETED",
      issue: "slow-internet",
      details: "Speeds drop in the evening. Replaced the coax splitter behind the TV.",
      contactPhone: account.phoneOnFile ?? "+19165550142",
      createdById: account.memberships[0]?.userId ?? null,
      createdAt: new Date(slot.startsAt.getTime() - 3 * 86_400_000),
    },
  });
}
