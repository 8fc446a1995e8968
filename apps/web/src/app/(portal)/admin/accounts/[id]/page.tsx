import { LOCK_REASONS } from "@homeport/core/admin/account-actions";
import { AdminAccountError, type OpenedAccount, openAccount } from "@homeport/core/admin/accounts";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { ZId } from "@homeport/core/ids";
import { displayPhone } from "@homeport/core/provider/display-phone";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { TextAreaField } from "@homeport/ui/textarea";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ZodError } from "zod";
import {
  forceSignOutAction,
  lockAccountAction,
  openAccountAction,
  resendVerificationAction,
  resetTwoFactorAction,
  unlockAccountAction,
} from "@/actions/admin-accounts";
import { billingFormatter } from "@/lib/billing-format";
import { dateFormatter } from "@/lib/format";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Account" };

const FORMS = ["lock", "unlock", "signOut", "reset", "resend"] as const;
type FormName = (typeof FORMS)[number];
const ERROR_CODE = /^[A-Z_]{2,40}$/;

type Search = Record<string, string | string[] | undefined>;
const param = (params: Search, name: string) => (typeof params[name] === "string" ? params[name] : undefined);

export default async function AdminAccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const accountId = ZId.safeParse(id);
  if (!accountId.success) notFound();
  const query = await searchParams;
  const access = param(query, "access");
  const path = `/admin/accounts/${accountId.data}${access ? `?access=${encodeURIComponent(access)}` : ""}`;
  const user = await requireUser(path);
  // Without the permission the page does not exist for them.
  if (!can(user, "VIEW_ACCOUNTS")) notFound();
  const t = await getTranslations("adminAccounts");
  const ctx = coreContext();

  let opened: OpenedAccount | null = null;
  let expired = false;
  if (access) {
    try {
      opened = await openAccount(ctx, user, await requestContext({ userId: user.id, sessionId: user.sessionId }), {
        accountId: accountId.data,
        access,
      });
    } catch (error) {
      if (error instanceof AdminAccountError && error.code === "ACCOUNT_NOT_FOUND") notFound();
      // An access that is not this person's, for another account, too old or malformed asks again.
      if (!(error instanceof AdminAccountError) && !(error instanceof ZodError)) throw error;
      expired = true;
    }
  }

  const errorCode = param(query, "error");
  const error = errorCode && ERROR_CODE.test(errorCode) ? errorCode : null;
  const errorText = (code: string) => (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.generic"));

  if (!opened) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader
          breadcrumbs={
            <Link href="/admin/accounts" className="text-sm text-brand underline underline-offset-4">
              {t("access.back")}
            </Link>
          }
          title={t("access.title")}
          description={t("access.description")}
        />
        {expired ? <Alert variant="warning">{t("access.expired")}</Alert> : null}
        <Card className="max-w-2xl">
          <CardContent>
            <form action={openAccountAction} className="flex flex-col gap-4">
              <input type="hidden" name="accountId" value={accountId.data} />
              <TextAreaField
                name="reason"
                label={t("access.reason")}
                hint={t("access.reasonHint")}
                rows={3}
                minLength={10}
                maxLength={300}
                required
                error={error ? errorText(error) : undefined}
              />
              <Button type="submit" className="self-start">
                {t("access.submit")}
              </Button>
            </form>
          </CardContent>
        </Card>
      </div>
    );
  }

  const { view } = opened;
  const { account } = view;
  const [f, money] = await Promise.all([dateFormatter(account.timeZone), billingFormatter()]);
  const done = FORMS.find((form) => form === param(query, "done"));
  const errorForm = FORMS.find((form) => form === param(query, "form"));
  const formError = (form: FormName): ReactNode =>
    errorForm === form && error ? <Alert variant="danger">{errorText(error)}</Alert> : null;
  const lockReason = (key: string | null) =>
    t(`lockReasons.${LOCK_REASONS.includes(key as never) ? (key as (typeof LOCK_REASONS)[number]) : "other"}`);
  const kind = (value: string) =>
    t(`view.kinds.${value === "INTERNET" || value === "TV" || value === "PHONE" ? value : "other"}`);
  const privacyType = (value: string) =>
    t.has(`view.privacyTypes.${value}`) ? t(`view.privacyTypes.${value}`) : t("view.privacyTypes.other");
  const hidden = (
    <>
      <input type="hidden" name="accountId" value={account.id} />
      <input type="hidden" name="access" value={opened.accessId} />
    </>
  );
  const canLock = can(user, "LOCK_ACCOUNTS");
  const canSignOut = can(user, "FORCE_SIGN_OUT");
  const canReset = can(user, "RESET_TWO_FACTOR");
  const canResend = can(user, "RESEND_VERIFICATION");
  const anyUserAction = canSignOut || canReset || canResend;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={
          <Link href="/admin/accounts" className="text-sm text-brand underline underline-offset-4">
            {t("view.back")}
          </Link>
        }
        title={account.holderName}
        description={
          <>
            <span className="font-mono">{account.accountNumber}</span> · {t("view.readOnly")}
          </>
        }
        actions={
          <>
            <Badge variant={account.status === "ACTIVE" ? "success" : "neutral"}>
              {t(`statuses.${account.status}`)}
            </Badge>
            {account.lockedAt ? <Badge variant="danger">{t("locked")}</Badge> : null}
          </>
        }
      />

      <p className="text-sm text-fg-muted">
        {t("access.granted", { reason: opened.reason, until: f.dateTime(opened.accessExpiresAt) })}
      </p>
      {account.lockedAt ? (
        <Alert variant="warning">
          {t("view.lockedBanner", { reason: lockReason(account.lockReason), when: f.dateTime(account.lockedAt) })}
        </Alert>
      ) : null}
      {done ? <Alert variant="success">{t(`done.${done}`)}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <Card role="region" aria-labelledby="holder-title">
          <CardHeader>
            <CardTitle id="holder-title">{t("view.holder")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
              <dt className="text-fg-muted">{t("view.accountNumber")}</dt>
              <dd className="font-mono">{account.accountNumber}</dd>
              <dt className="text-fg-muted">{t("view.address")}</dt>
              <dd className="break-words">
                {account.addressLine1}
                {account.addressLine2 ? `, ${account.addressLine2}` : ""}, {account.city}, {account.state} {account.zip}
              </dd>
              <dt className="text-fg-muted">{t("view.phone")}</dt>
              <dd>{account.phoneOnFile ? displayPhone(account.phoneOnFile) : t("view.none")}</dd>
              <dt className="text-fg-muted">{t("view.email")}</dt>
              <dd className="break-words">{account.emailOnFile ?? t("view.none")}</dd>
              <dt className="text-fg-muted">{t("view.status")}</dt>
              <dd>
                {t(`statuses.${account.status}`)}
                {account.lockedAt ? ` · ${t("locked")} (${lockReason(account.lockReason)})` : ""}
              </dd>
              <dt className="text-fg-muted">{t("view.since")}</dt>
              <dd>{f.dateTime(account.createdAt)}</dd>
            </dl>
          </CardContent>
        </Card>

        <Card role="region" aria-labelledby="balance-title">
          <CardHeader>
            <CardTitle id="balance-title">{t("view.balanceTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1">
              <dt className="text-fg-muted">{t("view.balance")}</dt>
              <dd className="tabular-nums">{money.money(view.balance.balanceCents)}</dd>
              <dt className="text-fg-muted">{t("view.pastDue")}</dt>
              <dd className="tabular-nums">{money.money(view.balance.pastDueCents)}</dd>
              {view.balance.inFlightCents ? (
                <>
                  <dt className="text-fg-muted">{t("view.inFlight")}</dt>
                  <dd className="tabular-nums">{money.money(view.balance.inFlightCents)}</dd>
                </>
              ) : null}
              <dt className="text-fg-muted">{t("view.dueOn")}</dt>
              <dd>{view.balance.dueOn ? money.day(view.balance.dueOn) : t("view.none")}</dd>
              <dt className="text-fg-muted">{t("view.autopay")}</dt>
              <dd>{view.balance.autopay ? t("view.yes") : t("view.no")}</dd>
              <dt className="text-fg-muted">{t("view.paperless")}</dt>
              <dd>{view.balance.paperless ? t("view.yes") : t("view.no")}</dd>
            </dl>
          </CardContent>
        </Card>

        <Card role="region" aria-labelledby="services-title">
          <CardHeader>
            <CardTitle id="services-title">{t("view.servicesTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {view.services.length === 0 ? (
              <p className="text-fg-muted">{t("view.servicesEmpty")}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {view.services.map((service) => (
                  <li key={service.id} className="flex flex-col">
                    <span className="font-medium">
                      {kind(service.kind)}: {service.planName}
                    </span>
                    <span className="text-fg-muted">
                      {service.promoCents !== null && service.promoEndsOn
                        ? t("view.servicePromo", {
                            price: money.money(service.promoCents),
                            until: money.day(service.promoEndsOn),
                          })
                        : t("view.servicePrice", { price: money.money(service.priceCents) })}{" "}
                      · {t("view.serviceSince", { date: money.day(service.startedOn) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card role="region" aria-labelledby="mailboxes-title">
          <CardHeader>
            <CardTitle id="mailboxes-title">{t("view.mailboxesTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {view.mailboxes.length === 0 ? (
              <p className="text-fg-muted">{t("view.mailboxesEmpty")}</p>
            ) : (
              <ul className="flex flex-col gap-1">
                {view.mailboxes.map((mailbox) => (
                  <li key={mailbox.id} className="flex flex-wrap items-center gap-2">
                    <span className="break-all">{mailbox.address}</span>
                    <Badge variant={mailbox.status === "ACTIVE" ? "success" : "warning"}>
                      {t(`view.mailboxStatuses.${mailbox.status}`)}
                    </Badge>
                    {mailbox.primary ? <Badge variant="neutral">{t("view.primary")}</Badge> : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <Card role="region" aria-labelledby="privacy-title">
          <CardHeader>
            <CardTitle id="privacy-title">{t("view.privacyTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            {view.privacyRequests.length === 0 ? (
              <p className="text-fg-muted">{t("view.privacyEmpty")}</p>
            ) : (
              <ul className="flex flex-col gap-1">
                {view.privacyRequests.map((request) => (
                  <li key={request.id}>
                    {t("view.privacyItem", {
                      reference: request.reference,
                      type: privacyType(request.type),
                      due: f.dateTime(request.dueAt),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card role="region" aria-labelledby="payments-title">
        <CardHeader>
          <CardTitle id="payments-title">{t("view.paymentsTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          {view.payments.length === 0 ? (
            <p className="text-fg-muted">{t("view.paymentsEmpty")}</p>
          ) : (
            <Table regionLabel={t("view.paymentsCaption")}>
              <TableCaption visuallyHidden>{t("view.paymentsCaption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("view.paymentColumns.date")}</TableHead>
                  <TableHead className="text-end">{t("view.paymentColumns.amount")}</TableHead>
                  <TableHead>{t("view.paymentColumns.status")}</TableHead>
                  <TableHead>{t("view.paymentColumns.method")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.payments.map((payment) => (
                  <TableRow key={payment.id}>
                    <TableCell className="whitespace-nowrap">{f.dateTime(payment.createdAt)}</TableCell>
                    <TableCell className="text-end tabular-nums">{money.money(payment.amountCents)}</TableCell>
                    <TableCell>{t(`view.paymentStatuses.${payment.status}`)}</TableCell>
                    <TableCell>
                      {t("view.card", {
                        brand: payment.brand.charAt(0).toUpperCase() + payment.brand.slice(1),
                        last4: payment.last4,
                      })}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <section aria-labelledby="users-title" className="flex flex-col gap-4">
        <h2 id="users-title" className="text-xl font-semibold">
          {t("view.usersTitle")}
        </h2>
        {view.users.length === 0 ? <p className="text-sm text-fg-muted">{t("view.usersEmpty")}</p> : null}
        {view.users.map((member) => (
          <Card key={member.id} role="region" aria-labelledby={`user-${member.id}`}>
            <CardHeader>
              <CardTitle as="h3" id={`user-${member.id}`}>
                {member.name}
              </CardTitle>
              <CardDescription className="break-words">
                {member.email} · {t(`view.roles.${member.role}`)}
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              <div className="flex flex-wrap gap-2">
                <Badge variant={member.twoFactorEnabled ? "success" : "neutral"}>
                  {member.twoFactorEnabled ? t("view.twoFactorOn") : t("view.twoFactorOff")}
                </Badge>
                <Badge variant={member.emailVerified ? "success" : "warning"}>
                  {member.emailVerified ? t("view.emailVerified") : t("view.emailUnverified")}
                </Badge>
                {member.disabled ? <Badge variant="danger">{t("view.disabled")}</Badge> : null}
              </div>
              {member.sessions.length === 0 ? (
                <p className="text-fg-muted">{t("view.sessionsEmpty")}</p>
              ) : (
                <Table regionLabel={t("view.sessionsTitle", { name: member.name })}>
                  <TableCaption visuallyHidden>{t("view.sessionsTitle", { name: member.name })}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>{t("view.sessionColumns.device")}</TableHead>
                      <TableHead>{t("view.sessionColumns.ip")}</TableHead>
                      <TableHead>{t("view.sessionColumns.signedIn")}</TableHead>
                      <TableHead>{t("view.sessionColumns.lastSeen")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {member.sessions.map((session) => (
                      <TableRow key={session.id}>
                        <TableCell>
                          {[session.browser, session.os].filter(Boolean).join(" / ") || t("view.unknownDevice")}
                        </TableCell>
                        <TableCell className="font-mono">{session.ip ?? "—"}</TableCell>
                        <TableCell className="whitespace-nowrap">{f.dateTime(session.createdAt)}</TableCell>
                        <TableCell className="whitespace-nowrap">{f.relative(session.lastSeenAt)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        ))}
      </section>

      <Card role="region" aria-labelledby="activity-title">
        <CardHeader>
          <CardTitle id="activity-title">{t("view.activityTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          {view.activity.length === 0 ? (
            <p className="text-fg-muted">{t("view.activityEmpty")}</p>
          ) : (
            <Table regionLabel={t("view.activityCaption")}>
              <TableCaption visuallyHidden>{t("view.activityCaption")}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("view.activityColumns.when")}</TableHead>
                  <TableHead>{t("view.activityColumns.action")}</TableHead>
                  <TableHead>{t("view.activityColumns.outcome")}</TableHead>
                  <TableHead>{t("view.activityColumns.by")}</TableHead>
                  <TableHead>{t("view.activityColumns.ip")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.activity.map((event) => (
                  <TableRow key={event.id}>
                    <TableCell className="whitespace-nowrap">{f.dateTime(event.occurredAt)}</TableCell>
                    <TableCell className="font-mono text-xs break-all">{event.action}</TableCell>
                    <TableCell>{t(`view.outcomes.${event.outcome}`)}</TableCell>
                    <TableCell className="break-words">
                      {event.actor
                        ? event.actor.staff
                          ? t("view.staffActor", { name: event.actor.name })
                          : event.actor.name
                        : t("view.system")}
                    </TableCell>
                    <TableCell className="font-mono">{event.ip ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      {canLock || anyUserAction ? (
        <section id="actions" aria-labelledby="actions-title" className="flex flex-col gap-4">
          <h2 id="actions-title" className="text-xl font-semibold">
            {t("actions.title")}
          </h2>
          <p className="text-sm text-fg-muted">{t("actions.stepUpNote")}</p>

          {canLock && !account.lockedAt ? (
            <Card role="region" aria-labelledby="lock-title" className="max-w-2xl">
              <CardHeader>
                <CardTitle as="h3" id="lock-title">
                  {t("actions.lockTitle")}
                </CardTitle>
                <CardDescription>{t("actions.lockHint")}</CardDescription>
              </CardHeader>
              <CardContent>
                <form action={lockAccountAction} className="flex flex-col gap-3">
                  {hidden}
                  {formError("lock")}
                  <SelectField
                    name="reason"
                    label={t("actions.lockReason")}
                    defaultValue="security_review"
                    options={LOCK_REASONS.map((reason) => ({ value: reason, label: t(`lockReasons.${reason}`) }))}
                  />
                  <TextAreaField
                    name="note"
                    label={t("actions.note")}
                    hint={t("actions.noteHint")}
                    rows={2}
                    minLength={10}
                    maxLength={500}
                    required
                  />
                  <Button type="submit" variant="danger" className="self-start">
                    {t("actions.lock")}
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : null}

          {canLock && account.lockedAt ? (
            <Card role="region" aria-labelledby="unlock-title" className="max-w-2xl">
              <CardHeader>
                <CardTitle as="h3" id="unlock-title">
                  {t("actions.unlockTitle")}
                </CardTitle>
                <CardDescription>{t("actions.unlockHint")}</CardDescription>
              </CardHeader>
              <CardContent>
                <form action={unlockAccountAction} className="flex flex-col gap-3">
                  {hidden}
                  {formError("unlock")}
                  <TextAreaField
                    name="note"
                    label={t("actions.note")}
                    hint={t("actions.noteHint")}
                    rows={2}
                    minLength={10}
                    maxLength={500}
                    required
                  />
                  <Button type="submit" className="self-start">
                    {t("actions.unlock")}
                  </Button>
                </form>
              </CardContent>
            </Card>
          ) : null}

          {formError("signOut")}
          {formError("reset")}
          {formError("resend")}

          {anyUserAction
            ? view.users.map((member) => (
                <Card key={member.id} role="region" aria-labelledby={`actions-${member.id}`} className="max-w-2xl">
                  <CardHeader>
                    <CardTitle as="h3" id={`actions-${member.id}`}>
                      {t("actions.userActionsTitle", { name: member.name })}
                    </CardTitle>
                  </CardHeader>
                  <CardContent className="flex flex-col gap-6">
                    {canSignOut ? (
                      <form action={forceSignOutAction} className="flex flex-col gap-3">
                        {hidden}
                        <input type="hidden" name="userId" value={member.id} />
                        <h4 className="font-medium">{t("actions.signOutTitle")}</h4>
                        <TextAreaField
                          name="note"
                          label={t("actions.note")}
                          hint={t("actions.noteHint")}
                          rows={2}
                          minLength={10}
                          maxLength={500}
                          required
                        />
                        <Button type="submit" variant="secondary" className="self-start">
                          {t("actions.signOut", { name: member.name })}
                        </Button>
                      </form>
                    ) : null}
                    {canReset && member.twoFactorEnabled ? (
                      <form action={resetTwoFactorAction} className="flex flex-col gap-3">
                        {hidden}
                        <input type="hidden" name="userId" value={member.id} />
                        <h4 className="font-medium">{t("actions.resetTitle")}</h4>
                        <p className="text-fg-muted">{t("actions.resetHint")}</p>
                        <TextAreaField
                          name="verification"
                          label={t("actions.verification")}
                          hint={t("actions.verificationHint")}
                          rows={2}
                          minLength={20}
                          maxLength={500}
                          required
                        />
                        <Button type="submit" variant="secondary" className="self-start">
                          {t("actions.reset", { name: member.name })}
                        </Button>
                      </form>
                    ) : null}
                    {canResend && !member.emailVerified ? (
                      <form action={resendVerificationAction} className="flex flex-col gap-3">
                        {hidden}
                        <input type="hidden" name="userId" value={member.id} />
                        <h4 className="font-medium">{t("actions.resendTitle")}</h4>
                        <Button type="submit" variant="secondary" className="self-start">
                          {t("actions.resend", { name: member.name })}
                        </Button>
                      </form>
                    ) : null}
                  </CardContent>
                </Card>
              ))
            : null}
        </section>
      ) : null}
    </div>
  );
}
