"use server";

import { coreContext } from "@homeport/core/context";
import {
  diagnoseMailSettings,
  type FieldDiagnosis,
  type FieldKey,
  type GeneralCheck,
  ZMailAppSettings,
} from "@homeport/core/email/troubleshoot";
import { requireUser } from "@/lib/session";

/** The settings troubleshooter: parse what the mail app has, judge it in core against the profile. */

const PATH = "/email/troubleshoot";

const TEXT_FIELDS = [
  "mailboxId",
  "incomingType",
  "incomingServer",
  "incomingPort",
  "incomingSecurity",
  "username",
  "outgoingServer",
  "outgoingPort",
  "outgoingSecurity",
] as const;

export type TroubleshootFormState = {
  status: "idle" | "error" | "done";
  error?: string;
  /** A problem code per form field that did not parse. */
  fieldErrors?: Partial<Record<FieldKey, string>>;
  /** What was typed, so the form shows it again after the answer. */
  values?: Record<string, string>;
  fields?: FieldDiagnosis[];
  /** The general checks, dates as ISO strings. */
  general?: (Omit<GeneralCheck, "date"> & { date?: string })[];
  /** The mailbox the checks were made for. */
  mailbox?: { id: string; address: string } | null;
  attempt?: number;
};

function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of TEXT_FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value.slice(0, 300);
  }
  if (formData.get("outgoingAuth") === "on") values.outgoingAuth = "on";
  return values;
}

export async function diagnoseMailSettingsAction(
  previous: TroubleshootFormState,
  formData: FormData,
): Promise<TroubleshootFormState> {
  const user = await requireUser(PATH);
  const values = echo(formData);
  const attempt = (previous.attempt ?? 0) + 1;
  const parsed = ZMailAppSettings.safeParse({
    incomingType: values.incomingType ?? "",
    incomingServer: values.incomingServer ?? "",
    incomingPort: (values.incomingPort ?? "").trim() || undefined,
    incomingSecurity: values.incomingSecurity ?? "",
    username: values.username ?? "",
    outgoingServer: values.outgoingServer ?? "",
    outgoingPort: (values.outgoingPort ?? "").trim() || undefined,
    outgoingSecurity: values.outgoingSecurity ?? "",
    outgoingAuth: values.outgoingAuth === "on",
  });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<FieldKey, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as FieldKey;
      fieldErrors[key] ??= issue.message;
    }
    return { status: "error", error: "invalid", fieldErrors, values, attempt };
  }

  const ctx = coreContext();
  // The account holder may check any of the household's mailboxes; a member only their own.
  const mailboxes = user.accountId
    ? await ctx.db.mailbox.findMany({
        where: { accountId: user.accountId, ...(user.membershipRole === "OWNER" ? {} : { userId: user.id }) },
        select: {
          id: true,
          address: true,
          primary: true,
          status: true,
          lastLoginAt: true,
          lockedAt: true,
          createdAt: true,
        },
        orderBy: [{ primary: "desc" }, { createdAt: "asc" }],
      })
    : [];
  const mailbox = mailboxes.find((m) => m.id === values.mailboxId) ?? mailboxes[0] ?? null;
  const result = diagnoseMailSettings(ctx.profile.email, parsed.data, mailbox, ctx.now());
  return {
    status: "done",
    values,
    fields: result.fields,
    general: result.general.map(({ date, ...check }) => ({ ...check, ...(date ? { date: date.toISOString() } : {}) })),
    mailbox: mailbox ? { id: mailbox.id, address: mailbox.address } : null,
    attempt,
  };
}
