import { getTranslations } from "next-intl/server";
import { brand, displayPhone } from "./brand.ts";

/** Messages for every error code the account forms can return, in the reader's language. */
export async function accountFormErrors(minLength = 8): Promise<Record<string, string>> {
  const t = await getTranslations("accountErrors");
  const phone = displayPhone(brand().supportPhone);
  const keys = [
    "generic",
    "email_required",
    "email_invalid",
    "name_required",
    "name_too_long",
    "password_required",
    "password_too_long",
    "password_mismatch",
    "too_long",
    "common",
    "matches_email",
    "matches_context",
    "account_number_invalid",
    "zip_invalid",
    "code_format",
    "code_required",
    "INVALID_CODE",
    "CODE_EXPIRED",
    "SECOND_FACTOR_REQUIRED",
    "ACCOUNT_NOT_FOUND",
    "ALREADY_REGISTERED",
    "NO_CONTACT_ON_FILE",
    "EMAIL_TAKEN",
    "LINK_INVALID",
    "THROTTLED",
    "NOT_ALLOWED",
    "MEMBER_NOT_FOUND",
  ] as const;
  return {
    ...Object.fromEntries(keys.map((key) => [key, t(key, { phone })])),
    too_short: t("too_short", { min: minLength }),
  };
}
