"use server";

import type { RequestContext } from "@homeport/core/audit/record-audit-event";
import { coreContext } from "@homeport/core/context";
import { checkThrottle, recordFailure, type ThrottleKey } from "@homeport/core/identity/throttle";
import {
  lookUpPublicRequest,
  type OptOutType,
  PERMISSION_MAX_BYTES,
  type PrivacyStatusView,
  statusView,
  submitPublicOptOut,
  submitPublicRequest,
  ZPublicOptOut,
  ZPublicRequest,
  ZStatusLookup,
} from "@homeport/core/privacy/requests";
import { PrivacyError } from "@homeport/core/privacy/settings";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { brand } from "@/lib/brand";
import { requestContext } from "@/lib/request-context";

/**
 * The public CCPA forms: opt-out of sale/sharing (§7026), limit sensitive information (§7027),
 * know / delete / correct without an account or through an authorised agent (§7063), and a
 * request's status. Thin: the rules live in @homeport/core/privacy/requests. Every answer is
 * translated here, so the client forms only show what they are given.
 */

export type PublicFormState = {
  status: "idle" | "error" | "done";
  /** A message for the whole form, already translated. */
  message?: string;
  /** Messages per form field (by the input's name), already translated. */
  fieldErrors?: Record<string, string>;
  /** What was typed, so the form shown again after an error keeps it. */
  values?: Record<string, string>;
  attempt?: number;
  receipt?: {
    title: string;
    referenceLabel: string;
    reference: string;
    lines: string[];
    /** The status page for this reference, and its link text. */
    status?: { href: string; label: string; keep: string };
  };
};

export type StatusLookupState = {
  status: "idle" | "error" | "notFound" | "found";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  attempt?: number;
  result?: {
    title: string;
    reference: string;
    type: string;
    status: string;
    view: PrivacyStatusView;
    received: string;
    due: string | null;
    completed: string | null;
    reason: string | null;
    reasonLabel: string | null;
  };
};

type T = Awaited<ReturnType<typeof getTranslations>>;

const OPT_OUT_FIELDS = ["email", "phone", "accountNumber", "name"] as const;
const REQUEST_FIELDS = [
  "type",
  "name",
  "email",
  "phone",
  "accountNumber",
  "zip",
  "addressLine1",
  "declarationName",
  "correctionField",
  "correctionValue",
  "agentName",
  "agentEmail",
] as const;
const CHECKBOXES = ["declaration", "agent"] as const;

function textOf(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function valuesOf(formData: FormData, fields: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) values[field] = textOf(formData, field);
  return values;
}

function throttleKeys(request: RequestContext): ThrottleKey[] {
  return request.ip ? [{ rule: "privacyFormIp", subject: request.ip }] : [];
}

/** A throttled visitor is told how long to wait, rounded up to whole minutes. */
async function throttled(keys: ThrottleKey[], now: Date, t: T): Promise<string | null> {
  const status = await checkThrottle(coreContext().db, keys, now);
  if (!status.blocked) return null;
  return t("errors.throttled", { minutes: Math.max(1, Math.ceil(status.retryAfterMs / 60_000)) });
}

/** Where a use-case issue belongs on the page, and which message explains it. */
const ISSUE_FIELDS: Record<string, { field: string; code: string }> = {
  type: { field: "type", code: "type_required" },
  "claimed.email": { field: "email", code: "email_invalid" },
  "claimed.phone": { field: "phone", code: "phone_invalid" },
  "claimed.accountNumber": { field: "accountNumber", code: "accountNumber_invalid" },
  "claimed.zip": { field: "zip", code: "zip_invalid" },
  "claimed.name": { field: "name", code: "name_invalid" },
  "claimed.addressLine1": { field: "addressLine1", code: "addressLine1_invalid" },
  declarationName: { field: "declarationName", code: "declaration_required" },
  correction: { field: "correctionField", code: "correction_required" },
  "correction.field": { field: "correctionField", code: "correction_required" },
  "correction.value": { field: "correctionValue", code: "correctionValue_invalid" },
  "agent.name": { field: "agentName", code: "agentName_invalid" },
  "agent.email": { field: "agentEmail", code: "agentEmail_invalid" },
  "agent.permission.mediaType": { field: "permission", code: "FILE_TYPE" },
  "agent.permission.bytes": { field: "permission", code: "file_empty" },
};

/** Messages the use cases put on an issue themselves; they win over the field's general one. */
const ISSUE_CODES = new Set(["declaration_required", "correction_required", "file_empty", "file_too_large"]);

