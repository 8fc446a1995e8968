import { coreContext } from "@homeport/core/context";
import {
  APPOINTMENT_ISSUES,
  DETAILS_MAX,
  listAppointments,
  listAvailableWindows,
} from "@homeport/core/services/appointments";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { displayPhone } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import {
  appointmentErrors,
  issueLabel,
  pickerDays,
  supportPhone,
  visitFormatter,
  windowPickerLabels,
} from "../visit-format.ts";
import { BookVisitForm } from "./book-visit-form.tsx";

export const metadata = { title: "Book a technician visit" };

export default async function NewAppointmentPage() {
  const user = await requireUser("/services/appointments/new");
  if (!user.accountId) redirect("/services");
  const ctx = coreContext();
  const [t, errors, list, available, account] = await Promise.all([
    getTranslations("appointments"),
    appointmentErrors(),
    listAppointments(ctx, user.accountId),
    listAvailableWindows(ctx, user.accountId),
    ctx.db.serviceAccount.findUniqueOrThrow({ where: { id: user.accountId }, select: { phoneOnFile: true } }),
  ]);
  const [v, windowLabels] = await Promise.all([visitFormatter(available.timeZone), windowPickerLabels()]);
  const existing = list.upcoming.find((visit) => visit.kind === "SERVICE_ISSUE");
  const days = pickerDays(available, v);

  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-6">
      <PageHeader
        title={t("new.title")}
        description={t("new.description")}
        actions={
          <Button asChild variant="ghost">
            <Link href="/services/appointments">{t("new.back")}</Link>
          </Button>
        }
      />
      {existing ? (
        <Alert
          variant="info"
          action={
            existing.canChange ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`/services/appointments/${existing.id}/reschedule`}>{t("new.rescheduleInstead")}</Link>
              </Button>
            ) : undefined
          }
        >
          {t("new.alreadyScheduled", { when: v.when(existing.window) })}
        </Alert>
      ) : days.length === 0 ? (
        <Alert variant="warning">{t("windows.none", { phone: supportPhone() })}</Alert>
      ) : (
        <Card>
          <CardContent className="py-6">
            <BookVisitForm
              days={days}
              issues={APPOINTMENT_ISSUES.map((issue) => ({ value: issue, label: issueLabel(t, issue) }))}
              defaultPhone={account.phoneOnFile ? displayPhone(account.phoneOnFile) : ""}
              detailsMax={DETAILS_MAX}
              errors={errors}
              labels={{
                issue: t("new.issue"),
                issuePlaceholder: t("new.issuePlaceholder"),
                details: t("new.details"),
                detailsHint: t("new.detailsHint", { max: DETAILS_MAX }),
                phone: t("new.phone"),
                phoneHint: t("new.phoneHint"),
                submit: t("new.submit"),
                rescheduleInstead: t("new.rescheduleInstead"),
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
