import { coreContext } from "@homeport/core/context";
import { displayPhone } from "@homeport/core/provider/display-phone";
import {
  allowedTicketStatuses,
  canWorkTickets,
  listSupportTickets,
  TICKET_KINDS,
  TICKET_STATUSES,
} from "@homeport/core/services/staff-tickets";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Inbox } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { requireUser } from "@/lib/session";
import { TicketStatusForm } from "./ticket-status-form.tsx";

export const metadata = { title: "Support tickets" };

const STATUS_BADGE: Record<string, BadgeVariant> = {
  OPEN: "info",
  IN_PROGRESS: "warning",
  RESOLVED: "success",
  CANCELLED: "neutral",
};
const TOPICS = new Set(["billing", "internet", "tv", "phone", "email", "equipment", "moving", "other"]);
const SLOTS = new Set(["asap", "morning", "afternoon", "evening"]);
const ERROR_KEYS = [
  "generic",
  "TICKET_NOT_FOUND",
  "TICKET_CHANGED",
  "TRANSITION_NOT_ALLOWED",
  "STATUS_UNCHANGED",
  "STATUS_INVALID",
  "NOTE_TOO_LONG",
] as const;

type Search = { status?: string; kind?: string; after?: string };

export default async function TicketQueuePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/admin/tickets");
  // Not a page for anyone without a ticket role: it doesn't exist for them.
  if (!canWorkTickets(user)) notFound();
  const params = await searchParams;
  const [t, th, f] = await Promise.all([getTranslations("staffTickets"), getTranslations("help"), billingFormatter()]);
  const ctx = coreContext();
  const filter = {
    status: TICKET_STATUSES.find((s) => s === params.status),
    kind: TICKET_KINDS.find((k) => k === params.kind),
  };
  const { tickets, next } = await listSupportTickets(ctx, user, { ...filter, after: params.after, limit: 20 });
  const query = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `/admin/tickets?${text}` : "/admin/tickets";
  };
  const errors = Object.fromEntries(ERROR_KEYS.map((key) => [key, t(`errors.${key}`)]));
  const statusLabel = (status: string) => th(`statuses.${status}`);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />

      <form method="get" action="/admin/tickets" aria-label={t("filters")} className="flex flex-wrap items-end gap-3">
        <SelectField
          name="status"
          label={t("statusFilter")}
          defaultValue={filter.status ?? ""}
          options={[
            { value: "", label: t("anyStatus") },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
          ]}
          containerClassName="min-w-44"
        />
        <SelectField
          name="kind"
          label={t("kindFilter")}
          defaultValue={filter.kind ?? ""}
          options={[
            { value: "", label: t("anyKind") },
            ...TICKET_KINDS.map((k) => ({ value: k, label: th(`kinds.${k}`) })),
          ]}
          containerClassName="min-w-44"
        />
        <button type="submit" className={buttonVariants({ variant: "secondary" })}>
          {t("applyFilters")}
        </button>
      </form>

      {tickets.length === 0 ? (
        <EmptyState icon={<Inbox />} title={t("empty")} />
      ) : (
        <ul className="flex flex-col gap-4" aria-label={t("listLabel")}>
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <Card>
                <CardHeader
                  action={
                    <Badge variant={STATUS_BADGE[ticket.status] ?? "neutral"}>{statusLabel(ticket.status)}</Badge>
                  }
                >
                  <CardTitle>
                    <span className="font-mono">{ticket.reference}</span>
                    <span className="ms-2 font-normal text-fg-muted">
                      {th(`kinds.${ticket.kind}`)}
                      {TOPICS.has(ticket.topic) ? ` · ${th(`topics.${ticket.topic}`)}` : ` · ${ticket.topic}`}
                    </span>
                  </CardTitle>
                </CardHeader>
                <CardContent className="grid gap-6 md:grid-cols-2 [&>*]:min-w-0">
                  <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
                    <dt className="text-fg-muted">{t("account")}</dt>
                    <dd>
                      {ticket.account.holderName} · <span className="font-mono">{ticket.account.accountNumber}</span>
                    </dd>
                    <dt className="text-fg-muted">{t("requestedBy")}</dt>
                    <dd>{ticket.createdBy?.name || "—"}</dd>
                    <dt className="text-fg-muted">{t("created")}</dt>
                    <dd>{f.instant(ticket.createdAt, ticket.account.timeZone)}</dd>
                    {ticket.phone ? (
                      <>
                        <dt className="text-fg-muted">{t("phone")}</dt>
                        <dd>
                          <a href={`tel:${ticket.phone}`} className="text-brand underline underline-offset-4">
                            {displayPhone(ticket.phone)}
                          </a>
                        </dd>
                      </>
                    ) : null}
                    {ticket.preferredDate ? (
                      <>
                        <dt className="text-fg-muted">{t("preferred")}</dt>
                        <dd>
                          {f.day(ticket.preferredDate.toISOString().slice(0, 10))}
                          {ticket.preferredSlot && SLOTS.has(ticket.preferredSlot)
                            ? ` · ${th(`slots.${ticket.preferredSlot}`)}`
                            : ""}
                        </dd>
                      </>
                    ) : null}
                    {ticket.details ? (
                      <>
                        <dt className="text-fg-muted">{t("details")}</dt>
                        <dd className="break-words whitespace-pre-line">{ticket.details}</dd>
                      </>
                    ) : null}
                    {ticket.staffNote ? (
                      <>
                        <dt className="text-fg-muted">{t("staffNote")}</dt>
                        <dd className="break-words whitespace-pre-line">{ticket.staffNote}</dd>
                      </>
                    ) : null}
                  </dl>
                  <TicketStatusForm
                    ticketId={ticket.id}
                    reference={t("updateFormLabel", { reference: ticket.reference })}
                    status={ticket.status}
                    options={[ticket.status, ...allowedTicketStatuses(ticket.status)].map((s) => ({
                      value: s,
                      label: statusLabel(s),
                    }))}
                    errors={errors}
                    labels={{
                      status: t("newStatus"),
                      note: t("note"),
                      noteHint: t("noteHint"),
                      optional: t("optional"),
                      submit: t("update"),
                      saved: t("saved"),
                    }}
                  />
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}

      <nav aria-label={t("pagination")} className="flex flex-wrap gap-3">
        {params.after ? (
          <Link href={query({})} className={buttonVariants({ variant: "secondary" })}>
            {t("firstPage")}
          </Link>
        ) : null}
        {next ? (
          <Link href={query({ after: next })} className={buttonVariants({ variant: "secondary" })}>
            {t("nextPage")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
