import { BillingError } from "@homeport/core/billing/errors";
import { getPayment } from "@homeport/core/billing/pay";
import { coreContext } from "@homeport/core/context";
import { ZId } from "@homeport/core/ids";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingErrors } from "@/lib/billing-errors";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { methodLabeller } from "../../card-labels.ts";

export const metadata = { title: "Payment receipt" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/billing/payments/${id}`);
  const paymentId = ZId.safeParse(id);
  if (!paymentId.success || !user.accountId) notFound();
  const ctx = coreContext();
  const payment = await getPayment(ctx.db, user.accountId, paymentId.data).catch((error: unknown) => {
    if (error instanceof BillingError) notFound();
    throw error;
  });
  const [t, f, errors, label] = await Promise.all([
    getTranslations("billing"),
    billingFormatter(),
    billingErrors(),
    methodLabeller(),
  ]);
  const timeZone = user.timeZone ?? ctx.profile.timeZone;
  const succeeded = payment.status === "SUCCEEDED";

  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6">
      <PageHeader title={succeeded ? t("receipt.thanks") : t("receipt.title")} />
      {payment.status === "PENDING" ? <Alert variant="info">{t("receipt.pending")}</Alert> : null}
      {payment.status === "FAILED" ? (
        <Alert variant="danger">{errors[`DECLINED_${payment.failureCode}`] ?? errors.DECLINED_unknown}</Alert>
      ) : null}
      {payment.status === "REQUIRES_ACTION" ? (
        <Alert
          variant="warning"
          action={
            payment.gateway === "DEMO" ? (
              <Button asChild size="sm">
                <Link href={`/billing/payments/${payment.id}/authenticate`}>{t("receipt.authenticate")}</Link>
              </Button>
            ) : undefined
          }
        >
          {t("receipt.requiresAction")}
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("receipt.details")}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="flex flex-col divide-y divide-border">
            <Row
              label={t("receipt.amount")}
              value={<span className="text-xl font-semibold tabular-nums">{f.money(payment.amountCents)}</span>}
            />
            <Row
              label={t("receipt.status")}
              value={
                <Badge variant={succeeded ? "success" : payment.status === "FAILED" ? "danger" : "info"}>
                  {t(`status.${payment.status}`)}
                </Badge>
              }
            />
            <Row label={t("receipt.number")} value={<span className="font-mono">{payment.receiptNumber}</span>} />
            <Row
              label={t("receipt.method")}
              value={label({ brand: payment.methodBrand, last4: payment.methodLast4 })}
            />
            <Row label={t("receipt.date")} value={f.instant(payment.settledAt ?? payment.createdAt, timeZone)} />
            <Row label={t("receipt.source")} value={t(`source.${payment.source}`)} />
          </dl>
        </CardContent>
      </Card>
      <div className="flex flex-wrap gap-3">
        <Button asChild variant="secondary">
          <Link href="/billing">{t("receipt.backToBilling")}</Link>
        </Button>
        <Button asChild variant="ghost">
          <Link href="/billing/history">{t("overview.allPayments")}</Link>
        </Button>
      </div>
    </div>
  );
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 py-2">
      <dt className="text-fg-muted">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
