import type { Db, DbTx, Prisma } from "@homeport/db";
import type { CoreContext } from "../context.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { notifyUserOnce } from "../notifications/notify-user.ts";
import {
  addDays,
  type BillingPeriod,
  type CalendarDate,
  calendarDateAt,
  cycleContaining,
  fromDbDate,
  toDbDate,
} from "./calendar.ts";
import { reads } from "./concurrent-reads.ts";
import { BillingError } from "./errors.ts";
import { type ExplainedLine, explainChanges } from "./explain.ts";
import { householdRecipients, lockAccount } from "./household-recipients.ts";
import { formatMessageDate, formatMoney } from "./money-format.ts";
import { sumCents } from "./money.ts";
import { assessUsageOverage } from "../usage/overage-charge.ts";
import { buildStatementLines, type LineDetails, newChargesCents, type PendingCharge } from "./statement-lines.ts";

/** Payments that have been received (a refund is charged back separately, so it still counts here). */
export const RECEIVED_STATUSES = ["SUCCEEDED", "REFUNDED"] as const;

export interface GeneratedStatement {
  statementId: string;
  created: boolean;
}

/**
 * Closes one billing cycle: prices every service, device and pending charge for the period,
 * credits the payments received since the last statement, and issues it. Running it again for
 * the same period returns the statement already issued.
 */
export async function generateStatement(
  ctx: Pick<CoreContext, "db" | "now" | "profile" | "transports" | "publicUrl">,
  accountId: string,
  period: BillingPeriod,
  options: { issuedAt?: Date; notify?: boolean } = {},
): Promise<GeneratedStatement> {
  const issuedAt = options.issuedAt ?? ctx.now();
  const rules = ctx.profile.billing;
  return ctx.db.$transaction(async (tx) => {
    if (!(await lockAccount(tx, accountId))) throw new BillingError("NO_ACCOUNT");
    const existing = await tx.statement.findUnique({
      where: { accountId_periodStart: { accountId, periodStart: toDbDate(period.start) } },
      select: { id: true },
    });
    if (existing) return { statementId: existing.id, created: false };

    const start = toDbDate(period.start);
    const endExclusive = toDbDate(addDays(period.end, 1));
    const [previous, subscriptions, equipment, charges, payments] = await reads(tx, [
      () =>
        tx.statement.findFirst({
          where: { accountId, periodStart: { lt: start } },
          orderBy: { periodStart: "desc" },
          select: { totalDueCents: true },
        }),
      () =>
        tx.subscription.findMany({
          where: { accountId, startedOn: { lt: endExclusive }, OR: [{ endedOn: null }, { endedOn: { gt: start } }] },
          include: { plan: { select: { name: true, kind: true } } },
        }),
      () =>
        tx.equipment.findMany({
          where: {
            accountId,
            installedOn: { lt: endExclusive },
            OR: [{ returnedOn: null }, { returnedOn: { gt: start } }],
          },
        }),
      () => tx.accountCharge.findMany({ where: { accountId, statementId: null, chargedOn: { lt: endExclusive } } }),
      () =>
        tx.payment.findMany({
          where: { accountId, statementId: null, status: { in: [...RECEIVED_STATUSES] } },
          select: { id: true, amountCents: true },
        }),
    ] as const);

    const lines = buildStatementLines(
      period,
      {
        subscriptions: subscriptions.map((s) => ({
          id: s.id,
          planId: s.planId,
          planName: s.plan.name,
          service: s.plan.kind,
          priceCents: s.priceCents,
          promoCents: s.promoCents,
          promoEndsOn: s.promoEndsOn ? fromDbDate(s.promoEndsOn) : null,
          startedOn: fromDbDate(s.startedOn),
          endedOn: s.endedOn ? fromDbDate(s.endedOn) : null,
        })),
        equipment: equipment.map((e) => ({
          id: e.id,
          kind: e.kind,
          model: e.model,
          monthlyFeeCents: e.monthlyFeeCents,
          installedOn: fromDbDate(e.installedOn),
          returnedOn: e.returnedOn ? fromDbDate(e.returnedOn) : null,
        })),
        charges: charges.map((c): PendingCharge => ({
          id: c.id,
          kind: c.kind as PendingCharge["kind"],
          code: c.code,
          amountCents: c.amountCents,
          chargedOn: fromDbDate(c.chargedOn),
          values: c.values as Record<string, string | number>,
        })),
      },
      rules,
    );
    const previousBalanceCents = previous?.totalDueCents ?? 0;
    const paymentsCents = sumCents(payments.map((p) => p.amountCents));
    const newCharges = newChargesCents(lines);
    const dueOn = addDays(period.end, 1 + rules.dueDays);
    const statement = await tx.statement.create({
      data: {
        accountId,
        periodStart: start,
        periodEnd: toDbDate(period.end),
        issuedAt,
        dueOn: toDbDate(dueOn),
        previousBalanceCents,
        paymentsCents,
        newChargesCents: newCharges,
        totalDueCents: previousBalanceCents - paymentsCents + newCharges,
        lines: {
          create: lines.map((line, position) => ({
            position,
            kind: line.kind,
            service: line.service,
            code: line.code,
            name: line.name,
            amountCents: line.amountCents,
            details: line.details as Prisma.InputJsonObject,
          })),
        },
      },
      select: { id: true, totalDueCents: true },
    });
    if (charges.length > 0) {
      await tx.accountCharge.updateMany({
        where: { id: { in: charges.map((c) => c.id) } },
        data: { statementId: statement.id },
      });
    }
    if (payments.length > 0) {
      await tx.payment.updateMany({
        where: { id: { in: payments.map((p) => p.id) } },
        data: { statementId: statement.id },
      });
    }

    if (options.notify !== false) {
      for (const user of await householdRecipients(tx, accountId)) {
        await notifyUserOnce(tx, {
          userId: user.id,
          accountId,
          messageKey: "billing.statement_ready",
          values: { amountCents: statement.totalDueCents, dueOn },
          href: `/billing/statements/${statement.id}`,
          dedupeKey: `statement-ready:${statement.id}:${user.id}`,
        });
        if (user.memberships[0]?.role === "OWNER") {
          await sendTemplatedEmail(ctx, tx, user, "bill_ready", {
            name: user.name,
            amount: formatMoney(statement.totalDueCents, user.locale, ctx.profile.currency),
            due: formatMessageDate(dueOn, user.locale),
            url: `${ctx.publicUrl}/billing/statements/${statement.id}`,
          });
        }
      }
    }
    return { statementId: statement.id, created: true };
  });
}

