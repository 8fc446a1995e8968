import { BillingError } from "@homeport/core/billing/errors";
import { getStatement } from "@homeport/core/billing/statements";
import { coreContext } from "@homeport/core/context";
import { ZId } from "@homeport/core/ids";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { Download } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { buildStatementView } from "@/lib/statement-view";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Statement" };

export default async function StatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/billing/statements/${id}`);
  const statementId = ZId.safeParse(id);
  if (!statementId.success || !user.accountId) notFound();
  const data = await getStatement(coreContext().db, user.accountId, statementId.data).catch((error: unknown) => {
    if (error instanceof BillingError) notFound();
    throw error;
  });
  const [t, f] = await Promise.all([getTranslations("billing"), billingFormatter()]);
  const view = buildStatementView(data, t, f);
  const { statement } = data;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={view.title}
        description={t("statement.period", { from: f.day(statement.periodStart), to: f.day(statement.periodEnd) })}
        actions={
          <Button asChild variant="secondary">
            <a href={`/billing/statements/${statement.id}/pdf`}>
              <Download aria-hidden="true" />
              {t("statement.downloadPdf")}
            </a>
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_3fr]">
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>{t("statement.summary")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="flex flex-col divide-y divide-border">
                {view.summary.map((row) => (
                  <div key={row.label} className="flex items-baseline justify-between gap-4 py-2">
                    <dt className={row.emphasis ? "font-semibold" : "text-fg-muted"}>{row.label}</dt>
                    <dd className={row.emphasis ? "text-xl font-semibold tabular-nums" : "tabular-nums"}>
                      {row.amount}
                    </dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{view.changes.title}</CardTitle>
              <CardDescription>{view.changes.headline}</CardDescription>
            </CardHeader>
            {view.changes.items.length > 0 ? (
              <CardContent>
                <ul className="flex list-disc flex-col gap-2 ps-5 text-sm">
                  {view.changes.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </CardContent>
            ) : null}
          </Card>
          {data.previousId ? (
            <Link
              href={`/billing/statements/${data.previousId}`}
              className="text-sm font-medium text-brand underline underline-offset-4"
            >
              {t("statement.previous")}
            </Link>
          ) : null}
        </div>
        <Card>
          <CardHeader>
            <CardTitle>{t("statement.charges")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            {view.sections.map((section) => (
              <section key={section.key} aria-labelledby={`section-${section.key}`} className="flex flex-col gap-2">
                <h3
                  id={`section-${section.key}`}
                  className="text-sm font-semibold tracking-wide text-fg-muted uppercase"
                >
                  {section.title}
                </h3>
                <ul className="flex flex-col divide-y divide-border">
                  {section.lines.map((line, index) => (
                    <li key={`${line.label}-${index}`} className="flex items-start justify-between gap-4 py-2">
                      <div className="min-w-0">
                        <p>{line.label}</p>
                        {line.detail ? <p className="text-sm text-fg-muted">{line.detail}</p> : null}
                      </div>
                      <p className={line.credit ? "text-success tabular-nums" : "tabular-nums"}>{line.amount}</p>
                    </li>
                  ))}
                </ul>
                <p className="flex justify-between gap-4 border-t border-border-strong pt-2 text-sm font-semibold">
                  <span>{section.subtotal.label}</span>
                  <span className="tabular-nums">{section.subtotal.amount}</span>
                </p>
              </section>
            ))}
            <p className="flex justify-between gap-4 border-t-2 border-fg pt-3 font-semibold">
              <span>{t("statement.newCharges")}</span>
              <span className="tabular-nums">{f.money(statement.newChargesCents)}</span>
            </p>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
