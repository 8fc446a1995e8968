import { randomUUID } from "node:crypto";
import { listPaymentMethods } from "@homeport/core/billing/payment-methods";
import { cardValidOn, getBillingSummary } from "@homeport/core/billing/summary";
import { DEMO_TEST_CARDS } from "@homeport/core/billing/gateways/demo";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingErrors } from "@/lib/billing-errors";
import { billingFormatter } from "@/lib/billing-format";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { cardFieldLabels, methodLabeller } from "../card-labels.ts";
import { PayForm } from "./pay-form.tsx";

export const metadata = { title: "Pay your bill" };

export default async function PayPage({ searchParams }: { searchParams: Promise<{ declined?: string }> }) {
  const user = await requireUser("/billing/pay");
  const t = await getTranslations("billing");
  // Staff have no household bill to pay; the overview says so.
  if (!user.accountId) redirect("/billing");
  const ctx = coreContext();
  const accountId = user.accountId;
  const [summary, methods, f, errors, cardLabels, label, { declined }] = await Promise.all([
    getBillingSummary(ctx.db, accountId, ctx.now(), ctx.profile.billing),
    listPaymentMethods(ctx.db, accountId),
    billingFormatter(),
    billingErrors(),
    cardFieldLabels(),
    methodLabeller(),
    searchParams,
  ]);
  const owed = summary.payableCents;
  const onSite = ctx.payments.cardEntry === "on-site";

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={t("pay.title")} description={t("pay.description")} />
      {declined ? <Alert variant="danger">{errors[`DECLINED_${declined}`] ?? errors.DECLINED_unknown}</Alert> : null}
      {!onSite && methods.length === 0 && owed > 0 ? (
        <Alert
          variant="info"
          action={
            <Button asChild size="sm" variant="secondary">
              <Link href="/billing/methods">{t("methods.add")}</Link>
            </Button>
          }
        >
          {t("pay.addCardFirst")}
        </Alert>
      ) : null}
      {owed <= 0 ? (
        <EmptyState
          icon={<CircleCheck />}
          title={summary.inFlightCents > 0 ? t("pay.inProgress") : t("pay.nothingDue")}
          description={summary.balanceCents < 0 ? t("summary.credit") : undefined}
          headingLevel="h2"
          action={
            <Link href="/billing/history" className="text-sm font-medium text-brand underline underline-offset-4">
              {t("overview.allPayments")}
            </Link>
          }
        />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{t("pay.owed", { amount: f.money(owed) })}</CardTitle>
            {summary.dueOn ? (
              <CardDescription>{t("summary.dueOn", { date: f.longDay(summary.dueOn) })}</CardDescription>
            ) : null}
          </CardHeader>
          <CardContent>
            <PayForm
              requestKey={randomUUID()}
              locale={f.locale}
              currency={brand().currency}
              balanceCents={owed}
              pastDueCents={Math.min(summary.pastDueCents, owed)}
              methods={methods.map((m) => {
                const valid = cardValidOn(m.expMonth, m.expYear, summary.today);
                const expiry =
                  m.expMonth && m.expYear
                    ? `${String(m.expMonth).padStart(2, "0")}/${String(m.expYear).slice(-2)}`
                    : null;
                return {
                  id: m.id,
                  label: label(m),
                  description: expiry
                    ? valid
                      ? t("method.expires", { expiry })
                      : t("method.expired", { expiry })
                    : "",
                  disabled: !valid,
                  isDefault: m.isDefault,
                };
              })}
              onSiteCards={onSite}
              canSaveCard={user.membershipRole === "OWNER"}
              labels={{
                amount: t("pay.amount"),
                balance: t("pay.balance"),
                pastDue: t("pay.pastDue"),
                other: t("pay.other"),
                otherAmount: t("pay.otherAmount"),
                otherHint: ctx.profile.billing.allowPrepay
                  ? t("pay.otherHintPrepay")
                  : t("pay.otherHint", { max: f.money(owed) }),
                method: t("pay.method"),
                newCard: t("pay.newCard"),
                saveCard: t("pay.saveCard"),
                saveCardHint: t("pay.saveCardHint"),
                pay: t("pay.submit"),
                payAmount: t("pay.submitAmount", { amount: "{amount}" }),
                paying: t("pay.submitting"),
                card: cardLabels,
              }}
              errors={errors}
            />
          </CardContent>
        </Card>
      )}
      {onSite ? (
        <details className="rounded-lg border border-border p-4 text-sm">
          <summary className="cursor-pointer font-medium">{t("demo.testCards")}</summary>
          <ul className="mt-2 flex flex-col gap-1 font-mono">
            {DEMO_TEST_CARDS.map((number) => (
              <li key={number}>
                {number.replace(/(\d{4})(?=\d)/g, "$1 ")} — {t(`demo.card.${number}` as "demo.card.4242424242424242")}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-fg-muted">{t("demo.anyExpiry")}</p>
        </details>
      ) : null}
    </div>
  );
}
