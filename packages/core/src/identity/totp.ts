import { generate, generateSecret, generateURI, verify } from "otplib";

/**
 * TOTP (RFC 6238) as authenticator apps implement it: SHA-1, 6 digits, 30-second steps. NIST SP
 * 800-63B rev 4 (single-factor OTP) and OWASP ASVS 5.0 6.5.x: a code is good for one time step,
 * one step either side is tolerated for clock drift, and each code is accepted at most once.
 */
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
/** One step either side of the current one (otplib takes the tolerance in seconds). */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
/** 160 bits, the key size RFC 4226 recommends for HMAC-SHA-1 (and NIST's 112-bit minimum is met). */
const SECRET_BYTES = 20;

export type TotpVerification = { ok: true; step: number } | { ok: false; reason: "malformed" | "invalid" | "replayed" };

export interface VerifyTotpInput {
  /** Base32 secret, already opened from its sealed form. */
  secret: string;
  /** What the user typed; spaces and dashes are ignored. */
  code: string;
  /** The step of the last accepted code (null if none): that step and earlier ones are refused. */
  lastUsedStep?: number | null;
  now?: Date;
}

/** A new random secret, base32 (32 characters, 160 bits from a CSPRNG). */
export function createTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** The otpauth:// URI for the QR code; the issuer is the provider's brand, the label the user's email. */
export function totpUri({ secret, accountLabel, issuer }: { secret: string; accountLabel: string; issuer: string }) {
  return generateURI({ issuer, label: accountLabel, secret });
}

/** The secret in groups of four ("ABCD EFGH …") for typing into an app by hand. */
export function formatSecretForManualEntry(secret: string): string {
  return (secret.replace(/\s+/g, "").match(/.{1,4}/g) ?? []).join(" ");
}

/** The time step (RFC 6238 "T") for a moment. */
export function totpStep(now: Date): number {
  return Math.floor(epochSeconds(now) / TOTP_PERIOD_SECONDS);
}

/**
 * Checks a code against the current step and one step either side. On success returns the step the
 * code belongs to: the caller stores it as the new lastUsedStep (ideally with a compare-and-set on
 * the old value so two concurrent requests cannot both spend the same code).
 */
export async function verifyTotp({
  secret,
  code,
  lastUsedStep = null,
  now = new Date(),
}: VerifyTotpInput): Promise<TotpVerification> {
  const token = code.replace(/[\s-]/g, "");
  if (!/^[0-9]{6}$/.test(token)) return { ok: false, reason: "malformed" };
  if (lastUsedStep !== null && !Number.isSafeInteger(lastUsedStep)) {
    throw new TypeError("lastUsedStep must be an integer or null");
  }

  const epoch = epochSeconds(now);
  const options = { secret, token, epoch, epochTolerance: TOLERANCE_SECONDS, digits: TOTP_DIGITS } as const;
  // otplib skips steps <= afterTimeStep, but throws if afterTimeStep lies beyond the newest step of
  // the window (a clock that went back): then every step in the window is already spent.
  const newestStep = Math.floor((epoch + TOLERANCE_SECONDS) / TOTP_PERIOD_SECONDS);
  const fresh = lastUsedStep === null || lastUsedStep < 0 ? {} : { afterTimeStep: lastUsedStep };
  if (lastUsedStep === null || lastUsedStep < newestStep) {
    const result = await verify({ ...options, ...fresh });
    if (result.valid && "timeStep" in result) return { ok: true, step: result.timeStep };
  }
  if (lastUsedStep !== null) {
    // No unspent step matched; if a spent one does, the code is a replay rather than a wrong code.
    const spent = await verify(options);
    if (spent.valid) return { ok: false, reason: "replayed" };
  }
  return { ok: false, reason: "invalid" };
}

/** The code an authenticator app shows at `now` (tests and the dev seed). */
export function currentTotp(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: epochSeconds(now), digits: TOTP_DIGITS });
}

function epochSeconds(now: Date): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("now must be a valid date");
  return Math.floor(ms / 1000);
}
