import { coreContext } from "@homeport/core/context";
import { getMyServices, listPlanCatalog, SERVICE_KINDS } from "@homeport/core/services/plans";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { cn } from "@homeport/ui/cn";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { PlanFeatures } from "../plan-features.tsx";

export const metadata = { title: "Plans" };

type Kind = (typeof SERVICE_KINDS)[number];

export default async function PlansPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const user = await requireUser("/services/plans");
  const [t, f, query] = await Promise.all([getTranslations("services"), billingFormatter(), searchParams]);
  const kind: Kind = SERVICE_KINDS.find((k) => k === query.kind) ?? "INTERNET";
  const ctx = coreContext();
  const [catalog, mine] = await Promise.all([
    listPlanCatalog(ctx.db, kind),
    user.accountId ? getMyServices(ctx, user) : Promise.resolve(null),
  ]);
  const current = mine?.services.find((s) => s.kind === kind) ?? null;
  const channels =
    kind === "TV"
      ? await ctx.db.channel.findMany({
          orderBy: { number: "asc" },
          select: { id: true, number: true, name: true, hd: true, plans: { select: { planId: true } } },
        })
      : [];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("plans.title")} description={t("plans.description")} />
      <nav aria-label={t("plans.kinds")} className="flex flex-wrap gap-2">
        {SERVICE_KINDS.map((k) => (
          <Link
            key={k}
            href={`/services/plans?kind=${k}`}
            aria-current={k === kind ? "page" : undefined}
            className={cn(
              "inline-flex min-h-11 items-center rounded-full border px-4 text-sm font-medium",
              k === kind
                ? "border-brand bg-brand text-brand-foreground"
                : "border-border text-fg hover:bg-surface-muted",
            )}
          >
            {t("kind", { kind: k })}
          </Link>
        ))}
      </nav>
      <div className="grid gap-6 md:grid-cols-2 xl:grid-cols-3 [&>*]:min-w-0">
        {catalog.map((plan) => {
          const isCurrent = current?.plan.id === plan.id;
          const direction = !current ? "add" : plan.tier > current.plan.tier ? "upgrade" : "downgrade";
          const promo = direction !== "downgrade" && plan.promoCents !== null && plan.promoMonths;
          return (
            <Card key={plan.id} className={cn(isCurrent && "border-brand")}>
              <CardHeader>
                <CardTitle>{plan.name}</CardTitle>
                {isCurrent ? (
                  <div>
                    <Badge variant="info">{t("plans.current")}</Badge>
                  </div>
                ) : null}
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                <div>
                  <p className="text-2xl font-semibold tabular-nums">
                    {t("perMonth", { price: f.money(promo ? (plan.promoCents as number) : plan.monthlyCents) })}
                  </p>
                  <CardDescription>
                    {promo
                      ? t("plans.promo", { months: plan.promoMonths as number, regular: f.money(plan.monthlyCents) })
                      : t("plans.regular")}
                  </CardDescription>
                </div>
                <PlanFeatures plan={plan} />
              </CardContent>
              <CardFooter>
                {isCurrent ? (
                  <p className="text-sm text-fg-muted">{t("plans.yourPlan")}</p>
                ) : user.accountId ? (
                  <Button asChild variant={direction === "downgrade" ? "secondary" : "primary"}>
                    <Link
                      href={`/services/change?kind=${kind}&plan=${plan.id}`}
                      aria-label={t("plans.chooseNamed", { plan: plan.name })}
                    >
                      {t("plans.choose", { direction })}
                    </Link>
                  </Button>
                ) : null}
              </CardFooter>
            </Card>
          );
        })}
      </div>
      {channels.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("lineup.title")}</CardTitle>
            <CardDescription>{t("lineup.description", { count: channels.length })}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            {catalog.map((plan) => {
              const included = channels.filter((c) => c.plans.some((p) => p.planId === plan.id));
              return (
                <details key={plan.id} className="rounded-md border border-border p-3">
                  <summary className="cursor-pointer font-medium">
                    {t("lineup.plan", { plan: plan.name, count: included.length })}
                  </summary>
                  <ul className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
                    {included.map((channel) => (
                      <li key={channel.id} className="flex gap-2">
                        <span className="w-12 shrink-0 text-end tabular-nums text-fg-muted">{channel.number}</span>
                        <span>
                          {channel.name}
                          {channel.hd ? <span className="ms-1 text-xs text-fg-muted">HD</span> : null}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              );
            })}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
