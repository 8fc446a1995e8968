import { arrangementOffer } from "@homeport/core/billing/arrangements";
import { listPayments } from "@homeport/core/billing/history";
import { getStatement } from "@homeport/core/billing/statements";
import { getBillingSummary } from "@homeport/core/billing/summary";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Receipt } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { buildStatementView } from "@/lib/statement-view";
import { requireUser } from "@/lib/session";
import { BillingSummaryCard } from "./billing-summary-card.tsx";
import { PaperlessForm } from "./paperless-form.tsx";
import { PaymentList } from "./payment-list.tsx";

export const metadata = { title: "Billing" };

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ paperless?: string }> }) {
  const user = await requireUser("/billing");
  const t = await getTranslations("billing");
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<Receipt />} title={t("noAccount")} />
      </div>
    );
  }
  const ctx = coreContext();
  const [summary, payments, f, flash] = await Promise.all([
    getBillingSummary(ctx.db, user.accountId, ctx.now(), ctx.profile.billing),
    listPayments(ctx.db, user.accountId, {}, { timeZone: user.timeZone ?? ctx.profile.timeZone, take: 5 }),
    billingFormatter(),
    searchParams,
  ]);
  const latest = summary.latestStatement
    ? buildStatementView(await getStatement(ctx.db, user.accountId, summary.latestStatement.id), t, f)
    : null;
  const offer = arrangementOffer(summary, ctx.profile.billing);
  const isOwner = user.membershipRole === "OWNER";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {flash.paperless === "on" || flash.paperless === "off" ? (
        <Alert variant="success">{t(`paperless.saved.${flash.paperless}`)}</Alert>
      ) : null}
      {flash.paperless === "denied" ? <Alert variant="warning">{t("ownerOnly")}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <BillingSummaryCard summary={summary} />
        {latest && summary.latestStatement ? (
          <Card>
            <CardHeader>
              <CardTitle>{latest.changes.title}</CardTitle>
              <CardDescription>{latest.title}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <p className="font-medium">{latest.changes.headline}</p>
              {latest.changes.items.length > 0 ? (
                <ul className="flex list-disc flex-col gap-1 ps-5 text-sm">
                  {latest.changes.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              ) : null}
              <Link
                href={`/billing/statements/${summary.latestStatement.id}`}
                className="text-sm font-medium text-brand underline underline-offset-4"
              >
                {t("overview.openStatement")}
              </Link>
            </CardContent>
          </Card>
        ) : (
          <EmptyState icon={<Receipt />} title={t("overview.noStatements")} headingLevel="h2" />
        )}
      </div>

      {offer.eligible && isOwner ? (
        <Alert
          variant="warning"
          title={t("overview.pastDueTitle")}
          action={
            <Button asChild variant="secondary" size="sm">
              <Link href="/billing/arrangement">{t("overview.arrange")}</Link>
            </Button>
          }
        >
          {t("overview.pastDueBody", { amount: f.money(summary.pastDueCents) })}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("overview.recentPayments")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <PaymentList payments={payments.rows} timeZone={summary.timeZone} compact />
            <Link href="/billing/history" className="text-sm font-medium text-brand underline underline-offset-4">
              {t("overview.allPayments")}
            </Link>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("paperless.title")}</CardTitle>
            <CardDescription>{summary.paperless ? t("paperless.onNow") : t("paperless.offNow")}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <p className="text-sm">{summary.paperless ? t("paperless.whatOffMeans") : t("paperless.whatOnMeans")}</p>
            {isOwner ? (
              <PaperlessForm
                paperless={summary.paperless}
                labels={{ turnOn: t("paperless.turnOn"), turnOff: t("paperless.turnOff") }}
              />
            ) : (
              <p className="text-sm text-fg-muted">{t("ownerOnly")}</p>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
