import { randomBytes } from "node:crypto";
import { createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IdentityError } from "../identity/errors.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { requestCallback, ZCallbackRequest } from "./callback-request.ts";
import { listSupportTickets, updateSupportTicket } from "./staff-tickets.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `tickets-${name}-${tag}-${(sequence += 1)}@example.com`;
const request = { ip: "203.0.113.10", userAgent: "vitest" };

type StaffRole = "SUPPORT_AGENT" | "ADMIN" | "PRIVACY_OFFICER";
async function staff(role: StaffRole) {
  const user = await createUser(db, { email: email(role.toLowerCase()), name: `Staff ${role}`, staffRole: role });
  return { id: user.id, staffRole: role };
}

let agent: { id: string; staffRole: StaffRole };
let admin: { id: string; staffRole: StaffRole };
let privacyOfficer: { id: string; staffRole: StaffRole };

beforeAll(async () => {
  agent = await staff("SUPPORT_AGENT");
  admin = await staff("ADMIN");
  privacyOfficer = await staff("PRIVACY_OFFICER");
});
afterAll(() => db.$disconnect());

async function householdWithCallback(topic: "internet" | "billing" | "tv" = "internet") {
  const { account, owner } = await createHousehold(db, { owner: { email: email("owner"), name: "Ada Owner" } });
  const actor = householdActor(owner, account.id, "OWNER");
  ctx.setNow(new Date());
  const today = new Date().toLocaleDateString("en-CA", { timeZone: account.timeZone });
  const { ticket } = await requestCallback(
    ctx,
    actor,
    request,
    ZCallbackRequest.parse({ phone: "916-555-0142", preferredDate: today, slot: "asap", topic }),
  );
  return { account, owner, actor, ticket };
}

