import { getTranslations } from "next-intl/server";

/** Every email error and field problem in words, for the forms' answers. */
export async function addressErrors(): Promise<Record<string, string>> {
  const t = await getTranslations("email.errors");
  const codes = [
    "NO_ACCOUNT",
    "NOT_ALLOWED",
    "MAILBOX_NOT_FOUND",
    "ADDRESS_TAKEN",
    "MAILBOX_LIMIT",
    "PRIMARY_MAILBOX",
    "PASSWORD_WEAK",
    "FORWARD_SELF",
    "FORWARD_LOOP",
    "FORWARD_LIMIT",
    "FORWARD_EXISTS",
    "FORWARD_NOT_FOUND",
    "LINK_INVALID",
    "BLOCKED_EXISTS",
    "MEMBER_NOT_FOUND",
    "ADDRESS_INVALID",
    "generic",
  ] as const;
  const fields = [
    "localPart.too_short",
    "localPart.too_long",
    "localPart.characters",
    "localPart.start_end",
    "localPart.consecutive_dots",
    "localPart.reserved",
    "localPart.taken",
    "domain.domain",
    "displayName",
    "password",
    "confirm.mismatch",
    "address",
    "subject.required",
    "body.required",
    "body.too_long",
    "end.before_start",
    "start",
    "end",
    "days",
    "pattern.pattern",
    "recoveryEmail",
    "recoveryPhone.phone",
    "level",
    "action",
  ] as const;
  return Object.fromEntries([
    // Raw: the form fills in the placeholders ({limit}, {minLength}) from the answer's details.
    ...codes.map((code) => [code, String(t.raw(`codes.${code}` as never))]),
    ...fields.map((field) => [field, t(`fields.${field.replace(".", "_")}` as never)]),
  ]);
}
