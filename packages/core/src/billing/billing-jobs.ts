import type { CoreContext } from "../context.ts";
import { notifyUserOnce } from "../notifications/notify-user.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { resolveArrangement } from "./arrangements.ts";
import { runAutopay } from "./autopay.ts";
import { addDays, daysBetween, toDbDate } from "./calendar.ts";
import { householdRecipients } from "./household-recipients.ts";
import { reconcilePendingPayments } from "./reconcile.ts";
import { formatMessageDate, formatMoney } from "./money-format.ts";
import { generateDueStatements } from "./statements.ts";
import { cardValidOn, getBillingSummary } from "./summary.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "payments" | "profile" | "publicUrl" | "transports">;

/**
 * A late fee once per statement left unpaid past its due date plus the grace period, unless a
 * payment arrangement covers it. The fee's source key is the statement, so it is charged once.
 */
export async function assessLateFees(ctx: Ctx) {
  const { lateFee } = ctx.profile.billing;
  const accounts = await ctx.db.serviceAccount.findMany({
    where: { statements: { some: {} }, status: { not: "CLOSED" } },
    select: { id: true },
  });
  let charged = 0;
  for (const { id: accountId } of accounts) {
    const summary = await getBillingSummary(ctx.db, accountId, ctx.now(), ctx.profile.billing);
    const statement = summary.latestStatement;
    if (!statement || summary.arrangement || lateFee.amountCents === 0) continue;
    if (daysBetween(statement.dueOn, summary.today) <= lateFee.graceDays || summary.balanceCents <= 0) continue;
    const { count } = await ctx.db.accountCharge.createMany({
      data: [
        {
          accountId,
          kind: "FEE",
          code: "late-fee",
          amountCents: lateFee.amountCents,
          chargedOn: toDbDate(summary.today),
          values: { dueOn: statement.dueOn },
          sourceKey: `late-fee:${statement.id}`,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) continue;
    charged += 1;
    for (const user of await householdRecipients(ctx.db, accountId)) {
      await notifyUserOnce(ctx.db, {
        userId: user.id,
        accountId,
        messageKey: "billing.late_fee",
        values: { amountCents: lateFee.amountCents },
        href: "/billing",
        dedupeKey: `late-fee:${statement.id}:${user.id}`,
      });
    }
  }
  return { charged };
}

/** "Due in 3 days" for bills nobody has set to pay, and "card expiring" for the method autopay uses. */
export async function sendBillingReminders(ctx: Ctx) {
  const accounts = await ctx.db.serviceAccount.findMany({
    where: { statements: { some: {} }, status: { not: "CLOSED" } },
    select: { id: true },
  });
  let sent = 0;
  for (const { id: accountId } of accounts) {
    const summary = await getBillingSummary(ctx.db, accountId, ctx.now(), ctx.profile.billing);
    const statement = summary.latestStatement;
    const recipients = await householdRecipients(ctx.db, accountId);
    if (statement && summary.payableCents > 0 && !summary.autopay?.nextDraft) {
      const daysLeft = daysBetween(summary.today, statement.dueOn);
      if (daysLeft >= 0 && daysLeft <= 3) {
        for (const user of recipients) {
          const created = await notifyUserOnce(ctx.db, {
            userId: user.id,
            accountId,
            messageKey: "billing.due_soon",
            values: { amountCents: summary.balanceCents, dueOn: statement.dueOn },
            href: "/billing/pay",
            dedupeKey: `due-soon:${statement.id}:${user.id}`,
          });
          if (created && user.memberships[0]?.role === "OWNER") {
            await sendTemplatedEmail(ctx, ctx.db, user, "bill_due_soon", {
              name: user.name,
              amount: formatMoney(summary.balanceCents, user.locale, ctx.profile.currency),
              due: formatMessageDate(statement.dueOn, user.locale),
              url: `${ctx.publicUrl}/billing/pay`,
            });
          }
          if (created) sent += 1;
        }
      }
    }
    const method = summary.autopay?.method;
    const nextMonth = addDays(summary.today, 31);
    if (
      method &&
      cardValidOn(method.expMonth, method.expYear, summary.today) &&
      !cardValidOn(method.expMonth, method.expYear, nextMonth)
    ) {
      for (const user of recipients) {
        const created = await notifyUserOnce(ctx.db, {
          userId: user.id,
          accountId,
          messageKey: "billing.card_expiring",
          values: { brand: method.brand, last4: method.last4 },
          href: "/billing/methods",
          dedupeKey: `card-expiring:${method.id}:${user.id}`,
        });
        if (created && user.memberships[0]?.role === "OWNER") {
          await sendTemplatedEmail(ctx, ctx.db, user, "card_expiring", {
            name: user.name,
            card: `${method.brand} •••• ${method.last4}`,
            url: `${ctx.publicUrl}/billing/methods`,
          });
        }
        if (created) sent += 1;
      }
    }
  }
  return { sent };
}

export async function resolveArrangements(ctx: Ctx) {
  const active = await ctx.db.paymentArrangement.findMany({ where: { status: "ACTIVE" }, select: { accountId: true } });
  let resolved = 0;
  for (const { accountId } of active) {
    if (await ctx.db.$transaction((tx) => resolveArrangement(ctx, tx, accountId))) resolved += 1;
  }
  return { resolved };
}

/** The billing day, in the order a bill lives it. Every step is idempotent, so the job runs hourly. */
export async function runBillingCycle(ctx: Ctx) {
  const pending = await reconcilePendingPayments(ctx);
  const statements = await generateDueStatements(ctx);
  const autopay = await runAutopay(ctx);
  const arrangements = await resolveArrangements(ctx);
  const lateFees = await assessLateFees(ctx);
  const reminders = await sendBillingReminders(ctx);
  return {
    pendingRetried: pending.retried,
    pendingSettled: pending.settled,
    pendingClosed: pending.closed,
    statements: statements.created,
    ...autopay,
    ...arrangements,
    lateFees: lateFees.charged,
    reminders: reminders.sent,
  };
}
