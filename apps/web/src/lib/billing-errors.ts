import { getTranslations } from "next-intl/server";
import { brand, displayPhone } from "./brand.ts";

export const BILLING_ERROR_CODES = [
  "generic",
  "AMOUNT_REQUIRED",
  "METHOD_REQUIRED",
  "AMOUNT_INVALID",
  "AMOUNT_TOO_HIGH",
  "NOTHING_DUE",
  "NO_PAST_DUE",
  "PAYMENT_IN_PROGRESS",
  "METHOD_NOT_FOUND",
  "METHOD_EXPIRED",
  "METHOD_IN_USE",
  "card_number_invalid",
  "CARD_NUMBER_INVALID",
  "card_expiry_invalid",
  "CARD_EXPIRY_INVALID",
  "card_cvc_invalid",
  "card_name_required",
  "card_postal_invalid",
  "DECLINED_card_declined",
  "DECLINED_insufficient_funds",
  "DECLINED_expired_card",
  "DECLINED_incorrect_cvc",
  "DECLINED_processing_error",
  "DECLINED_authentication_required",
  "DECLINED_unknown",
  "GATEWAY_UNAVAILABLE",
  "NOT_ALLOWED",
  "NO_ACCOUNT",
  "AUTOPAY_NOT_ENROLLED",
  "ARRANGEMENT_NOT_ELIGIBLE",
  "ARRANGEMENT_EXISTS",
  "ARRANGEMENT_DATE_INVALID",
  "ARRANGEMENT_DATE_REQUIRED",
  "ARRANGEMENT_NOT_FOUND",
  "TERMS_REQUIRED",
] as const;

/** Every message a billing form can show, keyed by the error code its action returns. */
export async function billingErrors(): Promise<Record<string, string>> {
  const t = await getTranslations("billing.errors");
  const phone = displayPhone(brand().supportPhone);
  return Object.fromEntries(BILLING_ERROR_CODES.map((code) => [code, t(code, { phone, max: "{max}" })]));
}
