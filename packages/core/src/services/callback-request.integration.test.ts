import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import {
  listAccountTickets,
  requestCallback,
  SupportTicketError,
  ZCallbackRequest,
  type CallbackRequestInput,
} from "./callback-request.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `callback-${name}-${tag}-${(sequence += 1)}@example.com`;
const request = { ip: "203.0.113.9", userAgent: "vitest" };

afterAll(() => db.$disconnect());

async function household() {
  const { account, owner } = await createHousehold(db, {
    account: { timeZone: "America/Los_Angeles" },
    owner: { email: email("owner"), name: "Ada Owner" },
  });
  return { account, owner, actor: householdActor(owner, account.id, "OWNER") };
}

// 2026-11-20 17:00 UTC is 09:00 on Nov 20 in Los Angeles.
const NOW = new Date("2026-11-20T17:00:00Z");

const input = (fields: Partial<CallbackRequestInput> = {}) =>
  ZCallbackRequest.parse({
    phone: "(916) 555-0142",
    preferredDate: "2026-11-21",
    slot: "morning",
    topic: "internet",
    details: "Modem light blinks orange.",
    ...fields,
  });

describe("callback requests", () => {
  it("validates the phone, slot, topic and details length", () => {
    expect(input({ phone: "+1 916.555.0142" }).phone).toBe("+19165550142");
    expect(input({ phone: "19165550142" }).phone).toBe("+19165550142");
    for (const phone of ["555-0142", "(016) 555-0142", "916 155 0142", "916-555-01422", "916-CALL-NOW"]) {
      const result = ZCallbackRequest.safeParse({ ...input(), phone });
      expect(result.success, phone).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("PHONE_INVALID");
    }
    expect(ZCallbackRequest.safeParse({ ...input(), phone: " " }).error?.issues[0]?.message).toBe("PHONE_REQUIRED");
    expect(ZCallbackRequest.safeParse({ ...input(), slot: "night" }).error?.issues[0]?.message).toBe("SLOT_INVALID");
    expect(ZCallbackRequest.safeParse({ ...input(), topic: "pizza" }).error?.issues[0]?.message).toBe("TOPIC_INVALID");
    expect(ZCallbackRequest.safeParse({ ...input(), preferredDate: "2026-02-30" }).error?.issues[0]?.message).toBe(
      "DATE_INVALID",
    );
    expect(ZCallbackRequest.safeParse({ ...input(), details: "x".repeat(1001) }).error?.issues[0]?.message).toBe(
      "DETAILS_TOO_LONG",
    );
    expect(input({ details: "   " }).details).toBeNull();
  });

  it("opens a CALLBACK ticket with a reference, audited, and lists it for the household", async () => {
    ctx.setNow(NOW);
    const { account, owner, actor } = await household();
    const { ticket, duplicate } = await requestCallback(ctx, actor, request, input());
    expect(duplicate).toBe(false);
    expect(ticket).toMatchObject({ kind: "CALLBACK", status: "OPEN", topic: "internet", phone: "+19165550142" });
    expect(ticket.reference).toMatch(/^HP-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(ticket.preferredDate?.toISOString().slice(0, 10)).toBe("2026-11-21");

    const audit = await db.auditEvent.findMany({ where: { accountId: account.id, action: "support.ticket.opened" } });
    expect(audit).toMatchObject([{ target: ticket.reference, actorUserId: null, outcome: "SUCCESS" }]);
    const stored = await db.supportTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(stored.createdById).toBe(owner.id);

    // A household member sees the same list; another household sees nothing of it.
    const member = await createUser(db, { email: email("member"), name: "Ben Member" });
    await addMember(db, account.id, member.id, "MEMBER");
    await requestCallback(ctx, householdActor(member, account.id, "MEMBER"), request, input({ topic: "billing" }));
    const list = await listAccountTickets(db, account.id);
    expect(list.map((t) => t.topic)).toEqual(["billing", "internet"]);
    const other = await household();
    expect(await listAccountTickets(db, other.account.id)).toEqual([]);
  });

  it("accepts today through 14 days ahead in the account's time zone", async () => {
    // 06:30 UTC on Nov 21 is still Nov 20 in Los Angeles.
    ctx.setNow(new Date("2026-11-21T06:30:00Z"));
    const { actor } = await household();
    await expect(requestCallback(ctx, actor, request, input({ preferredDate: "2026-11-19" }))).rejects.toMatchObject({
      code: "DATE_OUT_OF_RANGE",
      detail: { earliest: "2026-11-20", latest: "2026-12-04" },
    });
    await expect(requestCallback(ctx, actor, request, input({ preferredDate: "2026-12-05" }))).rejects.toBeInstanceOf(
      SupportTicketError,
    );
    await requestCallback(ctx, actor, request, input({ preferredDate: "2026-11-20", slot: "asap" }));
    await requestCallback(ctx, actor, request, input({ preferredDate: "2026-12-04" }));
  });

  it("returns the first ticket on a double submit, including two at once", async () => {
    ctx.setNow(NOW);
    const { account, actor } = await household();
    const [a, b] = await Promise.all([
      requestCallback(ctx, actor, request, input()),
      requestCallback(ctx, actor, request, input()),
    ]);
    expect(a.ticket.id).toBe(b.ticket.id);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    const again = await requestCallback(ctx, actor, request, input({ details: "Typed again" }));
    expect(again).toMatchObject({ duplicate: true, ticket: { id: a.ticket.id } });
    expect(await db.supportTicket.count({ where: { accountId: account.id } })).toBe(1);

    // A different slot is a different request; the same one after ten minutes is a new one too.
    await requestCallback(ctx, actor, request, input({ slot: "evening" }));
    ctx.advance(10 * 60_000 + 1);
    const later = await requestCallback(ctx, actor, request, input());
    expect(later.duplicate).toBe(false);
    expect(await db.supportTicket.count({ where: { accountId: account.id } })).toBe(3);
  });

  it("does not treat a closed request as a duplicate", async () => {
    ctx.setNow(NOW);
    const { actor } = await household();
    const first = await requestCallback(ctx, actor, request, input());
    await db.supportTicket.update({ where: { id: first.ticket.id }, data: { status: "CANCELLED" } });
    const second = await requestCallback(ctx, actor, request, input());
    expect(second.duplicate).toBe(false);
    expect(second.ticket.id).not.toBe(first.ticket.id);
  });

  it("allows at most three open callback requests per household", async () => {
    ctx.setNow(NOW);
    const { account, actor } = await household();
    for (const topic of ["billing", "tv", "phone"] as const)
      await requestCallback(ctx, actor, request, input({ topic }));
    await expect(requestCallback(ctx, actor, request, input({ topic: "email" }))).rejects.toMatchObject({
      name: "SupportTicketError",
      code: "TOO_MANY_OPEN",
    });
    // Concurrent attempts past the limit still leave three.
    await Promise.allSettled([
      requestCallback(ctx, actor, request, input({ topic: "moving" })),
      requestCallback(ctx, actor, request, input({ topic: "other" })),
    ]);
    expect(await db.supportTicket.count({ where: { accountId: account.id, status: "OPEN" } })).toBe(3);

    // Once one is resolved, another may be asked for.
    const open = await db.supportTicket.findFirstOrThrow({ where: { accountId: account.id } });
    await db.supportTicket.update({ where: { id: open.id }, data: { status: "RESOLVED" } });
    await requestCallback(ctx, actor, request, input({ topic: "email" }));
  });

  it("refuses a user without a service account (staff)", async () => {
    ctx.setNow(NOW);
    const staff = await createUser(db, { email: email("staff"), staffRole: "SUPPORT_AGENT" });
    await expect(requestCallback(ctx, { id: staff.id, accountId: null }, request, input())).rejects.toMatchObject({
      code: "NO_ACCOUNT",
    });
  });
});
