import type { BillingSummary } from "@homeport/core/billing/summary";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";

/** Balance, due date, past due and autopay at a glance: on the billing overview and the dashboard. */
export async function BillingSummaryCard({
  summary,
  headingLevel = "h2",
}: {
  summary: BillingSummary;
  headingLevel?: "h2" | "h3";
}) {
  const [t, f] = await Promise.all([getTranslations("billing.summary"), billingFormatter()]);
  const owed = summary.payableCents;
  return (
    <Card>
      <CardHeader>
        <CardTitle as={headingLevel}>{t("title")}</CardTitle>
        {summary.dueOn && owed > 0 ? (
          <CardDescription>{t("dueOn", { date: f.longDay(summary.dueOn) })}</CardDescription>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <dl className="grid gap-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm text-fg-muted">{t("balance")}</dt>
            <dd className="text-3xl font-semibold tabular-nums">{f.money(summary.balanceCents)}</dd>
            {summary.balanceCents < 0 ? <dd className="text-sm text-fg-muted">{t("credit")}</dd> : null}
            {summary.inFlightCents > 0 ? (
              <dd className="text-sm text-fg-muted">{t("processing", { amount: f.money(summary.inFlightCents) })}</dd>
            ) : null}
          </div>
          <div>
            <dt className="text-sm text-fg-muted">{t("pastDue")}</dt>
            <dd className="flex items-center gap-2">
              <span className="text-lg font-medium tabular-nums">{f.money(summary.pastDueCents)}</span>
              {summary.pastDueCents > 0 ? <Badge variant="danger">{t("pastDueBadge")}</Badge> : null}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-fg-muted">{t("autopay")}</dt>
            <dd>
              {summary.autopay ? (
                <span className="flex flex-wrap items-center gap-2">
                  <Badge variant="success">{t("autopayOn")}</Badge>
                  <span className="text-sm">
                    {summary.autopay.nextDraft
                      ? t("nextDraft", {
                          date: f.day(summary.autopay.nextDraft.on),
                          amount: f.money(summary.autopay.nextDraft.amountCents),
                          last4: summary.autopay.method.last4,
                        })
                      : summary.autopay.startsNextBill
                        ? t("startsNextBill")
                        : t("nothingToDraft", { last4: summary.autopay.method.last4 })}
                  </span>
                </span>
              ) : (
                <Badge variant="neutral">{t("autopayOff")}</Badge>
              )}
            </dd>
          </div>
        </dl>
        {summary.arrangement ? (
          <p className="text-sm">
            {t("arrangement", {
              amount: f.money(summary.arrangement.amountCents),
              date: f.day(summary.arrangement.payBy),
            })}
          </p>
        ) : null}
        {summary.pendingChargesCents !== 0 ? (
          <p className="text-sm text-fg-muted">
            {t("pendingCharges", { amount: f.money(summary.pendingChargesCents) })}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          {owed > 0 ? (
            <Button asChild>
              <Link href="/billing/pay">{t("payNow")}</Link>
            </Button>
          ) : null}
          {summary.latestStatement ? (
            <Button asChild variant="secondary">
              <Link href={`/billing/statements/${summary.latestStatement.id}`}>{t("viewStatement")}</Link>
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
