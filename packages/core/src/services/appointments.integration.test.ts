import { randomBytes } from "node:crypto";
import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { DEMO_ACCOUNT_NUMBER } from "@homeport/db/seed";
import { afterAll, describe, expect, inject, it } from "vitest";
import { seedAppointments } from "../runtime/seed-appointments.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { AppointmentError } from "./appointment-errors.ts";
import {
  bookAppointment,
  cancelAppointment,
  ensureTechnicianWindows,
  getAppointment,
  listAppointments,
  listAvailableWindows,
  rescheduleAppointment,
  sendAppointmentReminders,
  ZBookAppointment,
} from "./appointments.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const wideDb = createPrismaClient(parseDatabaseUrl(inject("databaseUrl"), 10));
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const HOUR = 3_600_000;
const request = { ip: "203.0.113.9", userAgent: "vitest" };

afterAll(async () => {
  await db.$disconnect();
  await wideDb.$disconnect();
});

async function household(options: { member?: boolean } = {}) {
  sequence += 1;
  const { account, owner } = await createHousehold(db, {
    account: { timeZone: "America/Los_Angeles", phoneOnFile: "+19165550142" },
    owner: { email: `appt-owner-${tag}-${sequence}@example.com`, name: "Ada Owner" },
  });
  const ownerActor = householdActor(owner, account.id, "OWNER");
  if (!options.member) return { account, owner, ownerActor };
  const member = await createUser(db, { email: `appt-member-${tag}-${sequence}@example.com`, name: "Max Member" });
  await addMember(db, account.id, member.id, "MEMBER");
  return { account, owner, ownerActor, member, memberActor: householdActor(member, account.id, "MEMBER") };
}

const booking = (windowId: string, overrides: Record<string, unknown> = {}) =>
  ZBookAppointment.parse({ windowId, issue: "no-internet", contactPhone: "(916) 555-0142", ...overrides });

/** A window made by hand, at a minute no profile window uses, so no other test touches it. */
function makeWindow(startsAt: Date, capacity = 3, booked = 0) {
  return db.technicianWindow.create({
    data: { area: "America/Los_Angeles", startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), capacity, booked },
  });
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppointmentError);
  return (error as AppointmentError).code;
}

describe("ZBookAppointment", () => {
  it("accepts US numbers as people type them and names what is wrong", () => {
    const id = "0190f5c2-8a4b-7c3d-9e1f-123456789abc";
    for (const phone of ["(916) 555-0142", "916.555.0142", "+1 916 555 0142", "19165550142", "9165550142"]) {
      expect(booking(id, { contactPhone: phone }).contactPhone).toBe("+19165550142");
    }
    const problem = (input: Record<string, unknown>) =>
      ZBookAppointment.safeParse({ windowId: id, issue: "wifi", contactPhone: "916-555-0142", ...input }).error
        ?.issues[0]?.message;
    expect(problem({ contactPhone: "555-0142" })).toBe("phone_invalid");
    expect(problem({ contactPhone: "(016) 555-0142" })).toBe("phone_invalid");
    expect(problem({ contactPhone: "+44 20 7946 0958" })).toBe("phone_invalid");
    expect(problem({ contactPhone: "" })).toBe("phone_required");
    expect(problem({ issue: "fire" })).toBe("issue_required");
    expect(problem({ windowId: "" })).toBe("window_required");
    expect(problem({ details: "x".repeat(501) })).toBe("details_too_long");
    expect(booking(id, { details: "  " }).details).toBeNull();
  });
});

