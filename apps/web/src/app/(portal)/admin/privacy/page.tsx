import { coreContext } from "@homeport/core/context";
import {
  canWorkPrivacy,
  listPrivacyQueue,
  PRIVACY_REQUEST_STATUSES,
  PRIVACY_REQUEST_TYPES,
  ZPrivacyQueueFilter,
} from "@homeport/core/privacy/staff";
import type { SlaState } from "@homeport/core/privacy/deadlines";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Inbox } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Privacy requests" };

const SLA_BADGE: Record<SlaState, BadgeVariant> = {
  ON_TRACK: "success",
  DUE_SOON: "warning",
  OVERDUE: "danger",
  CLOSED: "neutral",
};

type Search = Record<string, string | undefined>;

export default async function PrivacyQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/admin/privacy");
  // Not a page for anyone without a privacy role: it doesn't exist for them.
  if (!canWorkPrivacy(user)) notFound();
  const params = await searchParams;
  const ctx = coreContext();
  // With no filter chosen yet the queue shows the open requests; "any status" is an explicit choice.
  const filter = ZPrivacyQueueFilter.parse({ ...params, status: params.status ?? "ACTIVE" });
  const [t, f, requests] = await Promise.all([
    getTranslations("privacyAdmin"),
    dateFormatter(ctx.profile.timeZone),
    listPrivacyQueue(ctx, user, filter),
  ]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/admin/privacy/metrics" className={buttonVariants({ variant: "secondary" })}>
            {t("metricsLink")}
          </Link>
        }
      />

      <form method="get" action="/admin/privacy" aria-label={t("filters")} className="flex flex-wrap items-end gap-3">
        <SelectField
          name="status"
          label={t("statusFilter")}
          defaultValue={filter.status ?? ""}
          options={[
            { value: "ACTIVE", label: t("activeStatuses") },
            { value: "", label: t("anyStatus") },
            ...PRIVACY_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
          ]}
          containerClassName="min-w-44"
        />
        <SelectField
          name="type"
          label={t("typeFilter")}
          defaultValue={filter.type ?? ""}
          options={[
            { value: "", label: t("anyType") },
            ...PRIVACY_REQUEST_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })),
          ]}
          containerClassName="min-w-44"
        />
        <SelectField
          name="sla"
          label={t("slaFilter")}
          defaultValue={filter.sla ?? ""}
          options={[
            { value: "", label: t("anySla") },
            { value: "due_soon", label: t("slaDueSoon") },
            { value: "overdue", label: t("slaOverdue") },
          ]}
          containerClassName="min-w-44"
        />
        <SelectField
          name="assigned"
          label={t("assignedFilter")}
          defaultValue={filter.assigned}
          options={[
            { value: "any", label: t("assignedAny") },
            { value: "me", label: t("assignedMe") },
            { value: "none", label: t("assignedNone") },
          ]}
          containerClassName="min-w-44"
        />
        <TextField
          name="q"
          type="search"
          label={t("search")}
          hint={t("searchHint")}
          defaultValue={filter.q ?? ""}
          maxLength={254}
          containerClassName="min-w-64"
        />
        <button type="submit" className={buttonVariants({ variant: "secondary" })}>
          {t("applyFilters")}
        </button>
      </form>

      {requests.length === 0 ? (
        <EmptyState icon={<Inbox />} title={t("empty")} />
      ) : (
        <Table regionLabel={t("tableCaption")}>
          <TableCaption visuallyHidden>{t("tableCaption")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.reference")}</TableHead>
              <TableHead>{t("columns.type")}</TableHead>
              <TableHead>{t("columns.status")}</TableHead>
              <TableHead>{t("columns.subject")}</TableHead>
              <TableHead>{t("columns.received")}</TableHead>
              <TableHead>{t("columns.due")}</TableHead>
              <TableHead>{t("columns.assigned")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {requests.map((request) => (
              <TableRow key={request.id}>
                <TableCell>
                  <Link
                    href={`/admin/privacy/${request.id}`}
                    className="font-mono text-brand underline underline-offset-4"
                  >
                    {request.reference}
                  </Link>
                </TableCell>
                <TableCell>{t(`types.${request.type}`)}</TableCell>
                <TableCell>{t(`statuses.${request.status}`)}</TableCell>
                <TableCell className="max-w-56 break-words">{request.subject || t("notGiven")}</TableCell>
                <TableCell className="whitespace-nowrap">{f.dateTime(request.receivedAt)}</TableCell>
                <TableCell>
                  <div className="flex flex-col items-start gap-1">
                    <span className="whitespace-nowrap">{f.dateTime(request.dueAt)}</span>
                    <span className="flex flex-wrap gap-1">
                      {request.sla === "CLOSED" ? null : (
                        <Badge variant={SLA_BADGE[request.sla]}>{t(`sla.${request.sla}`)}</Badge>
                      )}
                      {request.extended ? <Badge variant="info">{t("extended")}</Badge> : null}
                    </span>
                  </div>
                </TableCell>
                <TableCell>{request.assignedTo?.name || t("unassigned")}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
