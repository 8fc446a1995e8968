import { coreContext } from "@homeport/core/context";
import { DeviceError } from "@homeport/core/services/device-errors";
import { runTroubleshooter, type StepStatus } from "@homeport/core/services/troubleshoot";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { CircleCheck, CircleMinus, CircleX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { AutoRefresh } from "../../auto-refresh.tsx";
import { deviceErrors, restartLabels } from "../../device-view.tsx";
import { RestartButton } from "../../restart-button.tsx";

export const metadata = { title: "Troubleshoot" };

const STEP_ICON: Record<StepStatus, { Icon: typeof CircleCheck; className: string }> = {
  pass: { Icon: CircleCheck, className: "text-success" },
  warn: { Icon: TriangleAlert, className: "text-warning" },
  fail: { Icon: CircleX, className: "text-danger" },
  skip: { Icon: CircleMinus, className: "text-fg-muted" },
};

export default async function TroubleshootPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/services/equipment/${encodeURIComponent(id)}/troubleshoot`;
  const user = await requireUser(path);
  if (!user.accountId) redirect("/services/equipment");
  let check;
  try {
    check = await runTroubleshooter(coreContext(), user, id);
  } catch (error) {
    if (error instanceof DeviceError && error.code === "EQUIPMENT_NOT_FOUND") notFound();
    throw error;
  }
  const timeZone = user.timeZone ?? brand().timeZone;
  const [t, te, format, f, errors] = await Promise.all([
    getTranslations("troubleshoot"),
    getTranslations("equipment"),
    dateFormatter(timeZone),
    billingFormatter(),
    deviceErrors(),
  ]);
  const name = te("deviceName", { kind: check.device.kind, model: check.device.model });
  const outcome = check.outcome;

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader
        title={t("title", { device: name })}
        description={t("description")}
        actions={
          <Button asChild variant="ghost">
            <Link href={`/services/equipment/${check.device.id}`}>{t("actions.back")}</Link>
          </Button>
        }
      />
      {outcome.kind === "RESTARTING" ? <AutoRefresh everyMs={4000} /> : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("stepsTitle")}</CardTitle>
          <CardDescription>{t("checkedAt", { time: format.dateTime(check.checkedAt) })}</CardDescription>
        </CardHeader>
        <CardContent>
          <ol className="flex flex-col divide-y divide-border" aria-label={t("stepsTitle")}>
            {check.steps.map((step) => {
              const { Icon, className } = STEP_ICON[step.status];
              return (
                <li key={step.id} className="flex gap-3 py-3 first:pt-0 last:pb-0">
                  <Icon aria-hidden="true" className={`mt-0.5 size-5 shrink-0 ${className}`} />
                  <div className="flex min-w-0 flex-col gap-1">
                    <h3 className="font-medium">
                      {t(`stepName.${step.id}`)}
                      <span className="sr-only">: {t("status", { status: step.status })}</span>
                    </h3>
                    <p className="text-sm">
                      {t(`steps.${step.id}.${step.result}`, {
                        ...step.values,
                        ...(step.values?.service ? { service: String(step.values.service) } : {}),
                      })}
                    </p>
                    {step.readings ? (
                      <ul className="flex flex-col gap-0.5 text-sm text-fg-muted">
                        {step.readings.map((r) => (
                          <li key={r.name}>
                            {t("reading.line", {
                              name: t(`reading.${r.name}`),
                              value: f.number(r.value, 1),
                              unit: r.unit,
                              grade: r.grade,
                            })}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ol>
        </CardContent>
      </Card>
      <section aria-labelledby="next-step" className="flex flex-col gap-3">
        <h2 id="next-step" className="text-lg font-semibold">
          {t("outcome.title")}
        </h2>
        {outcome.kind === "ALL_GOOD" ? (
          <Alert variant="success">{t("outcome.ALL_GOOD")}</Alert>
        ) : outcome.kind === "OUTAGE" ? (
          <Alert
            variant="warning"
            action={
              <Button asChild variant="secondary" size="sm">
                <Link href="/services/outages">{t("actions.outages")}</Link>
              </Button>
            }
          >
            {outcome.etaAt ? t("outcome.OUTAGE", { eta: format.dateTime(outcome.etaAt) }) : t("outcome.OUTAGE_NO_ETA")}
          </Alert>
        ) : outcome.kind === "ACCOUNT" ? (
          <Alert
            variant="danger"
            action={
              <Button asChild variant="secondary" size="sm">
                <Link href={outcome.href}>{t("actions.billing")}</Link>
              </Button>
            }
          >
            {t("outcome.ACCOUNT")}
          </Alert>
        ) : outcome.kind === "TECHNICIAN" ? (
          <Alert
            variant="warning"
            action={
              <Button asChild variant="primary" size="sm">
                <Link href={outcome.href}>{t("actions.book")}</Link>
              </Button>
            }
          >
            {t("outcome.TECHNICIAN")}
          </Alert>
        ) : outcome.kind === "RESTARTING" ? (
          <Alert variant="info">{t("outcome.RESTARTING")}</Alert>
        ) : (
          <div className="flex flex-col gap-3">
            <Alert variant="warning">{t("outcome.RESTART")}</Alert>
            <div>
              <RestartButton
                equipmentId={check.device.id}
                labels={await restartLabels(name, check.device.serialNumber)}
                errors={errors}
              />
            </div>
          </div>
        )}
        <div>
          <Button asChild variant="ghost">
            <Link href={path}>{t("actions.again")}</Link>
          </Button>
        </div>
      </section>
    </div>
  );
}
