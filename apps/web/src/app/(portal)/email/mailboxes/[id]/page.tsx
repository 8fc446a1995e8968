import { coreContext } from "@homeport/core/context";
import { getMailbox } from "@homeport/core/email/mailboxes";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { CheckboxField } from "@homeport/ui/checkbox";
import { Input } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { NativeSelect } from "@homeport/ui/select";
import { TextArea } from "@homeport/ui/textarea";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import {
  addForwardAction,
  autoReplyAction,
  blockSenderAction,
  deleteMailboxAction,
  keepCopyAction,
  recoveryAction,
  removeForwardAction,
  resetPasswordAction,
  spamAction,
  unblockSenderAction,
} from "@/actions/email";
import { ConfirmAction } from "@/components/confirm-action";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { ActionForm } from "../../action-form.tsx";
import { addressErrors } from "../../email-errors.ts";

export const metadata = { title: "Mailbox" };

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card id={id} aria-labelledby={`${id}-title`} role="region">
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">{children}</CardContent>
    </Card>
  );
}

const field = "flex flex-col gap-1 text-sm font-medium";

export default async function MailboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/email/mailboxes/${id}`);
  const ctx = coreContext();
  const data = await getMailbox(ctx, user, id);
  if (!data) notFound();
  const { mailbox, forwards, blocked, sieve } = data;
  const limits = ctx.profile.email.limits;
  const [t, format, f, errors] = await Promise.all([
    getTranslations("email"),
    getFormatter(),
    dateFormatter(user.timeZone ?? brand().timeZone),
    addressErrors(),
  ]);
  const hidden = { mailboxId: mailbox.id };
  const gb = (bytes: number) => format.number(bytes / 1024 ** 3, { maximumFractionDigits: 2 });

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <Link href="/email" className="text-sm text-brand underline underline-offset-4">
        {t("back")}
      </Link>
      <PageHeader
        title={mailbox.address}
        description={mailbox.displayName}
        actions={
          <div className="flex gap-2">
            {mailbox.primary ? <Badge variant="info">{t("primary")}</Badge> : null}
            {mailbox.status === "LOCKED" ? <Badge variant="danger">{t("locked")}</Badge> : null}
          </div>
        }
      />
      {created ? (
        <div role="status">
          <Alert variant="success">{t("created")}</Alert>
        </div>
      ) : null}
      {mailbox.status === "LOCKED" ? (
        <Alert variant="warning" title={t("lockedTitle")}>
          {t("lockedBody", { days: limits.idleLockDays })}
        </Alert>
      ) : null}

      <Section id="storage" title={t("storage.title")}>
        <meter
          min={0}
          max={mailbox.quotaBytes}
          value={mailbox.usedBytes}
          high={mailbox.quotaBytes * 0.9}
          aria-label={t("quotaLabel", { address: mailbox.address })}
          className="h-2 w-full"
        />
        <p className="text-sm">
          {t("quota", {
            used: gb(mailbox.usedBytes),
            total: gb(mailbox.quotaBytes),
            percent: Math.round((mailbox.usedBytes / mailbox.quotaBytes) * 100),
          })}
        </p>
        <p className="text-sm text-fg-muted">
          {t("storage.rules", {
            trash: limits.trashRetentionDays,
            spam: limits.spamRetentionDays,
            idle: limits.idleLockDays,
            size: format.number(limits.maxMessageBytes / 1024 ** 2),
          })}
        </p>
        <p className="text-sm text-fg-muted">
          {mailbox.lastLoginAt
            ? t("storage.lastLogin", { date: f.dateTime(mailbox.lastLoginAt) })
            : t("storage.neverUsed")}
        </p>
      </Section>

      <Section id="password" title={t("password.title")} description={t("password.description")}>
        <ActionForm
          action={resetPasswordAction}
          hidden={hidden}
          variant="secondary"
          labels={{ submit: t("password.submit"), done: t("password.done"), errors }}
        >
          <label className={field}>
            {t("password.new")}
            <Input name="password" type="password" required minLength={8} autoComplete="new-password" />
          </label>
          <label className={field}>
            {t("password.confirm")}
            <Input name="confirm" type="password" required minLength={8} autoComplete="new-password" />
          </label>
        </ActionForm>
      </Section>

      <Section
        id="forwarding"
        title={t("forwarding.title")}
        description={t("forwarding.description", { limit: limits.forwardingTargets })}
      >
        {forwards.length > 0 ? (
          <ul className="flex flex-col gap-2" aria-label={t("forwarding.listLabel")}>
            {forwards.map((forward) => (
              <li
                key={forward.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border p-3"
              >
                <span className="break-all">{forward.address}</span>
                <span className="flex items-center gap-2">
                  <Badge variant={forward.confirmedAt ? "success" : "warning"}>
                    {forward.confirmedAt ? t("forwarding.active") : t("forwarding.pending")}
                  </Badge>
                  <form action={removeForwardAction}>
                    <input type="hidden" name="mailboxId" value={mailbox.id} />
                    <input type="hidden" name="forwardId" value={forward.id} />
                    <Button
                      type="submit"
                      size="sm"
                      variant="ghost"
                      aria-label={t("forwarding.removeLabel", { address: forward.address })}
                    >
                      {t("forwarding.remove")}
                    </Button>
                  </form>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-fg-muted">{t("forwarding.none")}</p>
        )}
        <ActionForm
          action={addForwardAction}
          hidden={hidden}
          variant="secondary"
          labels={{ submit: t("forwarding.add"), done: t("forwarding.sent"), errors }}
        >
          <label className={field}>
            {t("forwarding.address")}
            <Input name="address" type="email" required maxLength={254} autoComplete="off" />
          </label>
        </ActionForm>
        <ActionForm
          action={keepCopyAction}
          hidden={hidden}
          variant="secondary"
          labels={{ submit: t("save"), done: t("saved"), errors }}
        >
          <CheckboxField
            name="keepCopy"
            defaultChecked={mailbox.forwardKeepCopy}
            label={t("forwarding.keepCopy")}
            description={t("forwarding.keepCopyHint")}
          />
        </ActionForm>
      </Section>

      <Section id="auto-reply" title={t("autoReply.title")} description={t("autoReply.description")}>
        <ActionForm action={autoReplyAction} hidden={hidden} labels={{ submit: t("save"), done: t("saved"), errors }}>
          <CheckboxField name="enabled" defaultChecked={mailbox.autoReplyEnabled} label={t("autoReply.enabled")} />
          <label className={field}>
            {t("autoReply.subject")}
            <Input name="subject" maxLength={200} defaultValue={mailbox.autoReplySubject ?? ""} />
          </label>
          <label className={field}>
            {t("autoReply.body")}
            <TextArea
              name="body"
              rows={5}
              maxLength={limits.autoReplyMaxChars}
              defaultValue={mailbox.autoReplyBody ?? ""}
            />
            <span className="font-normal text-fg-muted">
              {t("autoReply.bodyHint", { max: limits.autoReplyMaxChars })}
            </span>
          </label>
          <div className="grid gap-4 sm:grid-cols-3">
            <label className={field}>
              {t("autoReply.start")}
              <Input name="start" type="date" defaultValue={mailbox.autoReplyStart ?? ""} />
            </label>
            <label className={field}>
              {t("autoReply.end")}
              <Input name="end" type="date" defaultValue={mailbox.autoReplyEnd ?? ""} />
            </label>
            <label className={field}>
              {t("autoReply.days")}
              <Input name="days" type="number" min={1} max={30} defaultValue={mailbox.autoReplyDays} />
            </label>
          </div>
        </ActionForm>
      </Section>

      <Section id="blocked" title={t("blocked.title")} description={t("blocked.description")}>
        {blocked.length > 0 ? (
          <ul className="flex flex-col gap-2" aria-label={t("blocked.listLabel")}>
            {blocked.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border p-3"
              >
                <span className="break-all">
                  {entry.pattern.startsWith("@")
                    ? t("blocked.domain", { domain: entry.pattern.slice(1) })
                    : entry.pattern}
                </span>
                <form action={unblockSenderAction}>
                  <input type="hidden" name="mailboxId" value={mailbox.id} />
                  <input type="hidden" name="blockedId" value={entry.id} />
                  <Button
                    type="submit"
                    size="sm"
                    variant="ghost"
                    aria-label={t("blocked.removeLabel", { pattern: entry.pattern })}
                  >
                    {t("blocked.remove")}
                  </Button>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-fg-muted">{t("blocked.none")}</p>
        )}
        <ActionForm
          action={blockSenderAction}
          hidden={hidden}
          variant="secondary"
          labels={{ submit: t("blocked.add"), done: t("saved"), errors }}
        >
          <label className={field}>
            {t("blocked.pattern")}
            <Input name="pattern" required maxLength={254} autoComplete="off" />
            <span className="font-normal text-fg-muted">{t("blocked.hint")}</span>
          </label>
        </ActionForm>
      </Section>

      <Section
        id="spam"
        title={t("spam.title")}
        description={t("spam.description", { days: limits.spamRetentionDays })}
      >
        <ActionForm
          action={spamAction}
          hidden={hidden}
          variant="secondary"
          labels={{ submit: t("save"), done: t("saved"), errors }}
        >
          <label className={field}>
            {t("spam.level")}
            <NativeSelect name="level" defaultValue={mailbox.spamLevel}>
              <option value="OFF">{t("spam.levels.OFF")}</option>
              <option value="STANDARD">{t("spam.levels.STANDARD")}</option>
              <option value="STRICT">{t("spam.levels.STRICT")}</option>
            </NativeSelect>
          </label>
          <label className={field}>
            {t("spam.action")}
            <NativeSelect name="action" defaultValue={mailbox.spamAction}>
              <option value="FOLDER">{t("spam.actions.FOLDER")}</option>
              <option value="DISCARD">{t("spam.actions.DISCARD")}</option>
            </NativeSelect>
          </label>
        </ActionForm>
      </Section>

      <Section id="recovery" title={t("recovery.title")} description={t("recovery.description")}>
        <ActionForm
          action={recoveryAction}
          hidden={hidden}
          variant="secondary"
          labels={{ submit: t("save"), done: t("saved"), errors }}
        >
          <label className={field}>
            {t("recovery.email")}
            <Input name="recoveryEmail" type="email" maxLength={254} defaultValue={mailbox.recoveryEmail ?? ""} />
          </label>
          <label className={field}>
            {t("recovery.phone")}
            <Input name="recoveryPhone" type="tel" maxLength={20} defaultValue={mailbox.recoveryPhone ?? ""} />
          </label>
        </ActionForm>
      </Section>

      <Section id="rules" title={t("rules.title")} description={t("rules.description")}>
        {sieve ? (
          <>
            <p className="text-sm text-fg-muted">{t("rules.generated", { date: f.dateTime(sieve.generatedAt) })}</p>
            <Button asChild variant="secondary" size="sm" className="self-start">
              <a href={`/email/mailboxes/${mailbox.id}/rules.sieve`} download>
                {t("rules.download")}
              </a>
            </Button>
          </>
        ) : (
          <p className="text-sm text-fg-muted">{t("rules.none")}</p>
        )}
      </Section>

      {data.canDelete ? (
        <Section id="delete" title={t("delete.title")} description={t("delete.description")}>
          <ConfirmAction
            action={deleteMailboxAction}
            fields={hidden}
            variant="danger"
            label={t("delete.button")}
            title={t("delete.confirmTitle", { address: mailbox.address })}
            description={t("delete.confirmBody", { address: mailbox.address })}
            confirmLabel={t("delete.confirm")}
            cancelLabel={t("cancel")}
          />
        </Section>
      ) : null}
    </div>
  );
}