describe("technician windows", () => {
  it("creates the profile's windows once and offers them by day, with full ones marked", async () => {
    // Monday 2027-03-01, 9:00 in New York.
    ctx.setNow(new Date("2027-03-01T14:00:00Z"));
    const { account } = await household();
    const rules = ctx.profile.services.appointments;
    const first = await listAvailableWindows(ctx, account.id);
    expect(await ensureTechnicianWindows(ctx, ctx.now(), rules.daysAhead + 1, "America/Los_Angeles")).toBe(0);
    const again = await listAvailableWindows(ctx, account.id);
    expect(again.days.map((d) => d.day)).toEqual(first.days.map((d) => d.day));
    expect(first.timeZone).toBe("America/Los_Angeles");
    const all = first.days.flatMap((d) => d.windows);
    expect(all.length).toBeGreaterThan(0);
    for (const w of all) {
      expect(w.startsAt.getTime()).toBeGreaterThanOrEqual(ctx.now().getTime() + rules.minLeadHours * HOUR);
      expect(w.capacity).toBe(rules.capacityPerWindow);
    }
    // No Sunday visits (2027-03-07); the horizon ends 14 days out.
    expect(first.days.map((d) => d.day)).not.toContain("2027-03-07");
    expect(first.days.at(-1)?.day).toBe("2027-03-15");

    const target = all[0]!;
    await db.technicianWindow.update({ where: { id: target.id }, data: { booked: target.capacity } });
    const marked = (await listAvailableWindows(ctx, account.id)).days.flatMap((d) => d.windows);
    expect(marked.find((w) => w.id === target.id)?.state).toBe("FULL");
  });
});

describe("booking", () => {
  it("books a visit for a member, tells the household, audits it, and a double submit books once", async () => {
    ctx.setNow(new Date("2027-04-05T14:00:00Z"));
    const { account, owner, member, memberActor } = await household({ member: true });
    const window = await makeWindow(new Date("2027-04-07T15:07:00Z"));
    const input = booking(window.id, { issue: "wifi", details: "Upstairs has no signal" });

    const results = await Promise.all([
      bookAppointment(ctx, memberActor!, request, input),
      bookAppointment(ctx, memberActor!, request, input),
    ]);
    expect(new Set(results.map((r) => r.appointmentId)).size).toBe(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect((await db.technicianWindow.findUniqueOrThrow({ where: { id: window.id } })).booked).toBe(1);

    const listed = await listAppointments(ctx, account.id);
    expect(listed.upcoming).toHaveLength(1);
    expect(listed.upcoming[0]).toMatchObject({
      kind: "SERVICE_ISSUE",
      status: "SCHEDULED",
      issue: "wifi",
      details: "Upstairs has no signal",
      contactPhone: "+19165550142",
      canChange: true,
    });

    const notices = await db.notification.findMany({
      where: { accountId: account.id, messageKey: "services.appointment_booked" },
    });
    expect(notices.map((n) => n.userId).sort()).toEqual([owner.id, member!.id].sort());
    // 15:07 UTC is 8:07 in Los Angeles (daylight time).
    expect(notices[0]?.values).toEqual({
      dayOn: "2027-04-07",
      fromAt: "2027-04-07T15:07:00.000Z",
      toAt: "2027-04-07T17:07:00.000Z",
      zone: "America/Los_Angeles",
    });
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "services.appointment.booked" } })).toBe(
      1,
    );

    const other = await makeWindow(new Date("2027-04-08T15:07:00Z"));
    expect(await rejection(bookAppointment(ctx, memberActor!, request, booking(other.id)))).toBe("ALREADY_SCHEDULED");
    expect((await db.technicianWindow.findUniqueOrThrow({ where: { id: other.id } })).booked).toBe(0);
  });

  it("refuses full, too-soon, too-far and unknown windows", async () => {
    ctx.setNow(new Date("2027-04-12T14:00:00Z"));
    const { ownerActor } = await household();
    const full = await makeWindow(new Date("2027-04-14T15:07:00Z"), 2, 2);
    const soon = await makeWindow(new Date("2027-04-12T20:07:00Z"));
    const far = await makeWindow(new Date("2027-05-20T15:07:00Z"));
    expect(await rejection(bookAppointment(ctx, ownerActor, request, booking(full.id)))).toBe("WINDOW_FULL");
    expect(await rejection(bookAppointment(ctx, ownerActor, request, booking(soon.id)))).toBe("WINDOW_UNAVAILABLE");
    expect(await rejection(bookAppointment(ctx, ownerActor, request, booking(far.id)))).toBe("WINDOW_UNAVAILABLE");
    expect(
      await rejection(bookAppointment(ctx, ownerActor, request, booking("0190f5c2-8a4b-7c3d-9e1f-123456789abc"))),
    ).toBe("WINDOW_NOT_FOUND");
    expect(await db.appointment.count({ where: { accountId: ownerActor.accountId! } })).toBe(0);
  });

  it("never overfills a window: 10 accounts booking a window of 3 at once, exactly 3 get in", async () => {
    ctx.setNow(new Date("2027-04-19T14:00:00Z"));
    const wide = { ...ctx, db: wideDb };
    const window = await makeWindow(new Date("2027-04-21T15:07:00Z"), 3);
    const households = [];
    for (let i = 0; i < 10; i += 1) households.push(await household());
    const outcomes = await Promise.allSettled(
      households.map(({ ownerActor }) => bookAppointment(wide, ownerActor, request, booking(window.id))),
    );
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(ok).toHaveLength(3);
    expect(failed.map((f) => (f.reason as AppointmentError).code)).toEqual(Array(7).fill("WINDOW_FULL"));
    expect((await db.technicianWindow.findUniqueOrThrow({ where: { id: window.id } })).booked).toBe(3);
    expect(await db.appointment.count({ where: { windowId: window.id } })).toBe(3);
  });
});

