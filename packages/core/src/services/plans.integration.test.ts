import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { toDbDate } from "../billing/calendar.ts";
import { generateStatement } from "../billing/statements.ts";
import type { Actor } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { householdActor } from "../testing/actors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { changeServicePlan, getMyServices, previewServiceChange } from "./plans.ts";
import { ServicesError } from "./service-errors.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `plans-${name}-${tag}-${(sequence += 1)}`;
const plan = (name: string) => `${name}-${tag}`;

afterAll(() => db.$disconnect());

beforeAll(async () => {
  await db.servicePlan.createMany({
    data: [
      { id: plan("net-basic"), kind: "INTERNET", name: "Net Basic", tier: 1, monthlyCents: 4999 },
      { id: plan("net-fast"), kind: "INTERNET", name: "Net Fast", tier: 2, monthlyCents: 7999 },
      {
        id: plan("net-gig"),
        kind: "INTERNET",
        name: "Net Gig",
        tier: 3,
        monthlyCents: 9999,
        promoCents: 6999,
        promoMonths: 12,
        features: [{ key: "speed", values: { down: 1000, up: 35 } }],
      },
      { id: plan("tv-big"), kind: "TV", name: "TV Big", tier: 2, monthlyCents: 8999, dvrHours: 200 },
      { id: plan("tv-small"), kind: "TV", name: "TV Small", tier: 1, monthlyCents: 5999, dvrHours: 100 },
      { id: plan("old"), kind: "INTERNET", name: "Retired", tier: 9, monthlyCents: 1, active: false },
    ],
  });
  await db.channel.createMany({
    data: [
      {
        id: `a-${tag}`,
        number: 90_000 + Math.floor(Math.random() * 9000),
        name: "Channel A",
        callSign: "A",
        category: "news",
      },
      {
        id: `b-${tag}`,
        number: 99_500 + Math.floor(Math.random() * 400),
        name: "Channel B",
        callSign: "B",
        category: "sports",
      },
    ],
  });
  await db.planChannel.createMany({
    data: [
      { planId: plan("tv-big"), channelId: `a-${tag}` },
      { planId: plan("tv-big"), channelId: `b-${tag}` },
      { planId: plan("tv-small"), channelId: `a-${tag}` },
    ],
  });
});

/** Noon in Sacramento on 24 October 2026: day 16 of a cycle that runs 9 October – 8 November. */
function noonOct24() {
  ctx.setNow(new Date("2026-10-24T19:00:00Z"));
}

async function household() {
  const { account, owner } = await createHousehold(db, { owner: { email: `${unique("o")}@example.com`, name: "Ada" } });
  await db.serviceAccount.update({ where: { id: account.id }, data: { cycleDay: 9 } });
  await db.subscription.createMany({
    data: [
      { accountId: account.id, planId: plan("net-fast"), priceCents: 7999, startedOn: toDbDate("2024-01-09") },
      { accountId: account.id, planId: plan("tv-big"), priceCents: 8999, startedOn: toDbDate("2024-01-09") },
    ],
  });
  const actor = householdActor(owner, account.id, "OWNER", { stepUpAt: ctx.now() });
  return { account, owner, actor };
}

const requestOf = (actor: Actor) => ({ actorUserId: actor.id, sessionId: actor.sessionId });

