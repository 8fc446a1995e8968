import type { UsageView } from "@homeport/core/usage/get-usage";
import { gigabytes } from "@homeport/core/usage/meter";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { brand } from "@/lib/brand";

/** Used against the cap, days left and the forecast: on the usage page and the dashboard. */
export async function UsageMeterCard({ usage, compact = false }: { usage: UsageView; compact?: boolean }) {
  const [t, f] = await Promise.all([getTranslations("usage"), billingFormatter()]);
  const rules = brand().usage;
  const gb = (bytes: bigint) => f.number(gigabytes(bytes, rules), 1);
  const percent = usage.capBytes ? Number((usage.usedBytes * 1000n) / usage.capBytes) / 10 : null;
  const over = usage.overageNow.blocks > 0;
  return (
    <Card>
      <CardHeader>
        <CardTitle as={compact ? "h2" : "h2"}>{t("meter.title")}</CardTitle>
        <CardDescription>
          {t("meter.cycle", {
            from: f.day(usage.cycle.start),
            to: f.day(usage.cycle.end),
            days: usage.forecast.daysLeft,
          })}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <p className="text-2xl font-semibold tabular-nums">
          {usage.capGb === null
            ? t("meter.usedUnlimited", { used: gb(usage.usedBytes) })
            : t("meter.used", { used: gb(usage.usedBytes), cap: f.number(usage.capGb, 0) })}
        </p>
        {percent !== null ? (
          <div
            role="progressbar"
            aria-label={t("meter.progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.min(100, Math.round(percent))}
            aria-valuetext={t("meter.percent", { percent: f.number(percent, 1) })}
            className="h-3 w-full overflow-hidden rounded-full bg-fg/10"
          >
            <div
              className={over ? "h-full bg-danger" : percent >= 90 ? "h-full bg-warning" : "h-full bg-brand"}
              style={{ width: `${Math.min(100, percent)}%` }}
            />
          </div>
        ) : null}
        <p className="text-sm">
          {t("meter.forecast", { projected: gb(usage.forecast.projectedBytes), end: f.day(usage.cycle.end) })}{" "}
          <span className="text-fg-muted">
            {usage.forecast.basisDays > 0
              ? t("meter.basis", { average: gb(usage.forecast.averageBytes), days: usage.forecast.basisDays })
              : t("meter.noBasis")}
          </span>
        </p>
        {usage.overageNow.blocks > 0 ? (
          <p className="text-sm font-medium text-danger">
            {usage.overageNow.courtesy
              ? t("meter.overCourtesy", { blocks: usage.overageNow.blocks })
              : t("meter.overNow", { blocks: usage.overageNow.blocks, cost: f.money(usage.overageNow.chargeCents) })}
          </p>
        ) : usage.overageForecast.blocks > 0 ? (
          <p className="text-sm font-medium text-danger">
            {usage.overageForecast.courtesy
              ? t("meter.wouldGoOverCourtesy", { blocks: usage.overageForecast.blocks })
              : t("meter.wouldGoOver", {
                  blocks: usage.overageForecast.blocks,
                  cost: f.money(usage.overageForecast.chargeCents),
                  block: rules.overage.blockGb,
                  price: f.money(rules.overage.blockCents),
                })}
          </p>
        ) : usage.capGb !== null ? (
          <p className="text-sm text-success">{t("meter.onTrack")}</p>
        ) : null}
        {compact ? (
          <Link href="/usage" className="text-sm font-medium text-brand underline underline-offset-4">
            {t("meter.details")}
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