describe("changing a visit", () => {
  it("reschedules into another window, moving the seat, and refuses full or past windows", async () => {
    ctx.setNow(new Date("2027-05-03T14:00:00Z"));
    const { account, ownerActor } = await household();
    const from = await makeWindow(new Date("2027-05-05T15:07:00Z"));
    const to = await makeWindow(new Date("2027-05-06T15:07:00Z"));
    const full = await makeWindow(new Date("2027-05-07T15:07:00Z"), 1, 1);
    const past = await makeWindow(new Date("2027-05-03T10:07:00Z"));
    const { appointmentId } = await bookAppointment(ctx, ownerActor, request, booking(from.id));
    await db.appointment.update({ where: { id: appointmentId }, data: { reminderSentAt: ctx.now() } });

    const move = { appointmentId, windowId: to.id };
    await Promise.all([
      rescheduleAppointment(ctx, ownerActor, request, move),
      rescheduleAppointment(ctx, ownerActor, request, move),
    ]);
    const seats = async () =>
      Object.fromEntries(
        (await db.technicianWindow.findMany({ where: { id: { in: [from.id, to.id, full.id] } } })).map((w) => [
          w.id,
          w.booked,
        ]),
      );
    expect(await seats()).toEqual({ [from.id]: 0, [to.id]: 1, [full.id]: 1 });
    const moved = await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    expect(moved.windowId).toBe(to.id);
    expect(moved.reminderSentAt).toBeNull();
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "services.appointment.rescheduled" } }),
    ).toBe(1);
    expect(
      await db.notification.count({ where: { accountId: account.id, messageKey: "services.appointment_rescheduled" } }),
    ).toBe(1);

    expect(await rejection(rescheduleAppointment(ctx, ownerActor, request, { appointmentId, windowId: full.id }))).toBe(
      "WINDOW_FULL",
    );
    expect(await rejection(rescheduleAppointment(ctx, ownerActor, request, { appointmentId, windowId: past.id }))).toBe(
      "WINDOW_UNAVAILABLE",
    );
    expect(await seats()).toEqual({ [from.id]: 0, [to.id]: 1, [full.id]: 1 });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).windowId).toBe(to.id);

    // Within two hours of the window it can no longer be moved or cancelled online.
    ctx.setNow(new Date("2027-05-06T13:30:00Z"));
    expect(await rejection(rescheduleAppointment(ctx, ownerActor, request, { appointmentId, windowId: from.id }))).toBe(
      "CHANGE_CUTOFF_PASSED",
    );
    expect(await rejection(cancelAppointment(ctx, ownerActor, request, { appointmentId }))).toBe(
      "CHANGE_CUTOFF_PASSED",
    );
    expect((await getAppointment(ctx, account.id, appointmentId)).canChange).toBe(false);
  });

  it("cancels a service visit and frees its seat; installations are changed by phone", async () => {
    ctx.setNow(new Date("2027-05-10T14:00:00Z"));
    const { account, owner, ownerActor } = await household();
    const window = await makeWindow(new Date("2027-05-12T15:07:00Z"));
    const { appointmentId } = await bookAppointment(ctx, ownerActor, request, booking(window.id));

    const results = await Promise.all([
      cancelAppointment(ctx, ownerActor, request, { appointmentId }),
      cancelAppointment(ctx, ownerActor, request, { appointmentId }),
    ]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await db.technicianWindow.findUniqueOrThrow({ where: { id: window.id } })).booked).toBe(0);
    const cancelled = await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelledAt).toEqual(ctx.now());
    expect(
      await db.auditEvent.count({ where: { accountId: account.id, action: "services.appointment.cancelled" } }),
    ).toBe(1);
    expect(
      await db.notification.count({ where: { userId: owner.id, messageKey: "services.appointment_cancelled" } }),
    ).toBe(1);
    const listed = await listAppointments(ctx, account.id);
    expect(listed.upcoming).toHaveLength(0);
    expect(listed.past.map((a) => a.status)).toEqual(["CANCELLED"]);
    expect(
      await rejection(rescheduleAppointment(ctx, ownerActor, request, { appointmentId, windowId: window.id })),
    ).toBe("NOT_SCHEDULED");

    // A cancelled visit does not count: the account can book again.
    await bookAppointment(ctx, ownerActor, request, booking(window.id));

    const install = await db.appointment.create({
      data: {
        accountId: account.id,
        windowId: (await makeWindow(new Date("2027-05-13T15:07:00Z"), 3, 1)).id,
        kind: "INSTALLATION",
        issue: "other",
        contactPhone: "+19165550142",
      },
    });
    expect(await rejection(cancelAppointment(ctx, ownerActor, request, { appointmentId: install.id }))).toBe(
      "INSTALLATION_BY_PHONE",
    );
    expect(
      await rejection(
        rescheduleAppointment(ctx, ownerActor, request, { appointmentId: install.id, windowId: window.id }),
      ),
    ).toBe("INSTALLATION_BY_PHONE");
    expect((await getAppointment(ctx, account.id, install.id)).canChange).toBe(false);
  });

  it("gives not-found for another account's visit", async () => {
    ctx.setNow(new Date("2027-05-17T14:00:00Z"));
    const mine = await household();
    const theirs = await household();
    const window = await makeWindow(new Date("2027-05-19T15:07:00Z"));
    const spare = await makeWindow(new Date("2027-05-20T15:09:00Z"));
    const { appointmentId } = await bookAppointment(ctx, theirs.ownerActor, request, booking(window.id));

    expect(await rejection(getAppointment(ctx, mine.account.id, appointmentId))).toBe("APPOINTMENT_NOT_FOUND");
    expect(await rejection(getAppointment(ctx, mine.account.id, "not-a-uuid"))).toBe("APPOINTMENT_NOT_FOUND");
    expect(
      await rejection(rescheduleAppointment(ctx, mine.ownerActor, request, { appointmentId, windowId: spare.id })),
    ).toBe("APPOINTMENT_NOT_FOUND");
    expect(await rejection(cancelAppointment(ctx, mine.ownerActor, request, { appointmentId }))).toBe(
      "APPOINTMENT_NOT_FOUND",
    );
    expect((await listAppointments(ctx, mine.account.id)).upcoming).toHaveLength(0);
    const untouched = await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } });
    expect(untouched).toMatchObject({ status: "SCHEDULED", windowId: window.id });
    expect(
      await rejection(bookAppointment(ctx, { ...mine.ownerActor, accountId: null }, request, booking(spare.id))),
    ).toBe("NO_ACCOUNT");
  });
});

