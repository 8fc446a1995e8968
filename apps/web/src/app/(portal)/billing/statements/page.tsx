import { listStatements } from "@homeport/core/billing/statements";
import { fromDbDate } from "@homeport/core/billing/calendar";
import { coreContext } from "@homeport/core/context";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { FileText } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Statements" };

export default async function StatementsPage() {
  const user = await requireUser("/billing/statements");
  const [t, f] = await Promise.all([getTranslations("billing"), billingFormatter()]);
  const statements = user.accountId ? await listStatements(coreContext().db, user.accountId, { take: 24 }) : [];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("statements.title")} description={t("statements.description")} />
      {statements.length === 0 ? (
        <EmptyState icon={<FileText />} title={t("overview.noStatements")} headingLevel="h2" />
      ) : (
        <Table regionLabel={t("statements.title")}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("statements.period")}</TableHead>
              <TableHead>{t("statements.due")}</TableHead>
              <TableHead className="text-end">{t("statements.newCharges")}</TableHead>
              <TableHead className="text-end">{t("statements.total")}</TableHead>
              <TableHead>
                <span className="sr-only">{t("statements.download")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {statements.map((s) => {
              const month = f.month(fromDbDate(s.periodEnd));
              return (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link
                      href={`/billing/statements/${s.id}`}
                      className="font-medium text-brand underline underline-offset-4"
                    >
                      {t("statement.title", { month })}
                    </Link>
                    <div className="text-sm text-fg-muted">
                      {f.day(fromDbDate(s.periodStart))} – {f.day(fromDbDate(s.periodEnd))}
                    </div>
                  </TableCell>
                  <TableCell>{f.day(fromDbDate(s.dueOn))}</TableCell>
                  <TableCell className="text-end tabular-nums">{f.money(s.newChargesCents)}</TableCell>
                  <TableCell className="text-end font-medium tabular-nums">{f.money(s.totalDueCents)}</TableCell>
                  <TableCell>
                    <a
                      href={`/billing/statements/${s.id}/pdf`}
                      className="text-sm font-medium text-brand underline underline-offset-4"
                      aria-label={t("statements.downloadFor", { month })}
                    >
                      PDF
                    </a>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
