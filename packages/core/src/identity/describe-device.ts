import Bowser from "bowser";

export interface DeviceDescription {
  browser: string | null;
  os: string | null;
  kind: "mobile" | "tablet" | "desktop" | "tv" | "unknown";
}

/** Browser and operating system from a user agent, for lists of signed-in devices. */
export function describeDevice(userAgent: string | null | undefined): DeviceDescription {
  if (!userAgent) return { browser: null, os: null, kind: "unknown" };
  const parsed = Bowser.parse(userAgent);
  const platform = parsed.platform.type;
  return {
    browser: parsed.browser.name ?? null,
    os: parsed.os.name ? [parsed.os.name, parsed.os.versionName ?? ""].join(" ").trim() : null,
    kind:
      platform === "mobile" || platform === "tablet" || platform === "desktop" || platform === "tv"
        ? platform
        : "unknown",
  };
}
