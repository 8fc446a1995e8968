import { coreContext } from "@homeport/core/context";
import { previewServiceChange, ZPlanChange } from "@homeport/core/services/plans";
import { ServicesError } from "@homeport/core/services/service-errors";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { ConfirmChange } from "./confirm-change.tsx";

export const metadata = { title: "Change plan" };

const ERROR_KEYS = [
  "PLAN_NOT_FOUND",
  "PLAN_UNCHANGED",
  "SERVICE_REQUIRED",
  "NO_ACCOUNT",
  "NOT_ALLOWED",
  "generic",
] as const;

export default async function ChangePlanPage({
  searchParams,
}: {
  searchParams: Promise<{ kind?: string; plan?: string }>;
}) {
  const query = await searchParams;
  const user = await requireUser(`/services/change?kind=${query.kind ?? ""}&plan=${query.plan ?? ""}`);
  if (!user.accountId) redirect("/services");
  const [t, f] = await Promise.all([getTranslations("services"), billingFormatter()]);
  const errors = Object.fromEntries(ERROR_KEYS.map((key) => [key, t(`errors.${key}`)]));
  const parsed = ZPlanChange.safeParse({ kind: query.kind, planId: query.plan });

  let quote;
  let refusal: string | null = parsed.success ? null : "PLAN_NOT_FOUND";
  if (parsed.success) {
    try {
      quote = await previewServiceChange(coreContext(), user, parsed.data);
    } catch (error) {
      if (!(error instanceof ServicesError)) throw error;
      refusal = error.code;
    }
  }
  if (!quote || !parsed.success) {
    return (
      <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
        <PageHeader title={t("change.title")} />
        <Alert variant="danger" title={errors[refusal ?? "generic"]}>
          <Link href="/services/plans" className="font-medium underline underline-offset-4">
            {t("change.backToPlans")}
          </Link>
        </Alert>
      </div>
    );
  }

  const { preview, lost, current, target } = quote;
  const isOwner = user.membershipRole === "OWNER";
  const hasLoss = lost.channels || lost.dvrHours || lost.speed || lost.equipmentToReturn > 0 || preview.lostPromotion;
  const title = target
    ? current
      ? t("change.titleFromTo", { from: current.name, to: target.name })
      : t("change.titleAdd", { plan: target.name })
    : t("change.titleRemove", { plan: current?.name ?? "" });

  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={title} description={t("change.description", { date: f.longDay(preview.effectiveOn) })} />

      <Card>
        <CardHeader>
          <CardTitle>{t("change.bill.title")}</CardTitle>
          <CardDescription>{t("change.bill.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="flex flex-col divide-y divide-border">
            {preview.credit && current ? (
              <div className="flex flex-wrap justify-between gap-2 py-3">
                <dt>
                  <span className="font-medium">{t("change.bill.credit", { plan: current.name })}</span>
                  <span className="block text-sm text-fg-muted">
                    {t("change.bill.days", {
                      from: f.day(preview.credit.from),
                      to: f.day(preview.credit.to),
                      days: preview.credit.days,
                      cycleDays: preview.credit.cycleDays,
                    })}
                  </span>
                </dt>
                <dd className="font-medium tabular-nums">{f.money(-preview.credit.cents)}</dd>
              </div>
            ) : null}
            {preview.charge && target ? (
              <div className="flex flex-wrap justify-between gap-2 py-3">
                <dt>
                  <span className="font-medium">{t("change.bill.charge", { plan: target.name })}</span>
                  <span className="block text-sm text-fg-muted">
                    {t("change.bill.days", {
                      from: f.day(preview.charge.from),
                      to: f.day(preview.charge.to),
                      days: preview.charge.days,
                      cycleDays: preview.charge.cycleDays,
                    })}
                  </span>
                </dt>
                <dd className="font-medium tabular-nums">{f.money(preview.charge.cents)}</dd>
              </div>
            ) : null}
            <div className="flex flex-wrap justify-between gap-2 py-3">
              <dt className="font-semibold">
                {t("change.bill.net", { sign: preview.netCents < 0 ? "less" : "more" })}
              </dt>
              <dd className="font-semibold tabular-nums">{f.money(Math.abs(preview.netCents))}</dd>
            </div>
          </dl>
          <p className="mt-2 text-sm text-fg-muted">{t("change.bill.taxes")}</p>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("change.monthly.title")}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          <p>
            {t("change.monthly.from", { price: f.money(preview.currentMonthlyCents) })}{" "}
            <strong className="tabular-nums">
              {t("change.monthly.to", { price: f.money(preview.newMonthlyCents) })}
            </strong>
          </p>
          {preview.newPromoEndsOn ? (
            <p className="text-sm text-fg-muted">
              {t("change.monthly.promo", {
                date: f.longDay(preview.newPromoEndsOn),
                regular: f.money(preview.newRegularCents),
              })}
            </p>
          ) : null}
        </CardContent>
      </Card>

      {hasLoss ? (
        <Alert variant="warning" title={t("change.lost.title")}>
          <ul className="flex list-disc flex-col gap-1 ps-5">
            {preview.lostPromotion ? (
              <li>
                {t("change.lost.promotion", {
                  price: f.money(preview.lostPromotion.promoCents),
                  regular: f.money(preview.lostPromotion.regularCents),
                })}
              </li>
            ) : null}
            {lost.channels ? (
              <li>
                {t("change.lost.channels", { count: lost.channels.count, examples: lost.channels.examples.join(", ") })}
              </li>
            ) : null}
            {lost.dvrHours ? (
              <li>
                {lost.dvrHours.to === 0
                  ? t("change.lost.dvrAll", { hours: lost.dvrHours.from })
                  : t("change.lost.dvr", { from: lost.dvrHours.from, to: lost.dvrHours.to })}
              </li>
            ) : null}
            {lost.speed ? (
              <li>
                {t("change.lost.speed", {
                  from: f.number(lost.speed.fromDown, 0),
                  to: f.number(lost.speed.toDown, 0),
                })}
              </li>
            ) : null}
            {lost.equipmentToReturn > 0 ? (
              <li>{t("change.lost.equipment", { count: lost.equipmentToReturn })}</li>
            ) : null}
          </ul>
        </Alert>
      ) : null}

      {isOwner ? (
        <ConfirmChange
          kind={quote.kind}
          planId={parsed.data.planId}
          errors={errors}
          labels={{
            confirm: target ? t("change.confirm") : t("change.confirmRemove"),
            cancel: t("change.cancel"),
          }}
        />
      ) : (
        <Alert variant="info">{t("change.ownerOnly")}</Alert>
      )}
      <p className="text-sm text-fg-muted">{t("change.stepUp")}</p>
      {!isOwner ? (
        <Button asChild variant="ghost" className="self-start">
          <Link href="/services">{t("change.cancel")}</Link>
        </Button>
      ) : null}
    </div>
  );
}
