import { BillingError } from "@homeport/core/billing/errors";
import { getPayment } from "@homeport/core/billing/pay";
import { coreContext } from "@homeport/core/context";
import { ZId } from "@homeport/core/ids";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { authenticatePaymentAction } from "@/actions/billing";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Confirm your payment" };

/** The demo gateway's stand-in for a bank's 3-D Secure check. */
export default async function AuthenticatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/billing/payments/${id}/authenticate`);
  const paymentId = ZId.safeParse(id);
  const ctx = coreContext();
  if (!paymentId.success || !user.accountId || ctx.payments.kind !== "DEMO") notFound();
  const payment = await getPayment(ctx.db, user.accountId, paymentId.data).catch((error: unknown) => {
    if (error instanceof BillingError) notFound();
    throw error;
  });
  if (payment.status !== "REQUIRES_ACTION") redirect(`/billing/payments/${payment.id}`);
  const [t, f] = await Promise.all([getTranslations("billing.authenticate"), billingFormatter()]);
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6">
      <PageHeader title={t("title")} />
      <Card>
        <CardHeader>
          <CardTitle>{t("bank")}</CardTitle>
          <CardDescription>
            {t("body", { amount: f.money(payment.amountCents), last4: payment.methodLast4 })}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <form action={authenticatePaymentAction} className="flex flex-wrap gap-3">
            <input type="hidden" name="paymentId" value={payment.id} />
            <Button type="submit" name="decision" value="approve">
              {t("approve")}
            </Button>
            <Button type="submit" name="decision" value="decline" variant="secondary">
              {t("decline")}
            </Button>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
