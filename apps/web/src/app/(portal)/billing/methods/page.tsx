import { listPaymentMethods } from "@homeport/core/billing/payment-methods";
import { cardValidOn } from "@homeport/core/billing/summary";
import { calendarDateAt } from "@homeport/core/billing/calendar";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { CreditCard } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { startHostedSetupAction } from "@/actions/billing";
import { billingErrors } from "@/lib/billing-errors";
import { requireUser } from "@/lib/session";
import { methodLabeller } from "../card-labels.ts";
import { MethodActions } from "./method-actions.tsx";

export const metadata = { title: "Payment methods" };

export default async function MethodsPage({ searchParams }: { searchParams: Promise<{ added?: string }> }) {
  const user = await requireUser("/billing/methods");
  if (!user.accountId) redirect("/billing");
  const ctx = coreContext();
  const [t, methods, autopay, label, errors, { added }] = await Promise.all([
    getTranslations("billing"),
    listPaymentMethods(ctx.db, user.accountId),
    ctx.db.autopayEnrollment.findUnique({ where: { accountId: user.accountId }, select: { paymentMethodId: true } }),
    methodLabeller(),
    billingErrors(),
    searchParams,
  ]);
  const today = calendarDateAt(ctx.now(), user.timeZone ?? ctx.profile.timeZone);
  const isOwner = user.membershipRole === "OWNER";
  const addButton = isOwner ? (
    ctx.payments.cardEntry === "on-site" ? (
      <Button asChild>
        <Link href="/billing/methods/new">{t("methods.add")}</Link>
      </Button>
    ) : (
      <form action={startHostedSetupAction}>
        <Button type="submit">{t("methods.add")}</Button>
      </form>
    )
  ) : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("methods.title")} description={t("methods.description")} actions={addButton} />
      {added ? <Alert variant="success">{t("methods.added")}</Alert> : null}
      {isOwner ? null : <Alert variant="info">{t("methods.ownerOnly")}</Alert>}
      {methods.length === 0 ? (
        <EmptyState icon={<CreditCard />} title={t("methods.empty")} headingLevel="h2" />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {methods.map((m) => {
            const expiry =
              m.expMonth && m.expYear ? `${String(m.expMonth).padStart(2, "0")}/${String(m.expYear).slice(-2)}` : null;
            const expired = !cardValidOn(m.expMonth, m.expYear, today);
            const name = label(m);
            return (
              <li key={m.id}>
                <Card>
                  <CardContent className="flex flex-col gap-3">
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <p className="font-medium">{name}</p>
                      <div className="flex gap-2">
                        {m.isDefault ? <Badge variant="info">{t("methods.default")}</Badge> : null}
                        {autopay?.paymentMethodId === m.id ? (
                          <Badge variant="success">{t("methods.usedByAutopay")}</Badge>
                        ) : null}
                        {expired ? <Badge variant="danger">{t("methods.expiredBadge")}</Badge> : null}
                      </div>
                    </div>
                    {expiry ? (
                      <p className="text-sm text-fg-muted">
                        {expired ? t("method.expired", { expiry }) : t("method.expires", { expiry })}
                      </p>
                    ) : null}
                    {isOwner ? (
                      <MethodActions
                        methodId={m.id}
                        isDefault={m.isDefault}
                        usedByAutopay={autopay?.paymentMethodId === m.id}
                        errors={errors}
                        labels={{
                          makeDefault: t("methods.makeDefault"),
                          makeDefaultFor: t("methods.makeDefaultFor", { name }),
                          remove: t("methods.remove"),
                          removeFor: t("methods.removeFor", { name }),
                          removeTitle: t("methods.removeTitle", { name }),
                          removeBody:
                            autopay?.paymentMethodId === m.id
                              ? t("methods.removeAutopayBody")
                              : t("methods.removeBody"),
                          confirm: t("methods.removeConfirm"),
                          cancel: t("methods.cancel"),
                        }}
                      />
                    ) : null}
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
