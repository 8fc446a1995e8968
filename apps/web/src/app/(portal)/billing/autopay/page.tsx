import { listPaymentMethods } from "@homeport/core/billing/payment-methods";
import { cardValidOn, getBillingSummary } from "@homeport/core/billing/summary";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingErrors } from "@/lib/billing-errors";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { methodLabeller } from "../card-labels.ts";
import { AutopayForms } from "./autopay-forms.tsx";

export const metadata = { title: "Autopay" };

export default async function AutopayPage({ searchParams }: { searchParams: Promise<{ added?: string }> }) {
  const user = await requireUser("/billing/autopay");
  if (!user.accountId) redirect("/billing");
  const ctx = coreContext();
  const [t, f, summary, methods, label, errors, { added }] = await Promise.all([
    getTranslations("billing.autopay"),
    billingFormatter(),
    getBillingSummary(ctx.db, user.accountId, ctx.now(), ctx.profile.billing),
    listPaymentMethods(ctx.db, user.accountId),
    methodLabeller(),
    billingErrors(),
    searchParams,
  ]);
  const autopay = summary.autopay;
  const draft = autopay?.nextDraft;
  const isOwner = user.membershipRole === "OWNER";
  const cutoffDays = ctx.profile.billing.autopay.changeCutoffBusinessDays;
  const upcoming = summary.upcomingDraft;
  const usable = methods.filter((m) => cardValidOn(m.expMonth, m.expYear, summary.today));

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { days: cutoffDays })} />
      {added ? <Alert variant="success">{t("cardAdded")}</Alert> : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <span className="flex items-center gap-2">
              {t("status")}
              <Badge variant={autopay ? "success" : "neutral"}>{autopay ? t("on") : t("off")}</Badge>
            </span>
          </CardTitle>
          {autopay ? (
            <CardDescription>{t("usingMethod", { method: label(autopay.method) })}</CardDescription>
          ) : (
            <CardDescription>{t("offBody")}</CardDescription>
          )}
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {draft ? (
            <dl className="grid gap-3 sm:grid-cols-3">
              <div>
                <dt className="text-sm text-fg-muted">{t("nextDraftDate")}</dt>
                <dd className="font-medium">{f.longDay(draft.on)}</dd>
              </div>
              <div>
                <dt className="text-sm text-fg-muted">{t("nextDraftAmount")}</dt>
                <dd className="font-medium tabular-nums">{f.money(draft.amountCents)}</dd>
              </div>
              <div>
                <dt className="text-sm text-fg-muted">{t("cutoff")}</dt>
                <dd className="font-medium">{f.longDay(draft.changeCutoff)}</dd>
              </div>
            </dl>
          ) : autopay?.startsNextBill ? (
            <Alert variant="warning">
              {t("startsNextBill", { date: summary.dueOn ? f.longDay(summary.dueOn) : "" })}
            </Alert>
          ) : autopay ? (
            <p className="text-sm text-fg-muted">{t("nothingDue")}</p>
          ) : null}
          {draft?.methodExpiresFirst ? (
            <Alert variant="warning" title={t("expiresFirstTitle")}>
              {t("expiresFirstBody", { date: f.longDay(draft.on) })}
            </Alert>
          ) : null}
          {!autopay && upcoming && summary.balanceCents > 0 ? (
            <p className="text-sm text-fg-muted">
              {upcoming.cutoffPassed
                ? t("afterCutoff", { due: f.longDay(upcoming.dueOn) })
                : t("beforeCutoff", { due: f.longDay(upcoming.dueOn), cutoff: f.longDay(upcoming.changeCutoff) })}
            </p>
          ) : null}
          {isOwner ? (
            <AutopayForms
              enrolled={!!autopay}
              currentMethodId={autopay?.method.id ?? null}
              methods={usable.map((m) => ({ id: m.id, label: label(m), isDefault: m.isDefault }))}
              errors={errors}
              labels={{
                method: t("chooseMethod"),
                enroll: t("enroll"),
                change: t("change"),
                cancel: t("cancel"),
                cancelTitle: t("cancelTitle"),
                cancelBody: t("cancelBody"),
                cancelConfirm: t("cancelConfirm"),
                keep: t("keep"),
                saved: t("saved"),
                cancelled: t("cancelled"),
                noMethods: t("noMethods"),
              }}
            />
          ) : (
            <p className="text-sm text-fg-muted">{t("ownerOnly")}</p>
          )}
          {isOwner ? (
            <Link
              href="/billing/methods/new?for=autopay"
              className="self-start text-sm font-medium text-brand underline underline-offset-4"
            >
              {t("addCard")}
            </Link>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
