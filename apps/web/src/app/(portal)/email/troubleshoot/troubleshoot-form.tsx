"use client";

import type { FieldDiagnosis, FieldKey } from "@homeport/core/email/troubleshoot";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { CheckboxField } from "@homeport/ui/checkbox";
import { TextField } from "@homeport/ui/input";
import { SelectField } from "@homeport/ui/select";
import { CircleAlert, CircleCheck, Info, type LucideIcon, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { diagnoseMailSettingsAction, type TroubleshootFormState } from "@/actions/email-troubleshoot";
import { FormError } from "@/components/form-error";

export interface MailboxOption {
  id: string;
  address: string;
}

type Status = "ok" | "problem" | "warning" | "info";

/** Colour is never the only cue: each status has its own icon and words. */
const STATUS: Record<Status, { variant: BadgeVariant; Icon: LucideIcon }> = {
  ok: { variant: "success", Icon: CircleCheck },
  problem: { variant: "danger", Icon: CircleAlert },
  warning: { variant: "warning", Icon: TriangleAlert },
  info: { variant: "info", Icon: Info },
};

const FORM_ERRORS = new Set([
  "type_required",
  "server_required",
  "server_invalid",
  "port_invalid",
  "security_required",
  "username_required",
  "username_too_long",
]);

/** Username verdicts that read differently when no mailbox tells us the right address. */
const NO_MAILBOX_CODES = new Set(["username_missing_domain", "username_malformed", "username_other_domain"]);

function StatusBadge({ status }: { status: Status }) {
  const t = useTranslations("emailTroubleshoot.status");
  const { variant, Icon } = STATUS[status];
  return (
    <Badge variant={variant} className="shrink-0">
      <Icon aria-hidden="true" focusable="false" />
      {t(status)}
    </Badge>
  );
}

/**
 * The troubleshooter: the settings as the subscriber's mail app shows them, and, once checked, a
 * verdict per setting with the fix, plus the mailbox's real state.
 */
export function TroubleshootForm({
  mailboxes,
  brand,
  domain,
  exampleHost,
}: {
  mailboxes: MailboxOption[];
  brand: string;
  domain: string;
  exampleHost: string;
}) {
  const t = useTranslations("emailTroubleshoot");
  const [state, action, pending] = useActionState<TroubleshootFormState, FormData>(diagnoseMailSettingsAction, {
    status: "idle",
  });
  const values = state.values ?? {};
  const fieldErrors = state.fieldErrors ?? {};
  const errorFor = (key: FieldKey) => {
    const code = fieldErrors[key];
    if (!code) return undefined;
    return FORM_ERRORS.has(code) ? t(`errors.${code}`, { example: exampleHost }) : t("errors.generic");
  };
  const formError =
    state.status === "error" ? (state.error === "invalid" ? t("errors.invalid") : t("errors.generic")) : null;
  const securityOptions = (["SSL", "STARTTLS", "NONE"] as const).map((value) => ({
    value,
    label: t(`security.${value}`),
  }));
  const hostProps = { autoComplete: "off", autoCapitalize: "none", spellCheck: false, maxLength: 253 } as const;
  const portProps = { inputMode: "numeric", autoComplete: "off", maxLength: 5, className: "max-w-32" } as const;

  return (
    <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
      <Card>
        <CardHeader>
          <CardTitle>{t("formTitle")}</CardTitle>
          <CardDescription>{t("formIntro")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form action={action} noValidate key={state.attempt ?? 0} className="flex flex-col gap-6">
            <FormError message={formError} answer={state} />
            {mailboxes.length > 1 ? (
              <SelectField
                name="mailboxId"
                label={t("mailbox")}
                hint={t("mailboxHint")}
                defaultValue={values.mailboxId ?? mailboxes[0]!.id}
                options={mailboxes.map((m) => ({ value: m.id, label: m.address }))}
              />
            ) : mailboxes.length === 1 ? (
              <input type="hidden" name="mailboxId" value={mailboxes[0]!.id} />
            ) : null}
            <fieldset className="flex flex-col gap-4">
              <legend className="mb-3 text-base font-semibold">{t("incoming")}</legend>
              <SelectField
                name="incomingType"
                label={t("fields.incomingType")}
                placeholder={t("choose")}
                options={[
                  { value: "IMAP", label: "IMAP" },
                  { value: "POP3", label: "POP3" },
                ]}
                defaultValue={values.incomingType ?? ""}
                error={errorFor("incomingType")}
              />
              <TextField
                name="incomingServer"
                label={t("fields.incomingServer")}
                hint={t("hints.incomingServer")}
                defaultValue={values.incomingServer ?? ""}
                error={errorFor("incomingServer")}
                {...hostProps}
              />
              <TextField
                name="incomingPort"
                label={t("fields.incomingPort")}
                defaultValue={values.incomingPort ?? ""}
                error={errorFor("incomingPort")}
                {...portProps}
              />
              <SelectField
                name="incomingSecurity"
                label={t("fields.incomingSecurity")}
                hint={t("hints.incomingSecurity")}
                placeholder={t("choose")}
                options={securityOptions}
                defaultValue={values.incomingSecurity ?? ""}
                error={errorFor("incomingSecurity")}
              />
              <TextField
                name="username"
                label={t("fields.username")}
                hint={t("hints.username")}
                defaultValue={values.username ?? ""}
                error={errorFor("username")}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={254}
              />
            </fieldset>
            <fieldset className="flex flex-col gap-4">
              <legend className="mb-3 text-base font-semibold">{t("outgoing")}</legend>
              <TextField
                name="outgoingServer"
                label={t("fields.outgoingServer")}
                defaultValue={values.outgoingServer ?? ""}
                error={errorFor("outgoingServer")}
                {...hostProps}
              />
              <TextField
                name="outgoingPort"
                label={t("fields.outgoingPort")}
                defaultValue={values.outgoingPort ?? ""}
                error={errorFor("outgoingPort")}
                {...portProps}
              />
              <SelectField
                name="outgoingSecurity"
                label={t("fields.outgoingSecurity")}
                placeholder={t("choose")}
                options={securityOptions}
                defaultValue={values.outgoingSecurity ?? ""}
                error={errorFor("outgoingSecurity")}
              />
              <CheckboxField
                name="outgoingAuth"
                label={t("fields.outgoingAuth")}
                description={t("hints.outgoingAuth")}
                defaultChecked={values.outgoingAuth === "on"}
              />
            </fieldset>
            <Button type="submit" loading={pending} className="self-start">
              {t("submit")}
            </Button>
          </form>
        </CardContent>
      </Card>
      <Results state={state} brand={brand} domain={domain} />
    </div>
  );
}

function Results({ state, brand, domain }: { state: TroubleshootFormState; brand: string; domain: string }) {
  const t = useTranslations("emailTroubleshoot");
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  const done = state.status === "done" && state.fields !== undefined;
  useEffect(() => {
    // After a check, keyboard and screen reader users land on the answer rather than the button.
    if (state.status === "done") heading.current?.focus();
  }, [state]);

  const values = state.values ?? {};
  const fields = state.fields ?? [];
  const general = state.general ?? [];
  const address = state.mailbox?.address ?? "";
  const problems = fields.filter((f) => f.status === "problem").length;
  const mailboxProblem = general.some((g) => g.status === "problem");
  const warnings = fields.some((f) => f.status === "warning") || general.some((g) => g.status === "warning");

  const show = (field: FieldKey, value: string | number | undefined) => {
    if (value === undefined) return "";
    if (field === "incomingSecurity" || field === "outgoingSecurity") {
      return value === "SSL" || value === "STARTTLS" || value === "NONE" ? t(`security.${value}`) : String(value);
    }
    return String(value);
  };

  const typed = (field: FieldKey) => {
    if (field === "outgoingAuth") return values.outgoingAuth === "on" ? t("authOn") : t("authOff");
    return show(field, (values[field] ?? "").trim());
  };

  const message = (f: FieldDiagnosis) => {
    const args = {
      given: show(f.field, f.given),
      expected: show(f.field, f.expected),
      belongsTo: f.belongsTo ?? "",
      protocol: f.field.startsWith("outgoing") ? "SMTP" : values.incomingType === "POP3" ? "POP3" : "IMAP",
      brand,
      domain,
      value: typed(f.field),
    };
    if (f.expected === undefined && NO_MAILBOX_CODES.has(f.code)) return t(`codesNoMailbox.${f.code}`, args);
    return t(`codes.${f.code}`, args);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle ref={heading} tabIndex={-1} id="troubleshoot-results" className="outline-none">
          {t("results.title")}
        </CardTitle>
        {done && address ? <CardDescription>{t("results.checkedFor", { address })}</CardDescription> : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {!done ? (
          <p className="text-fg-muted">{t("results.empty")}</p>
        ) : (
          <>
            <p className="text-base font-medium">
              {problems > 0
                ? t("results.summaryProblem", { count: problems })
                : mailboxProblem
                  ? t("results.summaryMailbox")
                  : warnings
                    ? t("results.summaryWarning")
                    : t("results.summaryOk")}
            </p>
            <section aria-labelledby="troubleshoot-fields" className="flex flex-col gap-2">
              <h3 id="troubleshoot-fields" className="font-semibold">
                {t("results.fieldsTitle")}
              </h3>
              <ul aria-labelledby="troubleshoot-fields" className="flex flex-col divide-y divide-border">
                {fields.map((f) => (
                  <li key={f.field} className="flex flex-col gap-1.5 py-3 sm:flex-row sm:items-start sm:gap-3">
                    <StatusBadge status={f.status} />
                    <p className="min-w-0 break-words">
                      <span className="font-medium">{t(`fields.${f.field}`)}:</span> {message(f)}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="troubleshoot-general" className="flex flex-col gap-2">
              <h3 id="troubleshoot-general" className="font-semibold">
                {t("results.generalTitle")}
              </h3>
              <ul aria-labelledby="troubleshoot-general" className="flex flex-col divide-y divide-border">
                {general.map((check) => {
                  const date = check.date
                    ? format.dateTime(new Date(check.date), { year: "numeric", month: "long", day: "numeric" })
                    : "";
                  return (
                    <li key={check.code} className="flex flex-col gap-1.5 py-3 sm:flex-row sm:items-start sm:gap-3">
                      <StatusBadge status={check.status} />
                      <div className="flex min-w-0 flex-col gap-1 break-words">
                        {check.code === "check_connection" ? (
                          <p>
                            {t.rich("general.check_connection", {
                              link: (chunks) => (
                                <Link
                                  href="/help/no-internet-connection"
                                  className="text-brand underline underline-offset-4"
                                >
                                  {chunks}
                                </Link>
                              ),
                            })}
                          </p>
                        ) : (
                          <p>{t(`general.${check.code}`, { address, days: check.days ?? 0, date, brand })}</p>
                        )}
                        {check.code === "mailbox_locked" && date ? (
                          <p className="text-fg-muted">{t("general.lockedOn", { date })}</p>
                        ) : null}
                        {check.code === "mailbox_locked" && state.mailbox ? (
                          <Link
                            href={`/email/mailboxes/${state.mailbox.id}`}
                            className="self-start font-medium text-brand underline underline-offset-4"
                          >
                            {t("general.resetPassword", { address })}
                          </Link>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          </>
        )}
      </CardContent>
    </Card>
  );
}