describe("changing a plan", () => {
  it("previews the proration, applies it from today and bills it on the next statement", async () => {
    noonOct24();
    const { account, actor } = await household();
    const quote = await previewServiceChange(ctx, actor, { kind: "INTERNET", planId: plan("net-gig") });
    expect(quote.preview).toMatchObject({
      direction: "upgrade",
      effectiveOn: "2026-10-24",
      credit: { cents: 4129, days: 16 },
      charge: { cents: 3612, days: 16 },
      newMonthlyCents: 6999,
      newPromoEndsOn: "2027-10-24",
    });

    const result = await changeServicePlan(ctx, actor, requestOf(actor), { kind: "INTERNET", planId: plan("net-gig") });
    expect(result).toMatchObject({ repeated: false, effectiveOn: "2026-10-24" });
    const services = await getMyServices(ctx, actor);
    expect(services.services.find((s) => s.kind === "INTERNET")).toMatchObject({
      monthlyCents: 6999,
      regularCents: 9999,
      promoEndsOn: "2027-10-24",
    });

    ctx.setNow(new Date("2026-11-09T15:00:00Z"));
    const { statementId } = await generateStatement(
      ctx,
      account.id,
      { start: "2026-10-09", end: "2026-11-08" },
      { notify: false },
    );
    const lines = await db.statementLine.findMany({ where: { statementId, kind: "SERVICE", service: "INTERNET" } });
    const byPlan = Object.fromEntries(lines.map((line) => [line.code, line.amountCents]));
    expect(byPlan).toEqual({ [plan("net-fast")]: 7999 - 4129, [plan("net-gig")]: 3612 });
    const audit = await db.auditEvent.findFirst({ where: { accountId: account.id, action: "services.plan.changed" } });
    expect(audit?.details).toMatchObject({ netCents: 3612 - 4129, direction: "upgrade" });
  });

  it("takes effect on the calendar day at the service address", async () => {
    noonOct24();
    const { actor } = await household();
    // 23:30 in Sacramento is already the next day in UTC; the change is still dated the 24th.
    ctx.setNow(new Date("2026-10-25T06:30:00Z"));
    const quote = await previewServiceChange(ctx, actor, { kind: "INTERNET", planId: plan("net-gig") });
    expect(quote.preview.effectiveOn).toBe("2026-10-24");
    ctx.setNow(new Date("2026-10-25T07:30:00Z"));
    const next = await previewServiceChange(ctx, actor, { kind: "INTERNET", planId: plan("net-gig") });
    expect(next.preview.effectiveOn).toBe("2026-10-25");
    expect(next.preview.credit?.days).toBe(15);
  });

  it("says what a downgrade or removal takes away", async () => {
    noonOct24();
    const { actor } = await household();
    const downgrade = await previewServiceChange(ctx, actor, { kind: "TV", planId: plan("tv-small") });
    expect(downgrade.lost.channels).toEqual({ count: 1, examples: ["Channel B"] });
    expect(downgrade.lost.dvrHours).toEqual({ from: 200, to: 100 });
    const removal = await previewServiceChange(ctx, actor, { kind: "TV", planId: "none" });
    expect(removal.preview.direction).toBe("remove");
    expect(removal.lost.channels?.count).toBe(2);
    await changeServicePlan(ctx, actor, requestOf(actor), { kind: "TV", planId: "none" });
    const services = await getMyServices(ctx, actor);
    expect(services.services.map((s) => s.kind)).toEqual(["INTERNET"]);
  });

  it("treats a second identical submit as the same change, and a plan it already has as unchanged", async () => {
    noonOct24();
    const { account, actor } = await household();
    const change = { kind: "INTERNET" as const, planId: plan("net-basic") };
    const [first, second] = await Promise.all([
      changeServicePlan(ctx, actor, requestOf(actor), change),
      changeServicePlan(ctx, actor, requestOf(actor), change),
    ]);
    expect([first.repeated, second.repeated].sort()).toEqual([false, true]);
    expect(await db.subscription.count({ where: { accountId: account.id, planId: plan("net-basic") } })).toBe(1);
    await expect(previewServiceChange(ctx, actor, change)).rejects.toMatchObject({ code: "PLAN_UNCHANGED" });
  });

  it("is for the owner with a recent sign-in, and only for plans on offer of that kind", async () => {
    noonOct24();
    const { account, actor } = await household();
    const memberUser = await createUser(db, { email: `${unique("m")}@example.com`, name: "Mary" });
    await addMember(db, account.id, memberUser.id, "MEMBER");
    const member = householdActor(memberUser, account.id, "MEMBER", { stepUpAt: ctx.now() });
    const change = { kind: "INTERNET" as const, planId: plan("net-gig") };
    await expect(changeServicePlan(ctx, member, requestOf(member), change)).rejects.toMatchObject({
      code: "NOT_ALLOWED",
    });
    const stale = { ...actor, stepUpAt: new Date(ctx.now().getTime() - 11 * 60_000) };
    await expect(changeServicePlan(ctx, stale, requestOf(stale), change)).rejects.toBeInstanceOf(IdentityError);
    for (const planId of [plan("old"), plan("tv-small"), "no-such-plan"]) {
      await expect(previewServiceChange(ctx, actor, { kind: "INTERNET", planId })).rejects.toMatchObject({
        code: "PLAN_NOT_FOUND",
      });
    }
    await expect(changeServicePlan(ctx, actor, requestOf(actor), { kind: "INTERNET", planId: "none" })).rejects.toEqual(
      new ServicesError("SERVICE_REQUIRED"),
    );
    expect(await db.subscription.count({ where: { accountId: account.id, endedOn: { not: null } } })).toBe(0);
  });
});
