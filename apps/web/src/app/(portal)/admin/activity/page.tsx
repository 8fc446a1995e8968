import {
  ACTIVITY_EXPORT_MAX_ROWS,
  ACTIVITY_OUTCOMES,
  ACTIVITY_QUERY_FIELDS,
  type ActivityPage,
  activityFilterFromQuery,
  type ActivityQuery,
  searchActivity,
  summariseDetails,
} from "@homeport/core/admin/activity";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Download, ScrollText } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Activity" };

const OUTCOME_BADGE: Record<string, BadgeVariant> = { SUCCESS: "success", FAILURE: "warning", DENIED: "danger" };

type Search = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() ? text.trim() : undefined;
}

export default async function ActivityReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/admin/activity");
  // Without VIEW_ACTIVITY the page does not exist for them.
  if (!can(user, "VIEW_ACTIVITY")) notFound();
  const params = await searchParams;
  const ctx = coreContext();
  const timeZone = ctx.profile.timeZone;
  const query: ActivityQuery = Object.fromEntries(
    [...ACTIVITY_QUERY_FIELDS, "cursor" as const].map((field) => [field, first(params[field])]),
  );
  const [t, f, request] = await Promise.all([
    getTranslations("adminActivity"),
    dateFormatter(timeZone),
    requestContext({ userId: user.id, sessionId: user.sessionId }),
  ]);

  let result: ActivityPage = { events: [], nextCursor: null };
  let invalid = false;
  try {
    result = await searchActivity(ctx, user, activityFilterFromQuery(query, timeZone), request);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    invalid = true;
  }

  const href = (path: string, extra: Partial<ActivityQuery> = {}) => {
    const search = new URLSearchParams();
    for (const field of ACTIVITY_QUERY_FIELDS) if (query[field]) search.set(field, query[field]!);
    for (const [key, value] of Object.entries(extra)) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `${path}?${text}` : path;
  };
  const filtered = ACTIVITY_QUERY_FIELDS.some((field) => query[field]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a
            href={href("/admin/activity/export")}
            download
            className={buttonVariants({ variant: "secondary" })}
            aria-describedby="activity-download-hint"
          >
            <Download aria-hidden="true" className="size-4" />
            {t("downloadCsv")}
          </a>
        }
      />
      <p id="activity-download-hint" className="-mt-4 text-sm text-fg-muted">
        {t("downloadHint", { max: ACTIVITY_EXPORT_MAX_ROWS })}
      </p>

      <form
        method="get"
        action="/admin/activity"
        aria-label={t("filters")}
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <TextField
          name="accountId"
          label={t("account")}
          hint={t("accountHint")}
          defaultValue={query.accountId ?? ""}
          autoComplete="off"
        />
        <TextField
          name="actor"
          label={t("actor")}
          hint={t("actorHint")}
          defaultValue={query.actor ?? ""}
          autoComplete="off"
        />
        <TextField
          name="action"
          label={t("action")}
          hint={t("actionHint")}
          defaultValue={query.action ?? ""}
          autoComplete="off"
        />
        <SelectField
          name="outcome"
          label={t("outcome")}
          defaultValue={ACTIVITY_OUTCOMES.find((o) => o === query.outcome) ?? ""}
          options={[
            { value: "", label: t("anyOutcome") },
            ...ACTIVITY_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) })),
          ]}
        />
        <TextField name="ip" label={t("ip")} defaultValue={query.ip ?? ""} autoComplete="off" spellCheck={false} />
        <TextField
          name="from"
          type="datetime-local"
          label={t("from")}
          hint={t("timeHint", { timeZone })}
          defaultValue={query.from ?? ""}
        />
        <TextField
          name="to"
          type="datetime-local"
          label={t("to")}
          hint={t("timeHint", { timeZone })}
          defaultValue={query.to ?? ""}
        />
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className={buttonVariants({ variant: "primary" })}>
            {t("apply")}
          </button>
          {filtered ? (
            <Link href="/admin/activity" className={buttonVariants({ variant: "ghost" })}>
              {t("clear")}
            </Link>
          ) : null}
        </div>
      </form>

      {invalid ? (
        <Alert variant="danger" title={t("invalid")}>
          {t("invalidHint")}
        </Alert>
      ) : result.events.length === 0 ? (
        <EmptyState icon={<ScrollText />} title={t("empty")} description={t("emptyHint")} />
      ) : (
        <Table regionLabel={t("tableLabel")}>
          <TableCaption visuallyHidden>{t("tableLabel")}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("columns.time")}</TableHead>
              <TableHead>{t("columns.actor")}</TableHead>
              <TableHead>{t("columns.action")}</TableHead>
              <TableHead>{t("columns.outcome")}</TableHead>
              <TableHead>{t("columns.account")}</TableHead>
              <TableHead>{t("columns.ip")}</TableHead>
              <TableHead>{t("columns.details")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.events.map((event) => (
              <TableRow key={event.id}>
                <TableCell>
                  <time dateTime={event.occurredAt.toISOString()} title={event.occurredAt.toISOString()}>
                    {f.dateTime(event.occurredAt)}
                  </time>
                </TableCell>
                <TableCell>
                  {event.actor ? (
                    <span className="flex flex-col">
                      <span>{event.actor.name}</span>
                      <span className="text-xs text-fg-muted">{event.actor.email}</span>
                    </span>
                  ) : (
                    <span className="text-fg-muted">{t("system")}</span>
                  )}
                </TableCell>
                <TableCell className="font-mono text-xs">{event.action}</TableCell>
                <TableCell>
                  <Badge variant={OUTCOME_BADGE[event.outcome] ?? "neutral"}>{t(`outcomes.${event.outcome}`)}</Badge>
                </TableCell>
                <TableCell>
                  {event.account ? (
                    <span className="flex flex-col">
                      <span className="font-mono">{event.account.accountNumber}</span>
                      <span className="text-xs text-fg-muted">{event.account.holderName}</span>
                    </span>
                  ) : (
                    <span className="text-fg-muted">{t("noAccount")}</span>
                  )}
                </TableCell>
                <TableCell className="font-mono text-xs">{event.ip ?? ""}</TableCell>
                <TableCell className="max-w-md text-xs break-words whitespace-normal">
                  {summariseDetails(event.details)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <nav aria-label={t("pagination")} className="flex flex-wrap gap-3">
        {query.cursor ? (
          <Link href={href("/admin/activity")} className={buttonVariants({ variant: "secondary" })}>
            {t("newest")}
          </Link>
        ) : null}
        {result.nextCursor ? (
          <Link
            href={href("/admin/activity", { cursor: result.nextCursor })}
            className={buttonVariants({ variant: "secondary" })}
          >
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
