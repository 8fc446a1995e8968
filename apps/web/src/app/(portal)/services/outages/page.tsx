import { coreContext } from "@homeport/core/context";
import { getOutageStatus } from "@homeport/core/services/outages";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { CircleCheck, RadioTower } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { serviceListFormatter } from "../outage-banner.tsx";

export const metadata = { title: "Outages" };

export default async function OutagesPage() {
  const user = await requireUser("/services/outages");
  if (!user.accountId) redirect("/services");
  const ctx = coreContext();
  const [t, f, format, services, status, account] = await Promise.all([
    getTranslations("services.outage"),
    billingFormatter(),
    getFormatter(),
    serviceListFormatter(),
    getOutageStatus(ctx, user.accountId),
    ctx.db.serviceAccount.findUniqueOrThrow({
      where: { id: user.accountId },
      select: { addressLine1: true, city: true, zip: true, timeZone: true },
    }),
  ]);
  const when = (value: Date) =>
    format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone: account.timeZone });
  const rules = ctx.profile.services.outageCredit;
  const address = `${account.addressLine1}, ${account.city} ${account.zip}`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description", { address })} />
      {status.active.length === 0 ? (
        <EmptyState
          icon={<CircleCheck className="text-success" />}
          title={t("none.title")}
          description={t("none.body", { address })}
          action={
            <Button asChild variant="secondary">
              <Link href="/services/equipment">{t("none.troubleshoot")}</Link>
            </Button>
          }
        />
      ) : (
        <section aria-labelledby="active-outages" className="flex flex-col gap-4">
          <h2 id="active-outages" className="text-lg font-semibold">
            {t("activeTitle")}
          </h2>
          {status.active.map((outage) => (
            <Card key={outage.id} className="border-warning">
              <CardHeader>
                <div className="flex flex-wrap items-center gap-2">
                  <RadioTower aria-hidden="true" className="size-5 text-warning" />
                  <CardTitle>{t("affects", { services: services(outage.services) })}</CardTitle>
                </div>
                <div>
                  <Badge variant="warning">{t("status", { status: outage.status })}</Badge>
                </div>
              </CardHeader>
              <CardContent>
                <dl className="grid gap-3 sm:grid-cols-3">
                  <div>
                    <dt className="text-sm text-fg-muted">{t("started")}</dt>
                    <dd>{when(outage.startedAt)}</dd>
                  </div>
                  <div>
                    <dt className="text-sm text-fg-muted">{t("eta")}</dt>
                    <dd>{outage.etaAt ? when(outage.etaAt) : t("etaUnknown")}</dd>
                  </div>
                  <div>
                    <dt className="text-sm text-fg-muted">{t("cause")}</dt>
                    <dd>{t("causeValue", { cause: outage.cause ?? "unknown" })}</dd>
                  </div>
                </dl>
                <p className="mt-4 text-sm text-fg-muted">{t("whatToDo")}</p>
              </CardContent>
            </Card>
          ))}
        </section>
      )}

      <Card>
        <CardHeader>
          <CardTitle>{t("credit.title")}</CardTitle>
          <CardDescription>
            {t("credit.rule", { minimum: rules.minimumHours, block: rules.hoursPerCreditDay })}
          </CardDescription>
        </CardHeader>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t("recent.title")}</CardTitle>
          <CardDescription>{t("recent.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          {status.recent.length === 0 ? (
            <p className="text-sm text-fg-muted">{t("recent.empty")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-border">
              {status.recent.map((outage) => (
                <li key={outage.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
                  <div>
                    <p className="font-medium">{t("affects", { services: services(outage.services) })}</p>
                    <p className="text-sm text-fg-muted">
                      {t("recent.window", {
                        from: when(outage.startedAt),
                        to: outage.resolvedAt ? when(outage.resolvedAt) : "",
                      })}
                    </p>
                  </div>
                  {outage.credit ? (
                    <Badge variant="success">
                      {t("recent.credited", { amount: f.money(outage.credit.amountCents), days: outage.credit.days })}
                    </Badge>
                  ) : (
                    <Badge variant="neutral">{t("recent.noCredit")}</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
