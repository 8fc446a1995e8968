import type { DbTx, ServiceKind } from "@homeport/db";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { calendarDateAt, cycleContaining, fromDbDate, toDbDate } from "../billing/calendar.ts";
import { householdRecipients, lockAccount } from "../billing/household-recipients.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireOwner, requireStepUp } from "../identity/actor.ts";
import { notifyUser } from "../notifications/notify-user.ts";
import {
  type CatalogPlan,
  newSubscriptionTerms,
  type PlanChangePreview,
  previewPlanChange,
  rateOn,
} from "./plan-change.ts";
import { ServicesError } from "./service-errors.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile">;

export const SERVICE_KINDS = ["INTERNET", "TV", "PHONE"] as const;
/** Services a subscriber may drop online; internet is the account itself and is ended by phone. */
export const REMOVABLE_SERVICES: readonly ServiceKind[] = ["TV", "PHONE"];

export const ZPlanChange = z.object({
  kind: z.enum(SERVICE_KINDS),
  /** A plan id of that kind, or "none" to remove the service. */
  planId: z.string().regex(/^([a-z0-9-]{1,64})$/),
});

export type PlanChangeRequest = z.infer<typeof ZPlanChange>;

export interface PlanFeature {
  key: string;
  values: Record<string, string | number>;
}

const PLAN_FIELDS = {
  id: true,
  kind: true,
  name: true,
  tier: true,
  monthlyCents: true,
  promoCents: true,
  promoMonths: true,
  features: true,
  dataCapGb: true,
  dvrHours: true,
  dvrStreams: true,
  _count: { select: { channels: true } },
} as const;

function requireAccount(actor: Pick<Actor, "accountId">): string {
  if (!actor.accountId) throw new ServicesError("NO_ACCOUNT");
  return actor.accountId;
}

async function accountToday(db: DbTx, accountId: string, now: Date) {
  const account = await db.serviceAccount.findUnique({
    where: { id: accountId },
    select: { timeZone: true, cycleDay: true },
  });
  if (!account) throw new ServicesError("NO_ACCOUNT");
  const today = calendarDateAt(now, account.timeZone);
  return { today, period: cycleContaining(today, account.cycleDay) };
}

function activeOn(day: string) {
  return { startedOn: { lte: toDbDate(day) }, OR: [{ endedOn: null }, { endedOn: { gt: toDbDate(day) } }] };
}

/** The plans a subscriber can choose from, by kind, cheapest tier first. */
export function listPlanCatalog(db: DbTx, kind?: ServiceKind) {
  return db.servicePlan.findMany({
    where: { active: true, ...(kind ? { kind } : {}) },
    orderBy: [{ kind: "asc" }, { tier: "asc" }],
    select: PLAN_FIELDS,
  });
}

export type CatalogEntry = Awaited<ReturnType<typeof listPlanCatalog>>[number];

/** The account's current services: plan, what it costs today, the promotion and when it ends. */
export async function getMyServices(ctx: Ctx, actor: Pick<Actor, "accountId">) {
  const accountId = requireAccount(actor);
  const { today } = await accountToday(ctx.db, accountId, ctx.now());
  const [subscriptions, equipment] = await Promise.all([
    ctx.db.subscription.findMany({
      where: { accountId, ...activeOn(today) },
      orderBy: { plan: { kind: "asc" } },
      select: {
        id: true,
        priceCents: true,
        promoCents: true,
        promoEndsOn: true,
        startedOn: true,
        plan: { select: PLAN_FIELDS },
      },
    }),
    ctx.db.equipment.count({ where: { accountId, returnedOn: null } }),
  ]);
  return {
    today,
    equipmentCount: equipment,
    services: subscriptions.map((s) => {
      const promoEndsOn = s.promoEndsOn ? fromDbDate(s.promoEndsOn) : null;
      const current = rateOn({ priceCents: s.priceCents, promoCents: s.promoCents, promoEndsOn }, today);
      return {
        subscriptionId: s.id,
        kind: s.plan.kind,
        plan: s.plan,
        monthlyCents: current,
        regularCents: s.priceCents,
        onPromotion: current !== s.priceCents && s.promoCents !== null,
        promoEndsOn: s.promoCents !== null && current === s.promoCents ? promoEndsOn : null,
        since: fromDbDate(s.startedOn),
        features: s.plan.features as unknown as PlanFeature[],
      };
    }),
  };
}