/**
 * The page's messages for a use case's issues. "None of email, phone or account number" is about
 * the three fields together, so it is said once for the form rather than under one of them.
 */
function invalid(issues: readonly z.core.$ZodIssue[], t: T): Pick<PublicFormState, "message" | "fieldErrors"> {
  const fieldErrors: Record<string, string> = {};
  let message = t("errors.check");
  for (const issue of issues) {
    if (issue.message === "identifier_required") {
      message = t("errors.identifier_required");
      continue;
    }
    const target = ISSUE_FIELDS[issue.path.join(".")];
    if (!target || fieldErrors[target.field]) continue;
    const code = ISSUE_CODES.has(issue.message) ? issue.message : target.code;
    fieldErrors[target.field] = t(`errors.${code}`);
  }
  return { message, fieldErrors };
}

/** Dates in the provider's time zone, in the reader's language. */
async function formatters() {
  const format = await getFormatter();
  const timeZone = brand().timeZone;
  return {
    // With the zone's name: a visitor may be anywhere, and the time is the provider's.
    instant: (value: Date) =>
      format.dateTime(value, {
        year: "numeric",
        month: "long",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone,
      }),
    // Deadlines are the instant their last local day ends: the day shown is the one before it.
    lastDay: (value: Date) => format.dateTime(new Date(value.getTime() - 1), { dateStyle: "long", timeZone }),
  };
}

async function optOut(type: OptOutType, previous: PublicFormState, formData: FormData): Promise<PublicFormState> {
  const [t, locale, request] = await Promise.all([getTranslations("privacyPublic"), getLocale(), requestContext()]);
  const values = valuesOf(formData, OPT_OUT_FIELDS);
  const attempt = (previous.attempt ?? 0) + 1;
  const failed = (state: Pick<PublicFormState, "message" | "fieldErrors">): PublicFormState => ({
    status: "error",
    ...state,
    values,
    attempt,
  });
  const ctx = coreContext();
  const keys = throttleKeys(request);
  const wait = await throttled(keys, ctx.now(), t);
  if (wait) return failed({ message: wait });

  const input = { type, claimed: values, locale };
  const parsed = ZPublicOptOut.safeParse(input);
  if (!parsed.success) return failed(invalid(parsed.error.issues, t));
  const receipt = await submitPublicOptOut(ctx, request, input);
  // §7026, §7027: an opt-out never needs an account, so every accepted submission counts against the address.
  await recordFailure(ctx.db, keys, ctx.now());
  const f = await formatters();
  return {
    status: "done",
    attempt,
    receipt: {
      title: t("receipt.title"),
      referenceLabel: t("receipt.reference"),
      reference: receipt.reference,
      lines: [
        t("receipt.effective", { when: f.instant(receipt.effectiveAt) }),
        t("receipt.effectiveBy", { date: f.lastDay(receipt.effectiveBy) }),
        ...(parsed.data.claimed.email ? [t("receipt.emailed")] : []),
      ],
    },
  };
}

export async function doNotSellAction(previous: PublicFormState, formData: FormData): Promise<PublicFormState> {
  return optOut("OPT_OUT_SALE_SHARING", previous, formData);
}

export async function limitUseAction(previous: PublicFormState, formData: FormData): Promise<PublicFormState> {
  return optOut("LIMIT_SENSITIVE", previous, formData);
}

