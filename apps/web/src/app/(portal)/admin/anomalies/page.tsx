import { ANOMALY_STATUSES, listAnomalies, ZAnomalyQueueFilter } from "@homeport/core/admin/anomalies";
import { ANOMALY_RULES } from "@homeport/core/admin/anomaly-rules";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Anomalies" };

const SEVERITY_BADGE: Record<number, { variant: BadgeVariant; level: "high" | "medium" | "low" }> = {
  3: { variant: "danger", level: "high" },
  2: { variant: "warning", level: "medium" },
  1: { variant: "info", level: "low" },
};

type Search = Record<string, string | undefined>;

export default async function AnomalyQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/admin/anomalies");
  // Without the permission the page does not exist for them.
  if (!can(user, "REVIEW_ANOMALIES")) notFound();
  const params = await searchParams;
  const ctx = coreContext();
  // With no filter chosen the queue shows what still needs someone; "any status" is an explicit choice.
  const filter = ZAnomalyQueueFilter.parse({ ...params, status: params.status ?? "ACTIVE" });
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  const [t, f, queue] = await Promise.all([
    getTranslations("adminAnomalies"),
    dateFormatter(ctx.profile.timeZone),
    listAnomalies(ctx, user, filter, request),
  ]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />

      <p className="text-sm text-fg-muted">
        {t("totals", {
          open: queue.totals.OPEN,
          acknowledged: queue.totals.ACKNOWLEDGED,
          escalated: queue.totals.ESCALATED,
          resolved: queue.totals.RESOLVED,
        })}
      </p>

      <form method="get" action="/admin/anomalies" aria-label={t("filters")} className="flex flex-wrap items-end gap-3">
        <SelectField
          name="status"
          label={t("statusFilter")}
          defaultValue={filter.status ?? ""}
          options={[
            { value: "ACTIVE", label: t("activeStatuses") },
            { value: "", label: t("anyStatus") },
            ...ANOMALY_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) })),
          ]}
          containerClassName="min-w-44"
        />
        <SelectField
          name="rule"
          label={t("ruleFilter")}
          defaultValue={filter.rule ?? ""}
          options={[
            { value: "", label: t("anyRule") },
            ...ANOMALY_RULES.map((rule) => ({ value: rule, label: t(`rules.${rule}`) })),
          ]}
          containerClassName="min-w-64"
        />
        <button type="submit" className={buttonVariants({ variant: "secondary" })}>
          {t("applyFilters")}
        </button>
      </form>

      {queue.flags.length === 0 ? (
        <EmptyState icon={<ShieldCheck />} title={t("empty")} />
      ) : (
        <Table regionLabel={t("tableCaption")}>
          <TableCaption visuallyHidden>{t("tableCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.rule")}</TableHead>
              <TableHead>{t("columns.severity")}</TableHead>
              <TableHead>{t("columns.subject")}</TableHead>
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead className="text-end">{t("columns.events")}</TableHead>
              <TableHead>{t("columns.firstSeen")}</TableHead>
              <TableHead>{t("columns.lastSeen")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {queue.flags.map((flag) => {
              const severity = SEVERITY_BADGE[flag.severity] ?? SEVERITY_BADGE[1]!;
              return (
                <TableRow key={flag.id}>
                  <TableCell>
                    <Link href={`/admin/anomalies/${flag.id}`} className="text-brand underline underline-offset-4">
                      {t(`rules.${flag.rule}`)}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <Badge variant={severity.variant}>{t("severity", { level: severity.level })}</Badge>
                  </TableCell>
                  <TableCell className="max-w-64 whitespace-normal [overflow-wrap:anywhere]">
                    <div className="flex flex-col gap-0.5">
                      <span>
                        <span className="text-fg-muted">{t(`subject.${flag.subject.kind}`)}: </span>
                        {flag.subject.label}
                      </span>
                      {flag.subject.accountId ? (
                        <Link
                          href={`/admin/accounts/${flag.subject.accountId}`}
                          className="text-brand underline underline-offset-4"
                        >
                          {t("accountLink", { number: flag.subject.accountNumber ?? "" })}
                        </Link>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell>{t(`statuses.${flag.status}`)}</TableCell>
                  <TableCell className="text-end tabular-nums">{flag.eventCount}</TableCell>
                  <TableCell className="whitespace-nowrap">{f.dateTime(flag.firstSeenAt)}</TableCell>
                  <TableCell className="whitespace-nowrap">{f.dateTime(flag.lastSeenAt)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
