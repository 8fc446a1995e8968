export type ServicesErrorCode =
  "NO_ACCOUNT" | "PLAN_NOT_FOUND" | "PLAN_UNCHANGED" | "SERVICE_REQUIRED" | "OUTAGE_CLOSED" | "OUTAGE_INVALID";

/** Plans and outages: a refusal with a stable code the pages put into words. */
export class ServicesError extends Error {
  override name = "ServicesError";
  constructor(
    readonly code: ServicesErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}
