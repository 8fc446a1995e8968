import { z } from "zod";
import { COMMON_PASSWORDS } from "./data/common-passwords.ts";

/**
 * Password rules (NIST SP 800-63B rev 4 §3.1.1.2, OWASP ASVS 5.0 6.2.x): a minimum length (8 for
 * subscribers, 15 for staff), at least 64 accepted (we accept 256; longer is refused, never
 * truncated), no composition rules, no trimming, and no common, breached or context-specific
 * passwords. Lengths count Unicode code points after NFKC normalisation.
 */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordKind = "subscriber" | "staff";

export function minimumPasswordLength(kind: PasswordKind): number {
  return kind === "staff" ? 15 : 8;
}

export type PasswordProblem = "too_short" | "too_long" | "common" | "matches_email" | "matches_context";

export interface PasswordCheckOptions {
  kind: PasswordKind;
  /** The account's email address: the password may equal neither it nor its local part. */
  email?: string;
  /** Words specific to the service, such as the provider or brand name. */
  contextWords?: string[];
}

export type PasswordCheckResult = { ok: true } | { ok: false; problem: PasswordProblem; minLength: number };

/** NFKC, as NIST asks; the caller hashes (and verifies) this form, never the raw input. */
export function normalisePassword(password: string): string {
  return password.normalize("NFKC");
}

/** Raw-input guard for forms; the real policy needs context and is applied by checkPassword. */
export const ZNewPassword = z.string().max(1024, "password_too_long");

let commonPasswords: Set<string> | undefined;

function isCommon(folded: string): boolean {
  commonPasswords ??= new Set(COMMON_PASSWORDS.split("\n").filter((entry) => entry !== ""));
  return commonPasswords.has(folded);
}

const fold = (text: string) => text.normalize("NFKC").toLowerCase();

export function checkPassword(password: string, options: PasswordCheckOptions): PasswordCheckResult {
  const minLength = minimumPasswordLength(options.kind);
  const fail = (problem: PasswordProblem): PasswordCheckResult => ({ ok: false, problem, minLength });

  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  if (length < minLength) return fail("too_short");
  if (length > PASSWORD_MAX_LENGTH) return fail("too_long");

  const folded = normalised.toLowerCase();
  if (isCommon(folded)) return fail("common");

  if (options.email) {
    const email = fold(options.email.trim());
    const at = email.lastIndexOf("@");
    if (folded === email || (at > 0 && folded === email.slice(0, at))) return fail("matches_email");
  }

  if (options.contextWords?.some((word) => word !== "" && fold(word) === folded)) return fail("matches_context");

  return { ok: true };
}
