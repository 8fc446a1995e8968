export type DeviceErrorCode =
  | "NO_ACCOUNT"
  | "NOT_ALLOWED"
  | "EQUIPMENT_NOT_FOUND"
  | "RESTART_PENDING"
  | "NO_WIFI"
  | "WIFI_PENDING"
  | "WIFI_UNCHANGED"
  | "PASSWORD_SAME_AS_CURRENT"
  | "PASSWORD_SAME_AS_NAME"
  | "REQUEST_OPEN"
  | "REASON_NOT_ALLOWED"
  | "GATEWAY_UNAVAILABLE";

/** Equipment and WiFi: a refusal with a stable code the pages put into words. */
export class DeviceError extends Error {
  override name = "DeviceError";
  constructor(
    readonly code: DeviceErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}
