export type BillingErrorCode =
  | "NO_ACCOUNT"
  | "AMOUNT_INVALID"
  | "AMOUNT_TOO_HIGH"
  | "NOTHING_DUE"
  | "NO_PAST_DUE"
  | "PAYMENT_IN_PROGRESS"
  | "METHOD_NOT_FOUND"
  | "METHOD_EXPIRED"
  | "METHOD_IN_USE"
  | "CARD_NUMBER_INVALID"
  | "CARD_EXPIRY_INVALID"
  | "DECLINED"
  | "STATEMENT_NOT_FOUND"
  | "PAYMENT_NOT_FOUND"
  | "AUTOPAY_NOT_ENROLLED"
  | "ARRANGEMENT_NOT_ELIGIBLE"
  | "ARRANGEMENT_EXISTS"
  | "ARRANGEMENT_DATE_INVALID"
  | "ARRANGEMENT_NOT_FOUND"
  | "GATEWAY_UNAVAILABLE";

export class BillingError extends Error {
  override name = "BillingError";
  constructor(
    readonly code: BillingErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}