describe("staff ticket queue", () => {
  it("lets support agents and admins list tickets, newest first, with the household's name", async () => {
    const first = await householdWithCallback("billing");
    const second = await householdWithCallback("tv");
    for (const worker of [agent, admin]) {
      const { tickets } = await listSupportTickets(ctx, worker, { status: "OPEN", kind: "CALLBACK" });
      const ours = tickets.filter((t) => [first.ticket.id, second.ticket.id].includes(t.id));
      expect(ours.map((t) => t.reference)).toEqual([second.ticket.reference, first.ticket.reference]);
      expect(ours[0]).toMatchObject({
        topic: "tv",
        phone: "+19165550142",
        account: { accountNumber: second.account.accountNumber },
        createdBy: { name: "Ada Owner" },
      });
    }
  });

  it("refuses privacy officers and subscribers with NOT_ALLOWED", async () => {
    const { ticket, actor } = await householdWithCallback();
    for (const who of [privacyOfficer, { id: actor.id, staffRole: null }]) {
      await expect(listSupportTickets(ctx, who, {})).rejects.toMatchObject({
        name: "IdentityError",
        code: "NOT_ALLOWED",
      });
      await expect(
        updateSupportTicket(ctx, who, { actorUserId: who.id }, { ticketId: ticket.id, status: "RESOLVED", note: "x" }),
      ).rejects.toBeInstanceOf(IdentityError);
    }
    await expect(listSupportTickets(ctx, actor, {})).rejects.toMatchObject({ code: "NOT_ALLOWED" });
    const unchanged = await db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(unchanged.status).toBe("OPEN");
    const denied = await db.auditEvent.findMany({
      where: { action: "support.ticket.update", outcome: "DENIED", actorUserId: { in: [privacyOfficer.id, actor.id] } },
    });
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it("pages with a cursor without repeating or skipping, and filters by status and kind", async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) made.push((await householdWithCallback()).ticket.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const result = await listSupportTickets(ctx, agent, { limit: 2, ...(after ? { after } : {}) });
      expect(result.tickets.length).toBeLessThanOrEqual(2);
      seen.push(...result.tickets.map((t) => t.id));
      if (!result.next) break;
      after = result.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => made.includes(id))).toEqual([...made].reverse());

    const none = await listSupportTickets(ctx, agent, { kind: "EQUIPMENT_RETURN" });
    expect(none.tickets.every((t) => t.kind === "EQUIPMENT_RETURN")).toBe(true);
    // A tampered cursor or filter is ignored rather than an error.
    const loose = await listSupportTickets(ctx, agent, { after: "nonsense", status: "NOPE" as never });
    expect(loose.tickets.length).toBeGreaterThan(0);
  });

  it("moves a ticket to resolved with a note, audited, and tells the subscriber", async () => {
    const { ticket, owner, account } = await householdWithCallback();
    const working = await updateSupportTicket(
      ctx,
      agent,
      { actorUserId: agent.id },
      {
        ticketId: ticket.id,
        status: "IN_PROGRESS",
      },
    );
    expect(working.status).toBe("IN_PROGRESS");
    const done = await updateSupportTicket(
      ctx,
      agent,
      { actorUserId: agent.id },
      {
        ticketId: ticket.id,
        status: "RESOLVED",
        note: "Called back; modem replaced.",
      },
    );
    expect(done).toMatchObject({ status: "RESOLVED", staffNote: "Called back; modem replaced." });
    expect(done.resolvedAt).not.toBeNull();

    const audit = await db.auditEvent.findMany({
      where: { accountId: account.id, action: "support.ticket.update" },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    expect(audit).toMatchObject([
      { actorUserId: agent.id, target: ticket.reference, details: { from: "OPEN", to: "IN_PROGRESS" } },
      { actorUserId: agent.id, details: { from: "IN_PROGRESS", to: "RESOLVED", note: "Called back; modem replaced." } },
    ]);
    const notices = await db.notification.findMany({
      where: { userId: owner.id, messageKey: "support.ticket_resolved" },
    });
    expect(notices).toMatchObject([{ values: { reference: ticket.reference }, href: "/help/callback" }]);

    // A closed ticket can only be reopened; the same status without a note is no change.
    await expect(
      updateSupportTicket(ctx, admin, {}, { ticketId: ticket.id, status: "CANCELLED" }),
    ).rejects.toMatchObject({ code: "TRANSITION_NOT_ALLOWED" });
    await expect(
      updateSupportTicket(ctx, admin, {}, { ticketId: ticket.id, status: "RESOLVED" }),
    ).rejects.toMatchObject({ code: "STATUS_UNCHANGED" });
    const reopened = await updateSupportTicket(
      ctx,
      admin,
      {},
      { ticketId: ticket.id, status: "OPEN", note: "Still down" },
    );
    expect(reopened).toMatchObject({ status: "OPEN", resolvedAt: null });
  });

  it("refuses a change based on a stale status, and unknown tickets", async () => {
    const { ticket } = await householdWithCallback();
    await expect(
      updateSupportTicket(ctx, agent, {}, { ticketId: "0190f3a0-0000-7000-8000-000000000000", status: "RESOLVED" }),
    ).rejects.toMatchObject({ code: "TICKET_NOT_FOUND" });
    await updateSupportTicket(ctx, admin, {}, { ticketId: ticket.id, status: "IN_PROGRESS" });
    await expect(
      updateSupportTicket(ctx, agent, {}, { ticketId: ticket.id, status: "CANCELLED", expectedStatus: "OPEN" }),
    ).rejects.toMatchObject({ code: "TICKET_CHANGED" });

    // Two agents resolving at once: one wins, the other is told the ticket changed.
    const results = await Promise.allSettled([
      updateSupportTicket(ctx, agent, {}, { ticketId: ticket.id, status: "RESOLVED", expectedStatus: "IN_PROGRESS" }),
      updateSupportTicket(ctx, admin, {}, { ticketId: ticket.id, status: "CANCELLED", expectedStatus: "IN_PROGRESS" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const notices = await db.notification.count({
      where: { messageKey: "support.ticket_resolved", values: { equals: { reference: ticket.reference } } },
    });
    expect(notices).toBeLessThanOrEqual(1);
  });
});
