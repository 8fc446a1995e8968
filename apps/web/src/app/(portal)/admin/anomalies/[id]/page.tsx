import { getAnomaly } from "@homeport/core/admin/anomalies";
import { HOUR, MINUTE, RULE_WINDOW_MS } from "@homeport/core/admin/anomaly-rules";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { describeDevice } from "@homeport/core/identity/describe-device";
import { Alert } from "@homeport/ui/alert";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { TextAreaField } from "@homeport/ui/textarea";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { acknowledgeAnomalyAction, escalateAnomalyAction, resolveAnomalyAction } from "@/actions/admin-anomalies";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Anomaly" };

const SEVERITY_BADGE: Record<number, { variant: BadgeVariant; level: "high" | "medium" | "low" }> = {
  3: { variant: "danger", level: "high" },
  2: { variant: "warning", level: "medium" },
  1: { variant: "info", level: "low" },
};
const FORMS = ["acknowledge", "escalate", "resolve"] as const;
type FormName = (typeof FORMS)[number];

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const counts = (value: unknown): [string, number][] =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number")
    : [];

export default async function AnomalyPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await params;
  const user = await requireUser(`/admin/anomalies/${encodeURIComponent(id)}`);
  if (!can(user, "REVIEW_ANOMALIES")) notFound();
  const ctx = coreContext();
  const request = await requestContext({ userId: user.id, sessionId: user.sessionId });
  const file = await getAnomaly(ctx, user, id, request);
  if (!file) notFound();
  const query = await searchParams;
  const [t, f] = await Promise.all([getTranslations("adminAnomalies"), dateFormatter(ctx.profile.timeZone)]);
  const { flag, subject } = file;
  const severity = SEVERITY_BADGE[flag.severity] ?? SEVERITY_BADGE[1]!;
  const windowMs = RULE_WINDOW_MS[flag.rule];
  const threshold = typeof flag.details.threshold === "number" ? flag.details.threshold : 0;

  const done = FORMS.find((form) => form === query.done);
  const errorForm = FORMS.find((form) => form === query.form);
  const errorCode = query.error && /^[A-Z_]{2,40}$/.test(query.error) ? query.error : null;
  const errorMessage = (form: FormName): ReactNode => {
    if (errorForm !== form || !errorCode) return null;
    return (
      <Alert variant="danger">{t.has(`errors.${errorCode}`) ? t(`errors.${errorCode}`) : t("errors.generic")}</Alert>
    );
  };
  const reason = (key: string) => (t.has(`reasons.${key}`) ? t(`reasons.${key}`) : key);
  const device = (userAgent: string | null) => {
    const described = describeDevice(userAgent);
    return [described.browser, described.os].filter(Boolean).join(" / ") || userAgent || "—";
  };
  const addresses = strings(flag.details.ips);
  const emails = strings(flag.details.emails);
  const changes = strings(flag.details.changes);
  const reasons = counts(flag.details.reasons);

  const actionForm = (form: FormName, action: (data: FormData) => Promise<void>, variant: "primary" | "secondary") => (
    <Card id={form} key={form}>
      <CardHeader>
        <CardTitle as="h3">{t(`forms.${form}Title`)}</CardTitle>
      </CardHeader>
      <CardContent>
        <form action={action} className="flex flex-col gap-3">
          <input type="hidden" name="flagId" value={flag.id} />
          {errorMessage(form)}
          <p className="text-sm text-fg-muted">{t(`forms.${form}Hint`)}</p>
          <TextAreaField
            id={`${form}-note`}
            name="note"
            label={t("forms.note")}
            hint={t("forms.noteHint")}
            rows={3}
            minLength={5}
            maxLength={1000}
            required
          />
          <Button type="submit" variant={variant} className="self-start">
            {t(`forms.${form}`)}
          </Button>
        </form>
      </CardContent>
    </Card>
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Link href="/admin/anomalies" className="text-sm text-brand underline underline-offset-4">
            {t("detail.back")}
          </Link>
        }
        title={t(`rules.${flag.rule}`)}
        description={t(`explanations.${flag.rule}`, {
          threshold,
          minutes: windowMs / MINUTE,
          hours: windowMs / HOUR,
        })}
        actions={
          <>
            <Badge variant={severity.variant}>{t("severity", { level: severity.level })}</Badge>
            <Badge variant={flag.status === "RESOLVED" ? "success" : "neutral"}>{t(`statuses.${flag.status}`)}</Badge>
          </>
        }
      />

      {done ? <Alert variant="success">{t(`done.${done}`)}</Alert> : null}

      <Card>
        <CardHeader>
          <CardTitle>{t("detail.summary")}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
            <dt className="text-fg-muted">{t(`subject.${subject.kind}`)}</dt>
            <dd className="break-words">{subject.label}</dd>
            <dt className="text-fg-muted">{t("detail.account")}</dt>
            <dd>
              {subject.accountId ? (
                <Link href={`/admin/accounts/${subject.accountId}`} className="text-brand underline underline-offset-4">
                  {t("accountLink", { number: subject.accountNumber ?? "" })}
                </Link>
              ) : (
                t("detail.noAccount")
              )}
            </dd>
            <dt className="text-fg-muted">{t("detail.window")}</dt>
            <dd>{f.dateTime(flag.windowStart)}</dd>
            <dt className="text-fg-muted">{t("detail.firstSeen")}</dt>
            <dd>{f.dateTime(flag.firstSeenAt)}</dd>
            <dt className="text-fg-muted">{t("detail.lastSeen")}</dt>
            <dd>{f.dateTime(flag.lastSeenAt)}</dd>
            <dt className="text-fg-muted">{t("detail.events")}</dt>
            <dd className="tabular-nums">{flag.eventCount}</dd>
            {addresses.length ? (
              <>
                <dt className="text-fg-muted">{t("detail.addresses")}</dt>
                <dd className="break-words font-mono">{addresses.join(", ")}</dd>
              </>
            ) : null}
            {emails.length ? (
              <>
                <dt className="text-fg-muted">{t("detail.emails")}</dt>
                <dd className="break-words">{emails.join(", ")}</dd>
              </>
            ) : null}
            {changes.length ? (
              <>
                <dt className="text-fg-muted">{t("detail.changes")}</dt>
                <dd className="break-words font-mono">{changes.join(", ")}</dd>
              </>
            ) : null}
            {reasons.length ? (
              <>
                <dt className="text-fg-muted">{t("detail.reasons")}</dt>
                <dd>{reasons.map(([key, count]) => `${reason(key)}: ${count}`).join(" · ")}</dd>
              </>
            ) : null}
          </dl>
        </CardContent>
      </Card>

      <section aria-labelledby="related-title" className="flex flex-col gap-3">
        <h2 id="related-title" className="text-xl font-semibold">
          {t("detail.relatedTitle")}
        </h2>
        <p className="text-sm text-fg-muted">{t("detail.relatedHint")}</p>
        {file.related.length === 0 ? (
          <p className="text-sm">{t("detail.relatedEmpty")}</p>
        ) : (
          <Table regionLabel={t("detail.relatedCaption")}>
            <TableCaption visuallyHidden>{t("detail.relatedCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("related.time")}</TableHead>
                <TableHead>{t("related.action")}</TableHead>
                <TableHead>{t("related.outcome")}</TableHead>
                <TableHead>{t("related.target")}</TableHead>
                <TableHead>{t("related.address")}</TableHead>
                <TableHead>{t("related.device")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {file.related.map((event) => (
                <TableRow key={event.id}>
                  <TableCell className="whitespace-nowrap">
                    <time dateTime={event.occurredAt.toISOString()}>{f.dateTime(event.occurredAt)}</time>
                  </TableCell>
                  <TableCell className="font-mono text-xs">{event.action}</TableCell>
                  <TableCell>
                    {t(`outcomes.${event.outcome}`)}
                    {event.reason ? ` (${reason(event.reason)})` : ""}
                  </TableCell>
                  <TableCell className="max-w-56 break-words">{event.target ?? "—"}</TableCell>
                  <TableCell className="font-mono text-xs">{event.ip ?? "—"}</TableCell>
                  <TableCell className="max-w-56 break-words">{device(event.userAgent)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="actions-title" className="flex flex-col gap-4">
        <h2 id="actions-title" className="text-xl font-semibold">
          {t("detail.actionsTitle")}
        </h2>
        {flag.status === "RESOLVED" ? <p className="text-sm text-fg-muted">{t("detail.closedNote")}</p> : null}
        {errorForm && !file.actions[errorForm] ? <div id={errorForm}>{errorMessage(errorForm)}</div> : null}
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          {file.actions.acknowledge ? actionForm("acknowledge", acknowledgeAnomalyAction, "primary") : null}
          {file.actions.escalate ? actionForm("escalate", escalateAnomalyAction, "secondary") : null}
          {file.actions.resolve ? actionForm("resolve", resolveAnomalyAction, "primary") : null}
        </div>
      </section>

      <section aria-labelledby="notes-title" className="flex flex-col gap-3">
        <h2 id="notes-title" className="text-xl font-semibold">
          {t("detail.notesTitle")}
        </h2>
        {file.notes.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("detail.notesEmpty")}</p>
        ) : (
          <ol className="flex flex-col gap-3 border-s border-border ps-4" aria-label={t("detail.notesTitle")}>
            {file.notes.map((note) => (
              <li key={note.id} className="flex flex-col gap-0.5 text-sm">
                <span className="font-medium">
                  {t.has(`noteActions.${note.action}`) ? t(`noteActions.${note.action}`) : note.action}
                </span>
                <span className="text-fg-muted">
                  <time dateTime={note.createdAt.toISOString()}>{f.dateTime(note.createdAt)}</time>{" "}
                  {note.actorName ? t("detail.by", { name: note.actorName }) : t("detail.system")}
                </span>
                <p className="break-words whitespace-pre-line">{note.note}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
