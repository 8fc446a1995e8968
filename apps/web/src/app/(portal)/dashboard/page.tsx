import { coreContext } from "@homeport/core/context";
import { loadDashboard } from "@homeport/core/dashboard/load-dashboard";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Bell } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { markNotificationReadAction } from "@/actions/notifications";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { billingFormatter } from "@/lib/billing-format";
import { notificationValues } from "@/lib/notification-values";
import { BillingSummaryCard } from "../billing/billing-summary-card.tsx";
import { ActivityList } from "../security/activity-list.tsx";
import { UsageMeterCard } from "../usage/usage-meter-card.tsx";
import { OutageBanner } from "../services/outage-banner.tsx";
import { NextRecordingsCard } from "../tv/next-recordings-card.tsx";
import { ResendVerification } from "./resend-verification.tsx";

export const metadata = { title: "Dashboard" };

function formatAccountNumber(value: string): string {
  return value.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const [t, money, { household, notifications, activity, billing, usage, outages, dvr }] = await Promise.all([
    getTranslations(),
    billingFormatter(),
    loadDashboard(coreContext(), user),
  ]);
  const format = await dateFormatter(household?.timeZone ?? brand().timeZone);
  const firstName = user.name.split(" ")[0] ?? user.name;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("dashboard.title", { name: firstName })} description={t("dashboard.description")} />
      {user.emailVerified ? null : (
        <Alert
          variant="warning"
          title={t("dashboard.verify.title")}
          action={
            <ResendVerification labels={{ resend: t("dashboard.verify.resend"), sent: t("dashboard.verify.sent") }} />
          }
        >
          {t("dashboard.verify.body", { email: user.email })}
        </Alert>
      )}

      <OutageBanner outages={outages} timeZone={household?.timeZone} />
      {household ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {billing ? <BillingSummaryCard summary={billing} /> : null}
          {usage ? <UsageMeterCard usage={usage} compact /> : null}
          {dvr ? <NextRecordingsCard dvr={dvr} /> : null}
          <Card>
            <CardHeader>
              <CardTitle>{t("dashboard.account.title")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-3 sm:grid-cols-2">
                <div>
                  <dt className="text-sm text-fg-muted">{t("dashboard.account.number")}</dt>
                  <dd className="font-mono text-base tabular-nums">{formatAccountNumber(household.accountNumber)}</dd>
                </div>
                <div>
                  <dt className="text-sm text-fg-muted">{t("dashboard.account.status")}</dt>
                  <dd>
                    <Badge variant={household.status === "ACTIVE" ? "success" : "warning"}>
                      {t(`dashboard.account.statusValue.${household.status}`)}
                    </Badge>
                  </dd>
                </div>
                <div className="sm:col-span-2">
                  <dt className="text-sm text-fg-muted">{t("dashboard.account.address")}</dt>
                  <dd>
                    {household.addressLine1}
                    {household.addressLine2 ? `, ${household.addressLine2}` : ""}, {household.city}, {household.state}{" "}
                    {household.zip}
                  </dd>
                </div>
              </dl>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t("dashboard.household.title")}</CardTitle>
              <CardDescription>{t("dashboard.household.description")}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <ul className="flex flex-col gap-2">
                {household.memberships.map((m) => (
                  <li key={m.user.id} className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{m.user.name}</span>
                    <Badge variant={m.role === "OWNER" ? "info" : "neutral"}>
                      {t(`dashboard.household.role.${m.role}`)}
                    </Badge>
                  </li>
                ))}
              </ul>
              <Link href="/household" className="text-sm font-medium text-brand underline underline-offset-4">
                {user.membershipRole === "OWNER" ? t("dashboard.household.manage") : t("dashboard.household.view")}
              </Link>
              <div>
                <h3 className="text-sm text-fg-muted">{t("dashboard.household.profiles")}</h3>
                <ul className="mt-2 flex flex-wrap gap-2">
                  {household.profiles.map((p) => (
                    <li key={p.id}>
                      <Badge variant="neutral">
                        {p.name}
                        {p.isKids ? ` · ${t("dashboard.household.kids")}` : ""}
                      </Badge>
                    </li>
                  ))}
                </ul>
              </div>
            </CardContent>
          </Card>
        </div>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.staff.title")}</CardTitle>
            <CardDescription>{t("dashboard.staff.body")}</CardDescription>
          </CardHeader>
        </Card>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.notifications.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            {notifications.length === 0 ? (
              <EmptyState icon={<Bell />} title={t("dashboard.notifications.empty")} headingLevel="h3" />
            ) : (
              <ul className="flex flex-col divide-y divide-border">
                {notifications.map((n) => (
                  <li key={n.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0">
                    <div className="flex items-start justify-between gap-2">
                      <p>
                        {t(
                          `notifications.${n.messageKey}`,
                          notificationValues(n.values, money, household?.timeZone ?? brand().timeZone),
                        )}
                      </p>
                      {n.readAt ? null : <Badge variant="info">{t("dashboard.notifications.unread")}</Badge>}
                    </div>
                    <div className="flex items-center gap-3 text-sm text-fg-muted">
                      <time dateTime={n.createdAt.toISOString()}>{format.relative(n.createdAt)}</time>
                      {n.href ? (
                        <Link href={n.href} className="text-brand underline underline-offset-4">
                          {t("dashboard.notifications.open")}
                        </Link>
                      ) : null}
                      {n.readAt ? null : (
                        <form action={markNotificationReadAction}>
                          <input type="hidden" name="notificationId" value={n.id} />
                          <Button type="submit" variant="link" className="text-sm">
                            {t("dashboard.notifications.markRead")}
                          </Button>
                        </form>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("dashboard.activity.title")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <ActivityList events={activity} timeZone={household?.timeZone ?? brand().timeZone} />
            <Link href="/security" className="text-sm font-medium text-brand underline underline-offset-4">
              {t("dashboard.activity.viewAll")}
            </Link>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