export type MyService = Awaited<ReturnType<typeof getMyServices>>["services"][number];

/** What a downgrade or removal takes away, in facts the page puts into words. */
export interface LostFeatures {
  channels: { count: number; examples: string[] } | null;
  dvrHours: { from: number; to: number } | null;
  speed: { fromDown: number; toDown: number } | null;
  /** Equipment that goes back when the service ends (TV receivers, phone adapters). */
  equipmentToReturn: number;
}

function speedOf(features: unknown): number | null {
  const speed = (features as PlanFeature[]).find((f) => f.key === "speed");
  return typeof speed?.values.down === "number" ? speed.values.down : null;
}

async function lostFeatures(db: DbTx, accountId: string, from: CatalogEntry, to: CatalogEntry | null) {
  const lost: LostFeatures = { channels: null, dvrHours: null, speed: null, equipmentToReturn: 0 };
  if (from.kind === "TV") {
    const where = to
      ? { plans: { some: { planId: from.id } }, NOT: { plans: { some: { planId: to.id } } } }
      : { plans: { some: { planId: from.id } } };
    const [count, examples] = await Promise.all([
      db.channel.count({ where }),
      db.channel.findMany({ where, orderBy: { number: "asc" }, take: 12, select: { name: true } }),
    ]);
    if (count > 0) lost.channels = { count, examples: examples.map((c) => c.name) };
    const toHours = to?.dvrHours ?? 0;
    if ((from.dvrHours ?? 0) > toHours) lost.dvrHours = { from: from.dvrHours ?? 0, to: toHours };
  }
  if (from.kind === "INTERNET" && to) {
    const fromDown = speedOf(from.features);
    const toDown = speedOf(to.features);
    if (fromDown !== null && toDown !== null && toDown < fromDown) lost.speed = { fromDown, toDown };
  }
  if (!to) {
    const kinds =
      from.kind === "TV" ? (["TV_RECEIVER"] as const) : from.kind === "PHONE" ? (["PHONE_ADAPTER"] as const) : [];
    if (kinds.length > 0) {
      lost.equipmentToReturn = await db.equipment.count({
        where: { accountId, returnedOn: null, kind: { in: [...kinds] } },
      });
    }
  }
  return lost;
}

export interface PlanChangeQuote {
  kind: ServiceKind;
  current: CatalogEntry | null;
  target: CatalogEntry | null;
  preview: PlanChangePreview;
  lost: LostFeatures;
}

async function quote(db: DbTx, accountId: string, now: Date, request: PlanChangeRequest): Promise<PlanChangeQuote> {
  const { today, period } = await accountToday(db, accountId, now);
  const [currentSubscription, target] = await Promise.all([
    db.subscription.findFirst({
      where: { accountId, plan: { kind: request.kind }, ...activeOn(today) },
      orderBy: { startedOn: "desc" },
      include: { plan: { select: PLAN_FIELDS } },
    }),
    request.planId === "none"
      ? null
      : db.servicePlan.findFirst({
          where: { id: request.planId, kind: request.kind, active: true },
          select: PLAN_FIELDS,
        }),
  ]);
  if (request.planId !== "none" && !target) throw new ServicesError("PLAN_NOT_FOUND");
  if (!target && !currentSubscription) throw new ServicesError("PLAN_UNCHANGED");
  if (!target && !REMOVABLE_SERVICES.includes(request.kind)) throw new ServicesError("SERVICE_REQUIRED");
  if (target && currentSubscription?.planId === target.id) throw new ServicesError("PLAN_UNCHANGED");
  const current = currentSubscription
    ? {
        id: currentSubscription.id,
        planId: currentSubscription.planId,
        planName: currentSubscription.plan.name,
        service: currentSubscription.plan.kind,
        priceCents: currentSubscription.priceCents,
        promoCents: currentSubscription.promoCents,
        promoEndsOn: currentSubscription.promoEndsOn ? fromDbDate(currentSubscription.promoEndsOn) : null,
        startedOn: fromDbDate(currentSubscription.startedOn),
        endedOn: null,
        tier: currentSubscription.plan.tier,
      }
    : null;
  const preview = previewPlanChange({ period, effectiveOn: today, current, target: target as CatalogPlan | null });
  const lost = currentSubscription
    ? await lostFeatures(db, accountId, currentSubscription.plan, target)
    : { channels: null, dvrHours: null, speed: null, equipmentToReturn: 0 };
  return { kind: request.kind, current: currentSubscription?.plan ?? null, target, preview, lost };
}