describe("reminders", () => {
  it("reminds each household member once for visits in the next 24 hours, even with two workers", async () => {
    ctx.setNow(new Date("2027-06-07T14:00:00Z"));
    const { account, owner, member, ownerActor } = await household({ member: true });
    const later = await household();
    const soonWindow = await makeWindow(new Date("2027-06-08T04:07:00Z"));
    const laterWindow = await makeWindow(new Date("2027-06-09T15:07:00Z"));
    const { appointmentId } = await bookAppointment(ctx, ownerActor, request, booking(soonWindow.id));
    const { appointmentId: laterId } = await bookAppointment(ctx, later.ownerActor, request, booking(laterWindow.id));

    ctx.setNow(new Date("2027-06-07T16:07:00Z")); // 12 hours before the first window
    const wide = { ...ctx, db: wideDb };
    await Promise.all([sendAppointmentReminders(wide), sendAppointmentReminders(wide)]);
    await sendAppointmentReminders(ctx);

    const reminders = await db.notification.findMany({
      where: { accountId: account.id, messageKey: "services.appointment_reminder" },
    });
    expect(reminders.map((n) => n.userId).sort()).toEqual([owner.id, member!.id].sort());
    // 04:07 UTC is 9:07 PM the evening before in Los Angeles.
    expect(reminders[0]?.values).toMatchObject({ dayOn: "2027-06-07", zone: "America/Los_Angeles" });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: appointmentId } })).reminderSentAt).toEqual(
      ctx.now(),
    );
    expect((await db.appointment.findUniqueOrThrow({ where: { id: laterId } })).reminderSentAt).toBeNull();
    expect(
      await db.notification.count({
        where: { accountId: later.account.id, messageKey: "services.appointment_reminder" },
      }),
    ).toBe(0);
  });
});

