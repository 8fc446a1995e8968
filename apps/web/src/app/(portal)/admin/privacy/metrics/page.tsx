import { coreContext } from "@homeport/core/context";
import { calendarDateAt } from "@homeport/core/billing/calendar";
import { canWorkPrivacy, getPrivacyMetrics, ZMetricsYear } from "@homeport/core/privacy/staff";
import { buttonVariants } from "@homeport/ui/button";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { PrintButton } from "./print-button.tsx";

export const metadata = { title: "Privacy request metrics" };

const FIRST_YEAR = 2024;

/** §7102: the yearly figures the privacy policy publishes, on screen, printable and as CSV. */
export default async function PrivacyMetricsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const user = await requireUser("/admin/privacy/metrics");
  if (!canWorkPrivacy(user)) notFound();
  const ctx = coreContext();
  const now = ctx.now();
  const thisYear = Number(calendarDateAt(now, ctx.profile.timeZone).slice(0, 4));
  const asked = ZMetricsYear.safeParse((await searchParams).year);
  const year = asked.success && asked.data <= thisYear ? asked.data : thisYear;
  const [t, f, format, { metrics }] = await Promise.all([
    getTranslations("privacyAdmin"),
    dateFormatter(ctx.profile.timeZone),
    getFormatter(),
    getPrivacyMetrics(ctx, user, year),
  ]);
  const years = Array.from({ length: Math.max(1, thisYear - FIRST_YEAR + 1) }, (_, i) => thisYear - i);
  const days = (value: number | null) =>
    value === null ? t("metrics.none") : format.number(value, { maximumFractionDigits: 1 });
  const reasonLabel = (key: string) => (t.has(`reasons.${key}`) ? t(`reasons.${key}`) : key);

  return (
    <div className="flex flex-col gap-6 print:gap-3">
      <PageHeader
        breadcrumbs={
          <Link href="/admin/privacy" className="text-sm text-brand underline underline-offset-4 print:hidden">
            {t("metrics.back")}
          </Link>
        }
        title={t("metrics.title")}
        description={t("metrics.description", { timeZone: ctx.profile.timeZone })}
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <a
              href={`/admin/privacy/metrics/csv?year=${year}`}
              className={buttonVariants({ variant: "secondary" })}
              download
            >
              {t("metrics.download")}
            </a>
            <PrintButton label={t("metrics.print")} />
          </div>
        }
      />

      <form method="get" action="/admin/privacy/metrics" className="flex flex-wrap items-end gap-3 print:hidden">
        <SelectField
          name="year"
          label={t("metrics.yearLabel")}
          defaultValue={String(year)}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
          containerClassName="min-w-36"
        />
        <button type="submit" className={buttonVariants({ variant: "secondary" })}>
          {t("metrics.show")}
        </button>
      </form>

      <Table
        regionLabel={t("metrics.caption", { year })}
        containerClassName="print:overflow-visible print:border-0"
        className="print:text-xs"
      >
        <TableCaption>{t("metrics.caption", { year })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("metrics.type")}</TableHead>
            <TableHead className="text-end">{t("metrics.received")}</TableHead>
            <TableHead className="text-end">{t("metrics.compliedInWhole")}</TableHead>
            <TableHead className="text-end">{t("metrics.compliedInPart")}</TableHead>
            <TableHead className="text-end">{t("metrics.denied")}</TableHead>
            <TableHead>{t("metrics.deniedByReason")}</TableHead>
            <TableHead className="text-end">{t("metrics.pending")}</TableHead>
            <TableHead className="text-end">{t("metrics.medianDays")}</TableHead>
            <TableHead className="text-end">{t("metrics.meanDays")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {metrics.map((row) => {
            const reasons = Object.entries(row.deniedByReason).filter(([, count]) => count > 0);
            return (
              <TableRow key={row.type}>
                <TableHead scope="row" className="text-start font-medium">
                  {t(`types.${row.type}`)}
                </TableHead>
                <TableCell className="text-end tabular-nums">{format.number(row.received)}</TableCell>
                <TableCell className="text-end tabular-nums">{format.number(row.compliedInWhole)}</TableCell>
                <TableCell className="text-end tabular-nums">{format.number(row.compliedInPart)}</TableCell>
                <TableCell className="text-end tabular-nums">{format.number(row.denied)}</TableCell>
                <TableCell>
                  {reasons.length === 0 ? (
                    t("metrics.none")
                  ) : (
                    <ul>
                      {reasons.map(([key, count]) => (
                        <li key={key}>{t("metrics.byReason", { reason: reasonLabel(key), count })}</li>
                      ))}
                    </ul>
                  )}
                </TableCell>
                <TableCell className="text-end tabular-nums">{format.number(row.pending)}</TableCell>
                <TableCell className="text-end tabular-nums">{days(row.medianDays)}</TableCell>
                <TableCell className="text-end tabular-nums">{days(row.meanDays)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <p className="text-sm text-fg-muted">{t("metrics.generated", { date: f.dateTime(now) })}</p>
    </div>
  );
}
