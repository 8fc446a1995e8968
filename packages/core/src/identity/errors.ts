export type IdentityErrorCode = "INVALID_CREDENTIALS" | "ACCOUNT_DISABLED" | "SESSION_NOT_FOUND";

export class IdentityError extends Error {
  override name = "IdentityError";
  constructor(readonly code: IdentityErrorCode) {
    super(code);
  }
}