describe("seedAppointments", () => {
  it("fills a few windows and gives the demo household one past visit, once", async () => {
    ctx.setNow(new Date("2027-08-02T14:00:00Z"));
    const demo =
      (await db.serviceAccount.findUnique({ where: { accountNumber: DEMO_ACCOUNT_NUMBER } })) ??
      (await createHousehold(db, { account: { accountNumber: DEMO_ACCOUNT_NUMBER } })).account;
    await seedAppointments(ctx);
    await seedAppointments(ctx);
    const visits = await db.appointment.findMany({ where: { accountId: demo.id }, include: { window: true } });
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ status: "COMPLETED", kind: "SERVICE_ISSUE" });
    expect(visits[0]!.window.startsAt < ctx.now()).toBe(true);
    const days = (await listAvailableWindows(ctx, demo.id)).days.flatMap((d) => d.windows);
    expect(days.filter((w) => w.state === "FULL").length).toBeGreaterThanOrEqual(3);
    expect(days.filter((w) => w.state === "OPEN").length).toBeGreaterThan(20);
  });
});

describe("dispatch areas", () => {
  it("offers and books only the windows of the household's own area", async () => {
    ctx.setNow(new Date("2027-04-05T16:00:00Z"));
    const { ownerActor } = await household();
    const elsewhere = await db.technicianWindow.create({
      data: {
        area: "America/New_York",
        startsAt: new Date("2027-04-07T13:07:00Z"),
        endsAt: new Date("2027-04-07T15:07:00Z"),
        capacity: 3,
      },
    });
    const offered = await listAvailableWindows(ctx, ownerActor.accountId as string);
    expect(offered.days.flatMap((d) => d.windows).some((w) => w.id === elsewhere.id)).toBe(false);
    expect(await rejection(bookAppointment(ctx, ownerActor, {}, booking(elsewhere.id)))).toBe("WINDOW_NOT_FOUND");
  });
});
