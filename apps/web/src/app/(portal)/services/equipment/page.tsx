import { coreContext } from "@homeport/core/context";
import { listEquipment } from "@homeport/core/services/equipment";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Router } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { AutoRefresh } from "./auto-refresh.tsx";
import { deviceErrors, failureReason, restartLabels, StatusBadge } from "./device-view.tsx";
import { RestartButton } from "./restart-button.tsx";

export const metadata = { title: "Equipment" };

export default async function EquipmentPage() {
  const user = await requireUser("/services/equipment");
  const t = await getTranslations("equipment");
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<Router />} title={t("noAccount")} />
      </div>
    );
  }
  const ctx = coreContext();
  const timeZone = user.timeZone ?? brand().timeZone;
  const [devices, format, errors] = await Promise.all([
    listEquipment(ctx, user.accountId),
    dateFormatter(timeZone),
    deviceErrors(),
  ]);
  const restarting = devices.filter((d) => d.restartPending);
  const views = await Promise.all(
    devices.map(async (device) => {
      const name = t("deviceName", { kind: device.kind, model: device.model });
      return {
        device,
        name,
        labels: await restartLabels(name, device.serialNumber),
        reason: await failureReason(device.lastRestart?.failureCode ?? null),
      };
    }),
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {restarting.length > 0 ? <AutoRefresh /> : null}
      {devices.length === 0 ? (
        <EmptyState icon={<Router />} title={t("empty")} />
      ) : (
        <ul className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0" aria-label={t("listLabel")}>
          {views.map(({ device, name, labels, reason }) => {
            const restart = device.lastRestart;
            return (
              <li key={device.id}>
                <Card className="h-full">
                  <CardHeader
                    action={<StatusBadge status={device.status} label={t("status", { status: device.status })} />}
                  >
                    <CardDescription>{t("kind", { kind: device.kind })}</CardDescription>
                    <CardTitle>
                      <Link href={`/services/equipment/${device.id}`} className="hover:underline">
                        {device.model}
                      </Link>
                    </CardTitle>
                  </CardHeader>
                  <CardContent className="flex flex-col gap-3">
                    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                      <dt className="text-fg-muted">{t("serial")}</dt>
                      <dd className="font-mono break-all">{device.serialNumber}</dd>
                      {device.macAddress ? (
                        <>
                          <dt className="text-fg-muted">{t("mac")}</dt>
                          <dd className="font-mono break-all">{device.macAddress}</dd>
                        </>
                      ) : null}
                      <dt className="text-fg-muted">{t("lastRestart")}</dt>
                      <dd>
                        {!restart
                          ? t("neverRestarted")
                          : restart.status === "PENDING"
                            ? t("restartInProgress", { time: format.dateTime(restart.requestedAt) })
                            : restart.status === "FAILED"
                              ? t("restartFailedAt", { time: format.dateTime(restart.requestedAt) })
                              : format.dateTime(restart.completedAt ?? restart.requestedAt)}
                      </dd>
                    </dl>
                    {device.restartPending ? (
                      <Alert variant="info">{t("restartingNotice", { device: name })}</Alert>
                    ) : restart?.status === "FAILED" && device.latestOperation?.id === restart.id ? (
                      <Alert variant="warning">{t("restartFailedNotice", { reason })}</Alert>
                    ) : null}
                  </CardContent>
                  <CardFooter className="flex flex-wrap gap-2">
                    {device.restartPending ? null : (
                      <RestartButton equipmentId={device.id} labels={labels} errors={errors} />
                    )}
                    <Button asChild variant="ghost">
                      <Link
                        href={`/services/equipment/${device.id}/troubleshoot`}
                        aria-label={t("actions.troubleshootAria", { device: name, serial: device.serialNumber })}
                      >
                        {t("actions.troubleshoot")}
                      </Link>
                    </Button>
                    <Button asChild variant="ghost">
                      <Link
                        href={`/services/equipment/${device.id}/return`}
                        aria-label={t("actions.returnReplaceAria", { device: name, serial: device.serialNumber })}
                      >
                        {t("actions.returnReplace")}
                      </Link>
                    </Button>
                  </CardFooter>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
