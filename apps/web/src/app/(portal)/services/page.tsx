import { coreContext } from "@homeport/core/context";
import { getMyServices, listPlanCatalog, REMOVABLE_SERVICES, SERVICE_KINDS } from "@homeport/core/services/plans";
import { listAppointments } from "@homeport/core/services/appointments";
import { activeOutagesForAccount } from "@homeport/core/services/outage-lookup";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Router, Phone, Tv, Wifi } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { visitFormatter } from "./appointments/visit-format.ts";
import { OutageBanner } from "./outage-banner.tsx";
import { PlanFeatures } from "./plan-features.tsx";

export const metadata = { title: "My services" };

const KIND_ICONS = { INTERNET: Wifi, TV: Tv, PHONE: Phone } as const;

export default async function ServicesPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const user = await requireUser("/services");
  const [t, f, { changed }] = await Promise.all([getTranslations("services"), billingFormatter(), searchParams]);
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<Router />} title={t("noAccount")} />
      </div>
    );
  }
  const ctx = coreContext();
  const [mine, outages, catalog, visits] = await Promise.all([
    getMyServices(ctx, user),
    activeOutagesForAccount(ctx.db, user.accountId),
    listPlanCatalog(ctx.db),
    listAppointments(ctx, user.accountId),
  ]);
  const nextVisit = visits.upcoming[0] ?? null;
  const visitFormat = await visitFormatter(visits.timeZone);
  const subscribed = new Set(mine.services.map((s) => s.kind));
  const addable = SERVICE_KINDS.filter((kind) => !subscribed.has(kind) && catalog.some((p) => p.kind === kind));
  const justChanged = SERVICE_KINDS.find((kind) => kind === changed);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {justChanged ? (
        <Alert variant="success" title={t("changed.title")}>
          {t("changed.body", { kind: justChanged })}
        </Alert>
      ) : null}
      <OutageBanner outages={outages} />
      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        {mine.services.map((service) => {
          const Icon = KIND_ICONS[service.kind];
          return (
            <Card key={service.subscriptionId}>
              <CardHeader>
                <div className="flex flex-wrap items-center gap-2">
                  <Icon aria-hidden="true" className="size-5 text-brand" />
                  <CardDescription>{t("kind", { kind: service.kind })}</CardDescription>
                </div>
                <CardTitle>{service.plan.name}</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <div>
                  <p className="text-2xl font-semibold tabular-nums">
                    {t("perMonth", { price: f.money(service.monthlyCents) })}
                  </p>
                  {service.promoEndsOn ? (
                    <p className="text-sm text-fg-muted">
                      {t("promoUntil", { date: f.day(service.promoEndsOn), regular: f.money(service.regularCents) })}
                    </p>
                  ) : null}
                  <p className="text-sm text-fg-muted">{t("since", { date: f.day(service.since) })}</p>
                </div>
                <PlanFeatures plan={service.plan} />
              </CardContent>
              <CardFooter className="flex flex-wrap gap-2">
                <Button asChild variant="secondary">
                  <Link href={`/services/plans?kind=${service.kind}`}>{t("changePlan")}</Link>
                </Button>
                {REMOVABLE_SERVICES.includes(service.kind) ? (
                  <Button asChild variant="ghost">
                    <Link href={`/services/change?kind=${service.kind}&plan=none`}>
                      {t("remove", { kind: service.kind })}
                    </Link>
                  </Button>
                ) : null}
              </CardFooter>
            </Card>
          );
        })}
        {addable.map((kind) => {
          const Icon = KIND_ICONS[kind];
          return (
            <Card key={kind}>
              <CardHeader>
                <div className="flex items-center gap-2">
                  <Icon aria-hidden="true" className="size-5 text-fg-muted" />
                  <CardTitle>{t("add.title", { kind })}</CardTitle>
                </div>
                <CardDescription>{t("add.description", { kind })}</CardDescription>
              </CardHeader>
              <CardFooter>
                <Button asChild variant="secondary">
                  <Link href={`/services/plans?kind=${kind}`}>{t("add.action", { kind })}</Link>
                </Button>
              </CardFooter>
            </Card>
          );
        })}
        <Card>
          <CardHeader>
            <CardTitle>{t("equipmentCard.title")}</CardTitle>
            <CardDescription>{t("equipmentCard.description", { count: mine.equipmentCount })}</CardDescription>
          </CardHeader>
          <CardFooter className="flex flex-wrap gap-2">
            <Button asChild variant="secondary">
              <Link href="/services/equipment">{t("equipmentCard.manage")}</Link>
            </Button>
            <Button asChild variant="ghost">
              <Link href="/services/wifi">{t("equipmentCard.wifi")}</Link>
            </Button>
          </CardFooter>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("helpCard.title")}</CardTitle>
            <CardDescription>{t("helpCard.description")}</CardDescription>
          </CardHeader>
          {nextVisit ? (
            <CardContent>
              <p className="text-sm">
                {t("helpCard.nextVisit", { when: visitFormat.when(nextVisit.window) })}{" "}
                <Link href="/services/appointments" className="font-medium text-brand underline underline-offset-4">
                  {t("helpCard.manageVisit")}
                </Link>
              </p>
            </CardContent>
          ) : null}
          <CardFooter className="flex flex-wrap gap-2">
            {nextVisit ? null : (
              <Button asChild variant="secondary">
                <Link href="/services/appointments/new">{t("helpCard.book")}</Link>
              </Button>
            )}
            <Button asChild variant="ghost">
              <Link href="/help">{t("helpCard.help")}</Link>
            </Button>
            {outages.length === 0 ? <Badge variant="success">{t("helpCard.noOutage")}</Badge> : null}
          </CardFooter>
        </Card>
      </div>
    </div>
  );
}