/** The proration preview shown before a change is confirmed. Anyone in the household may look. */
export async function previewServiceChange(ctx: Ctx, actor: Pick<Actor, "accountId">, request: PlanChangeRequest) {
  return quote(ctx.db, requireAccount(actor), ctx.now(), request);
}

/**
 * Changes (or adds, or removes) one service's plan from today. The owner confirms with a recent
 * sign-in. The account row is locked so two submits can't both end the same subscription; a second
 * identical submit finds the change already made and returns it.
 */
export async function changeServicePlan(ctx: Ctx, actor: Actor, request: RequestContext, input: PlanChangeRequest) {
  const accountId = requireOwner(actor);
  requireStepUp(actor, ctx.now());
  const result = await ctx.db.$transaction(async (tx) => {
    if (!(await lockAccount(tx, accountId))) throw new ServicesError("NO_ACCOUNT");
    let change: PlanChangeQuote;
    try {
      change = await quote(tx, accountId, ctx.now(), input);
    } catch (error) {
      if (error instanceof ServicesError && error.code === "PLAN_UNCHANGED") {
        const repeat = await repeatedChange(tx, accountId, input, ctx.now());
        if (repeat) return { ...repeat, repeated: true as const };
      }
      throw error;
    }
    const { preview } = change;
    const effective = toDbDate(preview.effectiveOn);
    let subscriptionId: string | null = null;
    if (change.current) {
      await tx.subscription.updateMany({
        where: { accountId, plan: { kind: input.kind }, endedOn: null },
        data: { endedOn: effective },
      });
    }
    if (change.target) {
      const terms = newSubscriptionTerms(change.target as CatalogPlan, preview.direction, preview.effectiveOn);
      const created = await tx.subscription.create({
        data: {
          accountId,
          planId: change.target.id,
          priceCents: terms.priceCents,
          promoCents: terms.promoCents,
          promoEndsOn: terms.promoEndsOn ? toDbDate(terms.promoEndsOn) : null,
          startedOn: effective,
        },
      });
      subscriptionId = created.id;
    }
    await recordAuditEvent(tx, request, {
      action: "services.plan.changed",
      outcome: "SUCCESS",
      accountId,
      target: change.target?.id ?? `none:${input.kind}`,
      details: {
        kind: input.kind,
        from: change.current?.id ?? null,
        to: change.target?.id ?? null,
        direction: preview.direction,
        effectiveOn: preview.effectiveOn,
        netCents: preview.netCents,
        newMonthlyCents: preview.newMonthlyCents,
      },
    });
    for (const user of await householdRecipients(tx, accountId)) {
      await notifyUser(tx, {
        userId: user.id,
        accountId,
        messageKey: change.target ? "services.plan_changed" : "services.service_removed",
        values: {
          plan: change.target?.name ?? change.current?.name ?? "",
          newMonthlyCents: preview.newMonthlyCents,
          effectiveOn: preview.effectiveOn,
        },
        href: "/services",
      });
    }
    return {
      repeated: false as const,
      kind: input.kind,
      planId: change.target?.id ?? null,
      subscriptionId,
      effectiveOn: preview.effectiveOn,
    };
  });
  return result;
}

/** A change to this plan made today already: the answer to a double submit. */
async function repeatedChange(tx: DbTx, accountId: string, input: PlanChangeRequest, now: Date) {
  const event = await tx.auditEvent.findFirst({
    where: {
      accountId,
      action: "services.plan.changed",
      target: input.planId === "none" ? `none:${input.kind}` : input.planId,
      occurredAt: { gte: new Date(now.getTime() - 10 * 60_000) },
    },
    orderBy: { occurredAt: "desc" },
    select: { details: true },
  });
  if (!event) return null;
  const details = event.details as { effectiveOn?: string };
  return {
    kind: input.kind,
    planId: input.planId === "none" ? null : input.planId,
    subscriptionId: null,
    effectiveOn: details.effectiveOn ?? "",
  };
}