export async function publicRequestAction(previous: PublicFormState, formData: FormData): Promise<PublicFormState> {
  const [t, locale, request] = await Promise.all([getTranslations("privacyPublic"), getLocale(), requestContext()]);
  const values = valuesOf(formData, REQUEST_FIELDS);
  for (const box of CHECKBOXES) values[box] = formData.get(box) === "on" ? "on" : "";
  const attempt = (previous.attempt ?? 0) + 1;
  const failed = (state: Pick<PublicFormState, "message" | "fieldErrors">): PublicFormState => ({
    status: "error",
    ...state,
    values,
    attempt,
  });
  const ctx = coreContext();
  const keys = throttleKeys(request);
  const wait = await throttled(keys, ctx.now(), t);
  if (wait) return failed({ message: wait });

  const type = values.type;
  const isAgent = values.agent === "on";
  let permission: { mediaType: string; bytes: Uint8Array } | undefined;
  let fileProblem: "permission_required" | "file_too_large" | null = null;
  if (isAgent) {
    const file = formData.get("permission");
    if (!(file instanceof File) || (file.size === 0 && file.name === "")) fileProblem = "permission_required";
    // §7063(a): the size is checked before the bytes are read, so an oversized upload is never held whole.
    else if (file.size > PERMISSION_MAX_BYTES) fileProblem = "file_too_large";
    else permission = { mediaType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  // Without a usable file the rest of the form is still checked, so every problem is shown at once.
  const agentFile = permission ?? (isAgent ? { mediaType: "application/pdf", bytes: new Uint8Array(1) } : undefined);
  const input = {
    type,
    claimed: {
      name: values.name,
      email: values.email,
      phone: values.phone,
      accountNumber: values.accountNumber,
      zip: values.zip,
      addressLine1: values.addressLine1,
    },
    ...(type === "KNOW_SPECIFIC"
      ? { declarationSigned: values.declaration === "on", declarationName: values.declarationName?.trim() || undefined }
      : {}),
    ...(type === "CORRECT"
      ? { correction: { field: values.correctionField || undefined, value: values.correctionValue } }
      : {}),
    ...(agentFile ? { agent: { name: values.agentName, email: values.agentEmail, permission: agentFile } } : {}),
    locale,
  };
  const parsed = ZPublicRequest.safeParse(input);
  if (!parsed.success || fileProblem) {
    const problems = parsed.success ? { message: t("errors.check"), fieldErrors: {} } : invalid(parsed.error.issues, t);
    if (fileProblem) problems.fieldErrors = { ...problems.fieldErrors, permission: t(`errors.${fileProblem}`) };
    return failed(problems);
  }
  let submission: Awaited<ReturnType<typeof submitPublicRequest>>;
  try {
    submission = await submitPublicRequest(ctx, request, input);
  } catch (error) {
    if (error instanceof PrivacyError && error.code === "FILE_TYPE") {
      return failed({ message: t("errors.check"), fieldErrors: { permission: t("errors.FILE_TYPE") } });
    }
    if (error instanceof z.ZodError) {
      return failed(invalid(error.issues, t));
    }
    throw error;
  }
  // Each accepted request counts against the address: verification by data points (§7062) must not be guessable at volume.
  await recordFailure(ctx.db, keys, ctx.now());
  const f = await formatters();
  return {
    status: "done",
    attempt,
    receipt: {
      title: t("requestDone.title"),
      referenceLabel: t("receipt.reference"),
      reference: submission.reference,
      lines: [
        t("requestDone.received", { when: f.instant(submission.receivedAt) }),
        t("requestDone.confirm", { date: f.lastDay(submission.confirmBy) }),
        t("requestDone.due", { date: f.lastDay(submission.dueAt) }),
      ],
      status: {
        href: `/privacy/request/status?reference=${encodeURIComponent(submission.reference)}`,
        label: t("requestDone.status"),
        keep: t("requestDone.keep"),
      },
    },
  };
}

export async function lookUpRequestAction(previous: StatusLookupState, formData: FormData): Promise<StatusLookupState> {
  const t = await getTranslations("privacyPublic");
  const values = valuesOf(formData, ["reference", "email"]);
  const attempt = (previous.attempt ?? 0) + 1;
  const ctx = coreContext();
  const keys = throttleKeys(await requestContext());
  const wait = await throttled(keys, ctx.now(), t);
  if (wait) return { status: "error", message: wait, values, attempt };

  const parsed = ZStatusLookup.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (field === "reference") fieldErrors.reference ??= t("errors.reference_invalid");
      if (field === "email") fieldErrors.email ??= t("errors.email_invalid");
    }
    return { status: "error", message: t("errors.check"), fieldErrors, values, attempt };
  }
  const found = await lookUpPublicRequest(ctx.db, parsed.data);
  if (!found) {
    // A miss is a guess at someone's reference or email: it counts against the address.
    await recordFailure(ctx.db, keys, ctx.now());
    return { status: "notFound", message: t("status.notFound"), values, attempt };
  }
  const f = await formatters();
  const view = statusView(found);
  const open = view !== "COMPLETED" && view !== "DENIED";
  const reason = view === "DENIED" ? found.denialReason : view === "EXTENDED" ? found.extensionReason : null;
  return {
    status: "found",
    values,
    attempt,
    result: {
      title: t("status.resultTitle", { reference: found.reference }),
      reference: found.reference,
      type: t(`types.${found.type}`),
      status: t(`statuses.${view}`),
      view,
      received: f.instant(found.receivedAt),
      due: open ? f.lastDay(found.dueAt) : null,
      completed: found.completedAt && !open ? f.instant(found.completedAt) : null,
      reason: reason ?? null,
      reasonLabel: reason ? t(view === "DENIED" ? "status.deniedReason" : "status.extendedReason") : null,
    },
  };
}
