import { randomInt } from "node:crypto";
import { hashRaw } from "@node-rs/argon2";

/**
 * Single-use recovery codes (NIST SP 800-63B rev 4 look-up secrets, OWASP ASVS 5.0 6.5.1-6.5.3).
 *
 * A code is 10 characters from a 31-character alphabet without the look-alikes 0/O, 1/I/L, drawn
 * with crypto.randomInt (uniform, no modulo bias): log2(31) * 10 ≈ 49.5 bits, far above the 20
 * bits NIST asks of a look-up secret. It is shown as "ABCDE-FGHJK" and read back case-insensitively
 * with spaces and dashes ignored.
 */
export const RECOVERY_CODE_COUNT = 10;
export const RECOVERY_CODE_LENGTH = 10;
export const RECOVERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

const CANONICAL = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`);

/** Ten fresh codes in display form ("ABCDE-FGHJK"), all different. */
export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    let code = "";
    for (let i = 0; i < RECOVERY_CODE_LENGTH; i++)
      code += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
    codes.add(code);
  }
  return [...codes].map(formatRecoveryCode);
}

/** The canonical form (upper case, no separators) of what the user typed, or null if it cannot be a code. */
export function normaliseRecoveryCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, "").toUpperCase();
  return CANONICAL.test(code) ? code : null;
}

/** A canonical code in display form: two groups of five. */
export function formatRecoveryCode(normalised: string): string {
  const half = RECOVERY_CODE_LENGTH / 2;
  return `${normalised.slice(0, half)}-${normalised.slice(half)}`;
}

/**
 * What is stored for a code: argon2id (OWASP's minimum profile, as for passwords) of the canonical
 * code, salted with the user's id, hex. Deterministic for a given user and code, so redeeming a code
 * is an equality lookup on (userId, digest) among the user's unused codes.
 *
 * Why not a plain SHA-256: ASVS 5.0 6.5.2 and SP 800-63B allow a fast unsalted hash only for
 * look-up secrets of 112 bits or more; ~50 bits behind SHA-256 fall to a GPU in hours for one user,
 * and with one unsalted table for everybody a stolen database yields codes in bulk. argon2id makes
 * each guess cost ~20 ms and 19 MiB, and the per-user salt (a UUIDv7, 74 random bits) means each
 * guess is tried against one user's ten codes only, so an offline search of ~2^46 guesses per user
 * is out of reach. Online guessing is bounded by the sign-in throttle and single use.
 */
export async function recoveryCodeDigest(normalised: string, userId: string): Promise<string> {
  if (!CANONICAL.test(normalised)) throw new TypeError("recoveryCodeDigest expects a normalised code");
  if (userId.length < 8) throw new TypeError("recoveryCodeDigest expects a user id as salt");
  const digest = await hashRaw(normalised, { ...ARGON2ID, salt: new TextEncoder().encode(`recovery-code:${userId}`) });
  return digest.toString("hex");
}

/** Same parameters as password hashes (packages/db/src/password-hash.ts); changing them voids stored digests. */
const ARGON2ID = { algorithm: 2, version: 1, memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
