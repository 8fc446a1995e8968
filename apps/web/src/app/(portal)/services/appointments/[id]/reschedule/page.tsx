import { coreContext } from "@homeport/core/context";
import { AppointmentError } from "@homeport/core/services/appointment-errors";
import { getAppointment, listAvailableWindows } from "@homeport/core/services/appointments";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/session";
import { appointmentErrors, pickerDays, supportPhone, visitFormatter, windowPickerLabels } from "../../visit-format.ts";
import { RescheduleForm } from "./reschedule-form.tsx";

export const metadata = { title: "Reschedule your visit" };

export default async function RescheduleAppointmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/services/appointments/${encodeURIComponent(id)}/reschedule`);
  if (!user.accountId) redirect("/services");
  const ctx = coreContext();
  const visit = await getAppointment(ctx, user.accountId, id).catch((error: unknown) => {
    if (error instanceof AppointmentError) notFound();
    throw error;
  });
  const [t, errors, available] = await Promise.all([
    getTranslations("appointments"),
    appointmentErrors(),
    listAvailableWindows(ctx, user.accountId),
  ]);
  const [v, windowLabels] = await Promise.all([visitFormatter(available.timeZone), windowPickerLabels()]);
  const rules = ctx.profile.services.appointments;
  const days = pickerDays(available, v, { currentWindowId: visit.window.id });
  const hasChoice = days.some((day) => day.windows.some((w) => !w.full && !w.current));

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <PageHeader
        title={t("move.title")}
        description={t("move.description", { when: v.when(visit.window) })}
        actions={
          <Button asChild variant="ghost">
            <Link href="/services/appointments">{t("move.back")}</Link>
          </Button>
        }
      />
      {!visit.canChange ? (
        <Alert variant="info">
          {visit.status !== "SCHEDULED"
            ? errors.NOT_SCHEDULED
            : visit.kind === "INSTALLATION"
              ? t("installationByPhone", { phone: supportPhone() })
              : t("cutoffPassed", { hours: rules.changeCutoffHours, phone: supportPhone() })}
        </Alert>
      ) : !hasChoice ? (
        <Alert variant="warning">{t("windows.none", { phone: supportPhone() })}</Alert>
      ) : (
        <Card>
          <CardContent className="py-6">
            <RescheduleForm
              appointmentId={visit.id}
              days={days}
              errors={errors}
              labels={{
                submit: t("move.submit"),
                windows: windowLabels,
              }}
            />
          </CardContent>
        </Card>
      )}
      <p className="text-sm text-fg-muted">{t("timeZoneNote", { zone: available.timeZone })}</p>
    </div>
  );
}
