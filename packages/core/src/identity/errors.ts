export type IdentityErrorCode =
  | "INVALID_CREDENTIALS"
  | "ACCOUNT_DISABLED"
  | "ACCOUNT_LOCKED"
  | "THROTTLED"
  | "SECOND_FACTOR_REQUIRED"
  | "INVALID_CODE"
  | "SESSION_NOT_FOUND"
  | "STEP_UP_REQUIRED"
  | "WEAK_PASSWORD"
  | "TWO_FACTOR_NOT_PENDING"
  | "TWO_FACTOR_ALREADY_ON"
  | "TWO_FACTOR_OFF"
  | "LINK_INVALID"
  | "ACCOUNT_NOT_FOUND"
  | "ALREADY_REGISTERED"
  | "EMAIL_TAKEN"
  | "NO_CONTACT_ON_FILE"
  | "CODE_EXPIRED"
  | "NOT_ALLOWED"
  | "MEMBER_NOT_FOUND";

export class IdentityError extends Error {
  override name = "IdentityError";
  constructor(
    readonly code: IdentityErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}
