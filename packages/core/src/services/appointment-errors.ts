export type AppointmentErrorCode =
  /** The signed-in user belongs to no service account. */
  | "NO_ACCOUNT"
  /** No such appointment on this account (another account's id gives this too). */
  | "APPOINTMENT_NOT_FOUND"
  /** No such arrival window. */
  | "WINDOW_NOT_FOUND"
  /** Every seat in the window is taken. */
  | "WINDOW_FULL"
  /** The window starts too soon (within the lead time), has passed, or is beyond the horizon. */
  | "WINDOW_UNAVAILABLE"
  /** The account already has a scheduled service visit: reschedule it instead. */
  | "ALREADY_SCHEDULED"
  /** Too close to the visit to change it online (within the cutoff hours). */
  | "CHANGE_CUTOFF_PASSED"
  /** Installations are moved or cancelled by phone. */
  | "INSTALLATION_BY_PHONE"
  /** The visit is no longer scheduled (completed or cancelled). */
  | "NOT_SCHEDULED";

/** Technician visits: a refusal with a stable code the pages put into words. */
export class AppointmentError extends Error {
  override name = "AppointmentError";
  constructor(
    readonly code: AppointmentErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}
