import { coreContext } from "@homeport/core/context";
import { type AppointmentView, listAppointments } from "@homeport/core/services/appointments";
import { Alert } from "@homeport/ui/alert";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Wrench } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { displayPhone } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { CancelVisit } from "./cancel-visit.tsx";
import { appointmentErrors, issueLabel, supportPhone, visitFormatter } from "./visit-format.ts";

export const metadata = { title: "Technician visits" };

const STATUS_BADGE: Record<AppointmentView["status"], BadgeVariant> = {
  SCHEDULED: "info",
  COMPLETED: "success",
  CANCELLED: "neutral",
};

export default async function AppointmentsPage({
  searchParams,
}: {
  searchParams: Promise<{ booked?: string; rescheduled?: string; cancelled?: string }>;
}) {
  const user = await requireUser("/services/appointments");
  if (!user.accountId) redirect("/services");
  const ctx = coreContext();
  const [t, errors, list, params] = await Promise.all([
    getTranslations("appointments"),
    appointmentErrors(),
    listAppointments(ctx, user.accountId),
    searchParams,
  ]);
  const v = await visitFormatter(list.timeZone);
  const rules = ctx.profile.services.appointments;
  const phone = supportPhone();
  const notice = params.booked
    ? t("booked")
    : params.rescheduled
      ? t("rescheduled")
      : params.cancelled
        ? t("cancelled")
        : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description", { hours: rules.changeCutoffHours })}
        actions={
          <Button asChild>
            <Link href="/services/appointments/new">{t("book")}</Link>
          </Button>
        }
      />
      {notice ? <Alert variant="success">{notice}</Alert> : null}

      <section aria-labelledby="upcoming-visits" className="flex flex-col gap-4">
        <h2 id="upcoming-visits" className="text-lg font-semibold">
          {t("upcomingTitle")}
        </h2>
        {list.upcoming.length === 0 ? (
          <EmptyState
            icon={<Wrench />}
            headingLevel="h3"
            title={t("none.title")}
            description={t("none.body")}
            action={
              <Button asChild variant="secondary">
                <Link href="/services/appointments/new">{t("book")}</Link>
              </Button>
            }
          />
        ) : (
          <div className="grid gap-4 md:grid-cols-2 [&>*]:min-w-0">
            {list.upcoming.map((visit) => {
              const when = v.when(visit.window);
              return (
                <Card key={visit.id}>
                  <CardHeader>
                    <CardTitle as="h3">{v.longDate(visit.window.startsAt)}</CardTitle>
                    <CardDescription>{t("arrival", { time: v.time(visit.window) })}</CardDescription>
                    <div className="flex flex-wrap gap-2">
                      <Badge variant={STATUS_BADGE[visit.status]}>{t(`statuses.${visit.status}`)}</Badge>
                      <Badge variant="neutral">{t(`kind.${visit.kind}`)}</Badge>
                    </div>
                  </CardHeader>
                  <CardContent>
                    <dl className="grid gap-3 sm:grid-cols-2 [&>*]:min-w-0">
                      <div>
                        <dt className="text-sm text-fg-muted">{t("issue")}</dt>
                        <dd>{issueLabel(t, visit.issue)}</dd>
                      </div>
                      <div>
                        <dt className="text-sm text-fg-muted">{t("contact")}</dt>
                        <dd>{displayPhone(visit.contactPhone)}</dd>
                      </div>
                      {visit.details ? (
                        <div className="sm:col-span-2">
                          <dt className="text-sm text-fg-muted">{t("details")}</dt>
                          <dd className="break-words whitespace-pre-line">{visit.details}</dd>
                        </div>
                      ) : null}
                    </dl>
                  </CardContent>
                  <CardFooter className="flex flex-wrap items-start gap-2">
                    {visit.canChange ? (
                      <>
                        <Button asChild variant="secondary">
                          <Link
                            href={`/services/appointments/${visit.id}/reschedule`}
                            aria-label={t("rescheduleLabel", { when })}
                          >
                            {t("reschedule")}
                          </Link>
                        </Button>
                        <CancelVisit
                          appointmentId={visit.id}
                          errors={errors}
                          labels={{
                            cancel: t("cancel"),
                            ariaLabel: t("cancelLabel", { when }),
                            title: t("cancelTitle"),
                            body: t("cancelBody", { when }),
                            confirm: t("cancelConfirm"),
                            keep: t("keep"),
                          }}
                        />
                      </>
                    ) : (
                      <p className="text-sm text-fg-muted">
                        {visit.kind === "INSTALLATION"
                          ? t("installationByPhone", { phone })
                          : t("cutoffPassed", { hours: rules.changeCutoffHours, phone })}
                      </p>
                    )}
                  </CardFooter>
                </Card>
              );
            })}
          </div>
        )}
      </section>

      <section aria-labelledby="past-visits" className="flex flex-col gap-4">
        <h2 id="past-visits" className="text-lg font-semibold">
          {t("pastTitle")}
        </h2>
        {list.past.length === 0 ? (
          <p className="text-fg-muted">{t("noPast")}</p>
        ) : (
          <Table regionLabel={t("pastCaption")}>
            <TableCaption visuallyHidden>{t("pastCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("date")}</TableHead>
                <TableHead>{t("time")}</TableHead>
                <TableHead>{t("issue")}</TableHead>
                <TableHead>{t("status")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.past.map((visit) => (
                <TableRow key={visit.id}>
                  <TableCell>{v.shortDate(visit.window.startsAt)}</TableCell>
                  <TableCell>{v.time(visit.window)}</TableCell>
                  <TableCell>
                    {visit.kind === "INSTALLATION" ? t(`kind.${visit.kind}`) : issueLabel(t, visit.issue)}
                  </TableCell>
                  <TableCell>
                    <Badge variant={STATUS_BADGE[visit.status]}>{t(`statuses.${visit.status}`)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      <p className="text-sm text-fg-muted">{t("timeZoneNote", { zone: list.timeZone })}</p>
    </div>
  );
}
