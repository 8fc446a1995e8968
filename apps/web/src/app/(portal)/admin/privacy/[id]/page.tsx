import { coreContext } from "@homeport/core/context";
import type { SlaState } from "@homeport/core/privacy/deadlines";
import { canWorkPrivacy, DENIAL_REASONS, getPrivacyRequestForStaff } from "@homeport/core/privacy/staff";
import { DATA_POINTS, verificationNeeded } from "@homeport/core/privacy/verification-rules";
import { displayPhone } from "@homeport/core/provider/display-phone";
import { Alert } from "@homeport/ui/alert";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { CheckboxField } from "@homeport/ui/checkbox";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { TextAreaField } from "@homeport/ui/textarea";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import {
  addNoteAction,
  applyCorrectionAction,
  assignToMeAction,
  completeCorrectionAction,
  denyAction,
  extendAction,
  verifyAction,
} from "@/actions/privacy-admin";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Privacy request" };

const SLA_BADGE: Record<SlaState, BadgeVariant> = {
  ON_TRACK: "success",
  DUE_SOON: "warning",
  OVERDUE: "danger",
  CLOSED: "neutral",
};
const FORMS = ["assign", "note", "verify", "extend", "deny", "correct", "complete"] as const;
type FormName = (typeof FORMS)[number];
const EVENT_KINDS = new Set([
  "received",
  "note",
  "assigned",
  "verified",
  "extended",
  "denied",
  "completed",
  "correction_applied",
]);
const CLAIMED_POINTS = ["name", "email", "phone", "accountNumber", "zip", "addressLine1"] as const;

