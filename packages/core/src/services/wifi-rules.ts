/**
 * What a router accepts for a home network, and how good a WiFi password is. Pure and free of
 * Node imports, so a client component can import it for a live hint.
 *
 * - Network name (SSID): 1–32 octets (IEEE 802.11 §9.4.2.2), counted as UTF-8 bytes, no leading
 *   or trailing spaces (many clients trim them, so the network would not match), no control
 *   characters.
 * - Password: a WPA2/WPA3-Personal passphrase, 8–63 printable ASCII characters 0x20–0x7E
 *   (IEEE 802.11i Annex H.4; WPA3-SAE accepts more, but mixed WPA2/WPA3 mode must satisfy both).
 *   It must differ from the current one and from the network name.
 */
export const SSID_MAX_BYTES = 32;
export const WIFI_PASSWORD_MIN = 8;
export const WIFI_PASSWORD_MAX = 63;
export const WIFI_SECURITY_MODES = ["WPA2", "WPA2_WPA3", "WPA3"] as const;
export type WifiSecurityMode = (typeof WIFI_SECURITY_MODES)[number];

export type SsidProblem = "ssid_required" | "ssid_too_long" | "ssid_spaces" | "ssid_characters";
export type WifiPasswordProblem =
  | "password_too_short"
  | "password_too_long"
  | "password_characters"
  | "password_same_as_current"
  | "password_same_as_name";

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function checkSsid(ssid: string): SsidProblem | null {
  if (ssid.length === 0) return "ssid_required";
  if (utf8Length(ssid) > SSID_MAX_BYTES) return "ssid_too_long";
  if (ssid.trim() !== ssid) return "ssid_spaces";
  if (CONTROL.test(ssid)) return "ssid_characters";
  return null;
}

export function checkWifiPassword(
  password: string,
  context: { ssid?: string; currentPassword?: string | null } = {},
): WifiPasswordProblem | null {
  if (!PRINTABLE_ASCII.test(password)) return "password_characters";
  if (password.length < WIFI_PASSWORD_MIN) return "password_too_short";
  if (password.length > WIFI_PASSWORD_MAX) return "password_too_long";
  if (context.currentPassword != null && password === context.currentPassword) return "password_same_as_current";
  if (context.ssid !== undefined && password === context.ssid) return "password_same_as_name";
  return null;
}

export type WifiPasswordStrength = "weak" | "fair" | "strong";

/** Character classes used: lower, upper, digit, other. */
function variety(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** A run like "aaaa", "1234" or "abcd" that makes up most of the password. */
function isPattern(password: string): boolean {
  if (new Set(password).size <= 2) return true;
  let steps = 0;
  for (let i = 1; i < password.length; i += 1) {
    const d = password.charCodeAt(i) - password.charCodeAt(i - 1);
    if (d === 1 || d === -1 || d === 0) steps += 1;
  }
  return steps >= (password.length - 1) * 0.8;
}

/**
 * A hint, not a rule (the rules are above): weak for anything on the common-password list, a
 * repeated or sequential pattern, the network name inside it, or short and one kind of character;
 * strong for 16+ characters with two kinds, 12+ with three kinds, or a 20+ character passphrase;
 * fair otherwise. The common-password list (~170 KB) is passed in rather than imported by the
 * browser's copy of this module: the form loads it only once someone types a password. WPA passphrases can be attacked offline from one captured handshake, so length
 * counts most.
 */
export function wifiPasswordStrength(
  password: string,
  ssid: string | undefined,
  isCommon: (password: string) => boolean,
): WifiPasswordStrength {
  if (password.length < WIFI_PASSWORD_MIN) return "weak";
  const lower = password.toLowerCase();
  if (isCommon(password) || isPattern(password)) return "weak";
  if (ssid && ssid.length >= 3 && lower.includes(ssid.toLowerCase())) return "weak";
  const kinds = variety(password);
  if (password.length < 12 && kinds <= 1) return "weak";
  if (password.length >= 20 || (password.length >= 16 && kinds >= 2) || (password.length >= 12 && kinds >= 3)) {
    return "strong";
  }
  return "fair";
}
