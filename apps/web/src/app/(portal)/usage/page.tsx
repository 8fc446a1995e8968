import { coreContext } from "@homeport/core/context";
import { alertSettings } from "@homeport/core/usage/alerts";
import { getUsage } from "@homeport/core/usage/get-usage";
import { gigabytes, total } from "@homeport/core/usage/meter";
import { BarChart } from "@homeport/ui/bar-chart";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Download, Gauge } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { AlertSettingsForm } from "./alert-settings-form.tsx";
import { UsageMeterCard } from "./usage-meter-card.tsx";

export const metadata = { title: "Data usage" };

const SERIES_CLASSES = ["fill-brand", "fill-brand/40"];

export default async function UsagePage() {
  const user = await requireUser("/usage");
  const [t, f] = await Promise.all([getTranslations("usage"), billingFormatter()]);
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<Gauge />} title={t("noAccount")} />
      </div>
    );
  }
  const ctx = coreContext();
  const [usage, settings, account] = await Promise.all([
    getUsage(ctx.db, user.accountId, ctx.now(), ctx.profile.usage),
    alertSettings(ctx, user.accountId),
    ctx.db.serviceAccount.findUniqueOrThrow({ where: { id: user.accountId }, select: { phoneOnFile: true } }),
  ]);
  const rules = brand().usage;
  const gb = (bytes: bigint) => gigabytes(bytes, rules);
  const fmt = (bytes: bigint) => f.number(gb(bytes), 1);
  const series = [
    { name: t("download"), className: SERIES_CLASSES[0] as string },
    { name: t("upload"), className: SERIES_CLASSES[1] as string },
  ];
  const cycleTotal = usage.usedBytes === 0n ? 1n : usage.usedBytes;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description", {
          unit: rules.gigabyteBytes === 1_000_000_000 ? t("unitDecimal") : t("unitBinary"),
        })}
        actions={
          <Button asChild variant="secondary">
            <a href="/usage/export">
              <Download aria-hidden="true" />
              {t("export")}
            </a>
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_3fr] [&>*]:min-w-0">
        <UsageMeterCard usage={usage} />
        <Card>
          <CardHeader>
            <CardTitle>{t("daily.title")}</CardTitle>
            <CardDescription>{t("daily.description")}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {usage.daily.length === 0 ? (
              <p className="text-sm text-fg-muted">{t("daily.empty")}</p>
            ) : (
              <>
                <BarChart
                  title={t("daily.chartTitle")}
                  series={series}
                  labelEvery={Math.ceil(usage.daily.length / 10)}
                  data={usage.daily.map((d) => ({
                    label: String(Number(d.day.slice(8))),
                    values: [gb(d.down), gb(d.up)],
                  }))}
                />
                <details>
                  <summary className="cursor-pointer text-sm font-medium">{t("showTable")}</summary>
                  <Table regionLabel={t("daily.title")} containerClassName="mt-2">
                    <TableHeader>
                      <TableRow>
                        <TableHead>{t("day")}</TableHead>
                        <TableHead className="text-end">{t("downloadGb")}</TableHead>
                        <TableHead className="text-end">{t("uploadGb")}</TableHead>
                        <TableHead className="text-end">{t("totalGb")}</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {usage.daily.map((d) => (
                        <TableRow key={d.day}>
                          <TableCell>{f.day(d.day)}</TableCell>
                          <TableCell className="text-end tabular-nums">{fmt(d.down)}</TableCell>
                          <TableCell className="text-end tabular-nums">{fmt(d.up)}</TableCell>
                          <TableCell className="text-end tabular-nums">{fmt(total(d))}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </details>
              </>
            )}
          </CardContent>
        </Card>
      </div>
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>{t("history.title")}</CardTitle>
            <CardDescription>
              {usage.capGb === null
                ? t("history.descriptionUnlimited")
                : t("history.description", { cap: f.number(usage.capGb, 0) })}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <BarChart
              title={t("history.chartTitle")}
              series={series}
              reference={usage.capGb === null ? undefined : { value: usage.capGb, label: t("history.cap") }}
              data={usage.history.map((h) => ({
                label: f.shortMonth(h.cycle.end),
                values: [gb(h.down), gb(h.up)],
                highlight: h.over,
              }))}
            />
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t("showTable")}</summary>
              <Table regionLabel={t("history.title")} containerClassName="mt-2">
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("history.cycle")}</TableHead>
                    <TableHead className="text-end">{t("totalGb")}</TableHead>
                    <TableHead>{t("history.status")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {usage.history.map((h) => (
                    <TableRow key={h.cycle.start}>
                      <TableCell>
                        {f.day(h.cycle.start)} – {f.day(h.cycle.end)}
                      </TableCell>
                      <TableCell className="text-end tabular-nums">{fmt(h.down + h.up)}</TableCell>
                      <TableCell>{h.over ? t("history.over") : t("history.within")}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </details>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("devices.title")}</CardTitle>
            <CardDescription>{t("devices.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            {usage.devices.length === 0 ? (
              <p className="text-sm text-fg-muted">{t("devices.empty")}</p>
            ) : (
              <Table regionLabel={t("devices.title")}>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("devices.device")}</TableHead>
                    <TableHead className="text-end">{t("totalGb")}</TableHead>
                    <TableHead className="text-end">{t("devices.share")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {usage.devices.map((d) => (
                    <TableRow key={d.mac}>
                      <TableCell className="font-mono text-sm">{d.mac}</TableCell>
                      <TableCell className="text-end tabular-nums">{fmt(d.down + d.up)}</TableCell>
                      <TableCell className="text-end tabular-nums">
                        {f.percent(Number(((d.down + d.up) * 10_000n) / cycleTotal))}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
      {usage.capGb !== null ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("alerts.title")}</CardTitle>
            <CardDescription>{t("alerts.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            {user.membershipRole === "OWNER" ? (
              <AlertSettingsForm
                allowed={ctx.profile.usage.alerts.allowedThresholds}
                chosen={settings.thresholds}
                everyBlock={settings.everyBlock}
                sms={settings.sms}
                labels={{
                  legend: t("alerts.legend"),
                  percent: ctx.profile.usage.alerts.allowedThresholds.map((percent) =>
                    t("alerts.percent", { percent, gb: f.number(((usage.capGb as number) * percent) / 100, 0) }),
                  ),
                  everyBlock: t("alerts.everyBlock", { block: rules.overage.blockGb }),
                  sms: t("alerts.sms"),
                  smsHint: account.phoneOnFile
                    ? t("alerts.smsHint", { phone: account.phoneOnFile.slice(-4) })
                    : t("alerts.noPhone"),
                  save: t("alerts.save"),
                  saved: t("alerts.saved"),
                }}
                errors={{
                  generic: t("alerts.errors.generic"),
                  THRESHOLD_NOT_ALLOWED: t("alerts.errors.THRESHOLD_NOT_ALLOWED"),
                  NO_PHONE: t("alerts.errors.NO_PHONE"),
                  NOT_ALLOWED: t("alerts.errors.NOT_ALLOWED"),
                }}
              />
            ) : (
              <p className="text-sm text-fg-muted">{t("alerts.ownerOnly")}</p>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