/** The cycle that closed most recently as of today at the account's address. */
export function lastClosedPeriod(today: CalendarDate, cycleDay: number): BillingPeriod {
  const current = cycleContaining(today, cycleDay);
  return cycleContaining(addDays(current.start, -1), cycleDay);
}

/** Local hour on the day after a cycle closes from which its statement is issued. */
export const STATEMENT_HOUR = 6;

/** The periodic job: issues every statement whose cycle has closed. Safe to run any number of times. */
export async function generateDueStatements(ctx: Parameters<typeof generateStatement>[0]) {
  const accounts = await ctx.db.serviceAccount.findMany({
    where: { status: { not: "CLOSED" }, subscriptions: { some: {} } },
    select: { id: true, cycleDay: true, timeZone: true },
  });
  let created = 0;
  for (const account of accounts) {
    const period = lastClosedPeriod(calendarDateAt(ctx.now(), account.timeZone), account.cycleDay);
    const hadService = await ctx.db.subscription.count({
      where: {
        accountId: account.id,
        startedOn: { lte: toDbDate(period.end) },
        OR: [{ endedOn: null }, { endedOn: { gt: toDbDate(period.start) } }],
      },
    });
    if (hadService === 0) continue;
    // The network's feed for a day arrives after midnight: a cycle is billed from 06:00 the next day.
    const localHour = Number(
      new Intl.DateTimeFormat("en-US", { hour: "numeric", hourCycle: "h23", timeZone: account.timeZone }).format(
        ctx.now(),
      ),
    );
    if (calendarDateAt(ctx.now(), account.timeZone) === addDays(period.end, 1) && localHour < STATEMENT_HOUR) continue;
    await assessUsageOverage(ctx.db, account.id, period, ctx.profile.usage);
    const result = await generateStatement(ctx, account.id, period);
    if (result.created) created += 1;
  }
  return { created };
}

export async function listStatements(db: DbTx, accountId: string, options: { take?: number } = {}) {
  return db.statement.findMany({
    where: { accountId },
    orderBy: { periodStart: "desc" },
    take: options.take ?? 24,
    select: {
      id: true,
      periodStart: true,
      periodEnd: true,
      issuedAt: true,
      dueOn: true,
      totalDueCents: true,
      newChargesCents: true,
    },
  });
}

function toExplained(line: {
  kind: ExplainedLine["kind"];
  service: ExplainedLine["service"];
  code: string;
  name: string | null;
  amountCents: number;
  details: Prisma.JsonValue;
}): ExplainedLine {
  return { ...line, details: line.details as LineDetails };
}

/** One statement with its lines and what changed since the one before, scoped to the account. */
export async function getStatement(db: Db | DbTx, accountId: string, statementId: string) {
  const statement = await db.statement.findFirst({
    where: { id: statementId, accountId },
    include: { lines: { orderBy: { position: "asc" } } },
  });
  if (!statement) throw new BillingError("STATEMENT_NOT_FOUND");
  const previous = await db.statement.findFirst({
    where: { accountId, periodStart: { lt: statement.periodStart } },
    orderBy: { periodStart: "desc" },
    include: { lines: { orderBy: { position: "asc" } } },
  });
  const lines = statement.lines.map(toExplained);
  return {
    statement: {
      ...statement,
      lines,
      periodStart: fromDbDate(statement.periodStart),
      periodEnd: fromDbDate(statement.periodEnd),
      dueOn: fromDbDate(statement.dueOn),
    },
    previousId: previous?.id ?? null,
    explanation: explainChanges(previous ? previous.lines.map(toExplained) : null, lines),
  };
}