export default async function PrivacyRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await params;
  const user = await requireUser(`/admin/privacy/${encodeURIComponent(id)}`);
  if (!canWorkPrivacy(user)) notFound();
  const ctx = coreContext();
  const file = await getPrivacyRequestForStaff(ctx, user, id);
  if (!file) notFound();
  const query = await searchParams;
  const [t, f, format] = await Promise.all([
    getTranslations("privacyAdmin"),
    dateFormatter(ctx.profile.timeZone),
    getFormatter(),
  ]);
  const { request, claimed, verification, correction, actions, account, subject } = file;

  const done = FORMS.find((form) => form === query.done);
  const errorForm = FORMS.find((form) => form === query.form);
  const errorCode = query.error && /^[A-Z_]{2,40}$/.test(query.error) ? query.error : null;
  const errorMessage = (form: FormName): ReactNode => {
    if (errorForm !== form || !errorCode) return null;
    const message = t.has(`errors.${errorCode}`) ? t(`errors.${errorCode}`) : t("errors.generic");
    return <Alert variant="danger">{message}</Alert>;
  };
  const point = (key: string) => (t.has(`points.${key}`) ? t(`points.${key}`) : key);
  const reason = (key: string) => (t.has(`reasons.${key}`) ? t(`reasons.${key}`) : key);
  const eventLabel = (kind: string) => {
    if (kind.startsWith("notice.")) return t("events.notice", { kind: kind.slice("notice.".length) });
    return EVENT_KINDS.has(kind) ? t(`events.${kind}`) : t("events.other", { kind });
  };
  const size = (bytes: number) =>
    bytes >= 1024 * 1024
      ? `${format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} MB`
      : `${format.number(Math.max(1, Math.round(bytes / 1024)))} KB`;
  const hidden = <input type="hidden" name="requestId" value={request.id} />;
  const need = verificationNeeded(request.type);
  const optOut = need.points === 0;
  const open = request.status === "RECEIVED" || request.status === "VERIFIED" || request.status === "IN_PROGRESS";
  const excluded = correction
    ? { name: "name", email: "email", phone: "phone", address: "addressLine1" }[correction.field]
    : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Link href="/admin/privacy" className="text-sm text-brand underline underline-offset-4">
            {t("detail.back")}
          </Link>
        }
        title={<span className="font-mono">{request.reference}</span>}
        description={t(`types.${request.type}`)}
        actions={
          <>
            <Badge variant={request.status === "DENIED" ? "danger" : "neutral"}>
              {t(`statuses.${request.status}`)}
            </Badge>
            {file.sla === "CLOSED" ? null : <Badge variant={SLA_BADGE[file.sla]}>{t(`sla.${file.sla}`)}</Badge>}
          </>
        }
      />

      {done ? <Alert variant="success">{t(`done.${done}`)}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.summary")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
              <dt className="text-fg-muted">{t("detail.channel")}</dt>
              <dd>{t(`channels.${request.channel}`)}</dd>
              <dt className="text-fg-muted">{t("detail.received")}</dt>
              <dd>{f.dateTime(request.receivedAt)}</dd>
              <dt className="text-fg-muted">{t("detail.confirmed")}</dt>
              <dd>{request.confirmedAt ? f.dateTime(request.confirmedAt) : t("detail.notConfirmed")}</dd>
              <dt className="text-fg-muted">{t("detail.due")}</dt>
              <dd data-testid="due-at">{f.dateTime(request.dueAt)}</dd>
              {request.extendedAt ? (
                <>
                  <dt className="text-fg-muted">{t("extended")}</dt>
                  <dd className="break-words">
                    {t("detail.extendedOn", {
                      date: f.dateTime(request.extendedAt),
                      reason: request.extensionReason ?? "",
                    })}
                  </dd>
                </>
              ) : null}
              <dt className="text-fg-muted">{t("detail.assigned")}</dt>
              <dd>{file.assignedTo?.name || t("unassigned")}</dd>
              {request.completedAt ? (
                <>
                  <dt className="text-fg-muted">{t("detail.completed")}</dt>
                  <dd>{f.dateTime(request.completedAt)}</dd>
                </>
              ) : null}
              {request.outcome ? (
                <>
                  <dt className="text-fg-muted">{t("detail.outcome")}</dt>
                  <dd>{t(`outcomes.${request.outcome}`)}</dd>
                </>
              ) : null}
              {request.denialReason ? (
                <>
                  <dt className="text-fg-muted">{t("detail.denialReason")}</dt>
                  <dd>{reason(request.denialReason)}</dd>
                </>
              ) : null}
            </dl>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("detail.claimedTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <p className="text-sm text-fg-muted">{t("detail.claimedHint")}</p>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
              {CLAIMED_POINTS.map((key) => (
                <div key={key} className="contents">
                  <dt className="text-fg-muted">{point(key)}</dt>
                  <dd className="break-words">{claimed[key] || t("notGiven")}</dd>
                </div>
              ))}
              <dt className="text-fg-muted">{t("detail.declaration")}</dt>
              <dd>
                {request.declarationSignedAt
                  ? t("detail.declarationSigned", {
                      name: request.declarationName ?? "",
                      date: f.dateTime(request.declarationSignedAt),
                    })
                  : t("detail.declarationNone")}
              </dd>
            </dl>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("detail.verificationTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3 text-sm">
            {verification ? (
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                <dt className="text-fg-muted">{t("detail.method")}</dt>
                <dd>{t.has(`methods.${verification.method}`) ? t(`methods.${verification.method}`) : "—"}</dd>
                {verification.method === "signed_in" ? null : (
                  <>
                    <dt className="text-fg-muted">{t("detail.matched")}</dt>
                    <dd>
                      {t("detail.matchedCount", { count: verification.count, needed: verification.needed })}
                      {verification.matched.length ? ` · ${verification.matched.map(point).join(", ")}` : ""}
                    </dd>
                  </>
                )}
                {request.channel === "AUTHORIZED_AGENT" ? (
                  <>
                    <dt className="text-fg-muted">{t("detail.permissionChecked")}</dt>
                    <dd>{verification.permissionChecked ? t("detail.yes") : t("detail.no")}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <p>{t("detail.verificationNone")}</p>
            )}
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
              <dt className="text-fg-muted">{t("detail.subject")}</dt>
              <dd className="break-words">{subject ? `${subject.name} · ${subject.email}` : "—"}</dd>
              <dt className="text-fg-muted">{t("detail.account")}</dt>
              <dd className="break-words">
                {account ? (
                  <>
                    {account.holderName} · <span className="font-mono">{account.accountNumber}</span>
                    <br />
                    {account.addressLine1}, {account.city}, {account.state} {account.zip}
                    {account.phoneOnFile ? (
                      <>
                        <br />
                        {displayPhone(account.phoneOnFile)}
                      </>
                    ) : null}
                    {account.emailOnFile ? (
                      <>
                        <br />
                        {account.emailOnFile}
                      </>
                    ) : null}
                  </>
                ) : (
                  t("detail.noAccount")
                )}
              </dd>
            </dl>
            {!account && file.candidateAccountNumber ? (
              <p>{t("detail.candidate", { accountNumber: file.candidateAccountNumber })}</p>
            ) : null}
          </CardContent>
        </Card>

        {request.channel === "AUTHORIZED_AGENT" ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.agentTitle")}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
                <dt className="text-fg-muted">{t("detail.agentName")}</dt>
                <dd className="break-words">{request.agentName || t("notGiven")}</dd>
                <dt className="text-fg-muted">{t("detail.agentEmail")}</dt>
                <dd className="break-words">{request.agentEmail || t("notGiven")}</dd>
                <dt className="text-fg-muted">{t("detail.permission")}</dt>
                <dd>
                  {file.uploads.length === 0 ? (
                    t("detail.noUpload")
                  ) : (
                    <ul className="flex flex-col gap-1">
                      {file.uploads.map((upload) => (
                        <li key={upload.id}>
                          <a
                            href={`/admin/privacy/upload/${upload.id}`}
                            className="text-brand underline underline-offset-4"
                          >
                            {t("detail.download", { name: upload.storedName, size: size(upload.bytes) })}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </dl>
            </CardContent>
          </Card>
        ) : null}

        {correction ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("detail.correctionTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
                <dt className="text-fg-muted">{t("detail.correctionField")}</dt>
                <dd>{t(`fields.${correction.field}`)}</dd>
                <dt className="text-fg-muted">{t("detail.correctionValue")}</dt>
                <dd className="break-words">{correction.value}</dd>
                {correction.details ? (
                  <>
                    <dt className="text-fg-muted">{t("detail.correctionDetails")}</dt>
                    <dd className="break-words whitespace-pre-line">{correction.details}</dd>
                  </>
                ) : null}
              </dl>
            </CardContent>
          </Card>
        ) : null}
      </div>

      <section aria-labelledby="actions-title" className="flex flex-col gap-4">
        <h2 id="actions-title" className="text-xl font-semibold">
          {t("detail.actionsTitle")}
        </h2>
        {optOut ? (
          <p className="text-sm text-fg-muted">{t("detail.optOutNote")}</p>
        ) : !open ? (
          <p className="text-sm text-fg-muted">{t("detail.closedNote")}</p>
        ) : request.type !== "CORRECT" ? (
          <p className="text-sm text-fg-muted">{t("detail.fulfilledByJob")}</p>
        ) : null}

        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          {actions.assign ? (
            <Card id="assign">
              <CardHeader>
                <CardTitle as="h3">{t("forms.assignTitle")}</CardTitle>
              </CardHeader>
              <CardContent className="flex flex-col gap-3">
                {errorMessage("assign")}
                {file.assignedTo?.id === user.id ? (
                  <p className="text-sm">{t("forms.assignedToYou")}</p>
                ) : (
                  <form action={assignToMeAction}>
                    {hidden}
                    <Button type="submit" variant="secondary">
                      {t("forms.assignToMe")}
                    </Button>
                  </form>
                )}
              </CardContent>
            </Card>
          ) : null}

          <Card id="note">
            <CardHeader>
              <CardTitle as="h3">{t("forms.noteTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              <form action={addNoteAction} className="flex flex-col gap-3">
                {hidden}
                {errorMessage("note")}
                <TextAreaField
                  name="note"
                  label={t("forms.note")}
                  hint={t("forms.noteHint")}
                  rows={3}
                  maxLength={2000}
                  required
                />
                <Button type="submit" variant="secondary" className="self-start">
                  {t("forms.addNote")}
                </Button>
              </form>
            </CardContent>
          </Card>

          {actions.verify ? (
            <Card id="verify">
              <CardHeader>
                <CardTitle as="h3">{t("forms.verifyTitle")}</CardTitle>
              </CardHeader>
              <CardContent>
                <form action={verifyAction} className="flex flex-col gap-3">
                  {hidden}
                  {errorMessage("verify")}
                  <p className="text-sm text-fg-muted">{t("forms.verifyHint")}</p>
                  <TextField
                    name="accountNumber"
                    label={t("forms.accountNumber")}
                    inputMode="numeric"
                    autoComplete="off"
                    defaultValue={file.candidateAccountNumber ?? claimed.accountNumber ?? ""}
                    required
                  />
                  <fieldset className="flex flex-col gap-2">
                    <legend className="mb-1 text-sm font-medium">{t("forms.matched")}</legend>
                    <p className="text-sm text-fg-muted">
                      {t("forms.needed", { count: need.points })}
                      {need.declaration ? ` ${t("forms.declarationNeeded")}` : ""}
                    </p>
                    {DATA_POINTS.filter((key) => key !== excluded).map((key) => (
                      <CheckboxField key={key} name="matched" value={key} label={point(key)} />
                    ))}
                  </fieldset>
                  {request.channel === "AUTHORIZED_AGENT" ? (
                    <CheckboxField name="permissionChecked" label={t("forms.permissionChecked")} />
                  ) : null}
                  <TextAreaField
                    name="note"
                    label={t("forms.verifyNote")}
                    optionalText={t("forms.optional")}
                    rows={2}
                    maxLength={1000}
                  />
                  <Button type="submit" className="self-start">
                    {t("forms.verify")}
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : null}

          {actions.extend ? (
            <Card id="extend">
              <CardHeader>
                <CardTitle as="h3">{t("forms.extendTitle")}</CardTitle>
              </CardHeader>
              <CardContent>
                <form action={extendAction} className="flex flex-col gap-3">
                  {hidden}
                  {errorMessage("extend")}
                  <p className="text-sm text-fg-muted">{t("forms.extendHint")}</p>
                  <TextAreaField
                    name="reason"
                    label={t("forms.reason")}
                    hint={t("forms.reasonHint")}
                    rows={3}
                    minLength={10}
                    maxLength={500}
                    required
                  />
                  <Button type="submit" variant="secondary" className="self-start">
                    {t("forms.extend")}
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : errorForm === "extend" ? (
            <div id="extend">{errorMessage("extend")}</div>
          ) : null}

          {actions.applyCorrection && correction ? (
            <Card id="correct">
              <CardHeader>
                <CardTitle as="h3">{t("forms.correctTitle")}</CardTitle>
              </CardHeader>
              <CardContent>
                {correction.field === "address" ? (
                  <div className="flex flex-col gap-3">
                    {errorMessage("correct")}
                    <p className="text-sm text-fg-muted">{t("forms.correctAddressHint")}</p>
                  </div>
                ) : (
                  <form action={applyCorrectionAction} className="flex flex-col gap-3">
                    {hidden}
                    {errorMessage("correct")}
                    <p className="text-sm text-fg-muted">{t("forms.correctHint")}</p>
                    <TextAreaField
                      name="note"
                      label={t("forms.correctNote")}
                      optionalText={t("forms.optional")}
                      rows={2}
                      maxLength={1000}
                    />
                    <Button type="submit" className="self-start">
                      {t("forms.applyCorrection")}
                    </Button>
                  </form>
                )}
              </CardContent>
            </Card>
          ) : null}

          {actions.completeCorrection ? (
            <Card id="complete">
              <CardHeader>
                <CardTitle as="h3">{t("forms.completeTitle")}</CardTitle>
              </CardHeader>
              <CardContent>
                <form action={completeCorrectionAction} className="flex flex-col gap-3">
                  {hidden}
                  {errorMessage("complete")}
                  <p className="text-sm text-fg-muted">{t("forms.completeHint")}</p>
                  <SelectField
                    name="outcome"
                    label={t("forms.outcome")}
                    defaultValue="COMPLIED"
                    options={[
                      { value: "COMPLIED", label: t("outcomes.COMPLIED") },
                      { value: "COMPLIED_IN_PART", label: t("outcomes.COMPLIED_IN_PART") },
                    ]}
                  />
                  <TextAreaField
                    name="note"
                    label={t("forms.completeNote")}
                    hint={t("forms.completeNoteHint")}
                    rows={3}
                    minLength={10}
                    maxLength={1000}
                    required
                  />
                  <Button type="submit" variant="secondary" className="self-start">
                    {t("forms.complete")}
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : null}

          {actions.deny ? (
            <Card id="deny">
              <CardHeader>
                <CardTitle as="h3">{t("forms.denyTitle")}</CardTitle>
              </CardHeader>
              <CardContent>
                <form action={denyAction} className="flex flex-col gap-3">
                  {hidden}
                  {errorMessage("deny")}
                  <SelectField
                    name="reason"
                    label={t("forms.denyReason")}
                    placeholder={t("forms.chooseReason")}
                    defaultValue=""
                    options={DENIAL_REASONS.filter(
                      (key) => key !== "correction_accurate" || request.type === "CORRECT",
                    ).map((key) => ({ value: key, label: reason(key) }))}
                    required
                  />
                  <TextAreaField
                    name="note"
                    label={t("forms.denyNote")}
                    hint={t("forms.denyNoteHint")}
                    optionalText={t("forms.optional")}
                    rows={3}
                    maxLength={1000}
                  />
                  <Button type="submit" variant="danger" className="self-start">
                    {t("forms.deny")}
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="timeline-title" className="flex flex-col gap-3">
        <h2 id="timeline-title" className="text-xl font-semibold">
          {t("detail.timelineTitle")}
        </h2>
        {file.events.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("detail.timelineEmpty")}</p>
        ) : (
          <ol className="flex flex-col gap-3 border-s border-border ps-4" aria-label={t("detail.timelineTitle")}>
            {file.events.map((event) => (
              <li key={event.id} className="flex flex-col gap-0.5 text-sm">
                <span className="font-medium">
                  {event.kind === "assigned" && !event.note ? t("events.unassigned") : eventLabel(event.kind)}
                </span>
                <span className="text-fg-muted">
                  <time dateTime={event.createdAt.toISOString()}>{f.dateTime(event.createdAt)}</time>{" "}
                  {event.actorName ? t("detail.by", { name: event.actorName }) : t("detail.system")}
                </span>
                {event.note && event.kind !== "correction_applied" ? (
                  <p className="break-words whitespace-pre-line">
                    {event.kind === "denied" ? formatDenialNote(event.note, reason) : event.note}
                  </p>
                ) : null}
                {event.kind === "correction_applied" && event.note && t.has(`fields.${event.note}`) ? (
                  <p>{t(`fields.${event.note}`)}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** A denial event's note is "reason_key" or "reason_key: explanation"; the key is shown in words. */
function formatDenialNote(note: string, label: (key: string) => string): string {
  const [key, ...rest] = note.split(": ");
  const explanation = rest.join(": ");
  return explanation ? `${label(key ?? "")}: ${explanation}` : label(key ?? note);
}
