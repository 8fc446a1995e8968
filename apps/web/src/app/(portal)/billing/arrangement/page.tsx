import { arrangementOffer } from "@homeport/core/billing/arrangements";
import { getBillingSummary } from "@homeport/core/billing/summary";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { CalendarCheck } from "lucide-react";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingErrors } from "@/lib/billing-errors";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { ArrangementForm, CancelArrangement } from "./arrangement-form.tsx";

export const metadata = { title: "Payment arrangement" };

export default async function ArrangementPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  const user = await requireUser("/billing/arrangement");
  if (!user.accountId) redirect("/billing");
  const ctx = coreContext();
  const [t, f, summary, errors, { created }] = await Promise.all([
    getTranslations("billing.arrangement"),
    billingFormatter(),
    getBillingSummary(ctx.db, user.accountId, ctx.now(), ctx.profile.billing),
    billingErrors(),
    searchParams,
  ]);
  const offer = arrangementOffer(summary, ctx.profile.billing);
  const isOwner = user.membershipRole === "OWNER";
  const lateFee = f.money(ctx.profile.billing.lateFee.amountCents);

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {created ? <Alert variant="success">{t("created")}</Alert> : null}
      {summary.arrangement ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("activeTitle")}</CardTitle>
            <CardDescription>
              {t("activeBody", {
                amount: f.money(summary.arrangement.amountCents),
                date: f.longDay(summary.arrangement.payBy),
              })}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <p className="text-sm">{t("activeHint")}</p>
            {isOwner ? (
              <CancelArrangement
                errors={errors}
                labels={{
                  cancel: t("cancel"),
                  title: t("cancelTitle"),
                  body: t("cancelBody", { fee: lateFee }),
                  confirm: t("cancelConfirm"),
                  keep: t("keep"),
                  cancelled: t("cancelled"),
                }}
              />
            ) : null}
          </CardContent>
        </Card>
      ) : !offer.eligible ? (
        <EmptyState
          icon={<CalendarCheck />}
          headingLevel="h2"
          title={
            offer.reason === "BELOW_MINIMUM"
              ? t("belowMinimum", { amount: f.money(ctx.profile.billing.arrangement.minPastDueCents) })
              : t("notNeeded")
          }
        />
      ) : !isOwner ? (
        <Alert variant="info">{t("ownerOnly")}</Alert>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{t("offerTitle", { amount: f.money(offer.amountCents) })}</CardTitle>
            <CardDescription>{t("offerBody", { latest: f.longDay(offer.latest) })}</CardDescription>
          </CardHeader>
          <CardContent>
            <ArrangementForm
              earliest={offer.earliest}
              latest={offer.latest}
              errors={errors}
              labels={{
                date: t("date"),
                dateHint: t("dateHint", { earliest: f.day(offer.earliest), latest: f.day(offer.latest) }),
                termsTitle: t("termsTitle"),
                terms: [
                  t("terms.amount", { amount: f.money(offer.amountCents) }),
                  t("terms.lateFees", { fee: lateFee }),
                  t("terms.newBills"),
                  t("terms.broken"),
                  t("terms.howToPay"),
                ],
                agree: t("agree"),
                submit: t("submit"),
              }}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
