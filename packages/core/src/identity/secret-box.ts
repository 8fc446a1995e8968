import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets at rest (the TOTP secret): AES-256-GCM with a random 96-bit IV per seal and a 128-bit
 * tag, written as `v1.<iv>.<tag>.<ciphertext>` in base64url. The key comes from the caller (see
 * deriveKey); nothing here reads the environment.
 *
 * `context` is optional associated data, authenticated but not stored: seal with the owner's id and
 * a sealed value copied into another row will not open there.
 */
const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SecretBoxErrorReason = "malformed" | "unauthentic" | "invalid-key";

export class SecretBoxError extends Error {
  override name = "SecretBoxError";
  constructor(readonly reason: SecretBoxErrorReason) {
    super(
      reason === "malformed"
        ? "Sealed secret is malformed"
        : reason === "unauthentic"
          ? "Sealed secret failed authentication (tampered, or sealed with another key)"
          : `Secret box key must be ${KEY_BYTES} bytes`,
    );
  }
}

export function sealSecret(plaintext: string, key: Buffer, context?: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  if (context !== undefined) cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Opens what sealSecret produced; throws SecretBoxError if it is malformed, altered or under another key. */
export function openSecret(sealed: string, key: Buffer, context?: string): string {
  checkKey(key);
  const [version, ...encoded] = sealed.split(".");
  const [iv, tag, ciphertext] = encoded.map(decodeBase64url);
  if (version !== VERSION || encoded.length !== 3 || !iv || !tag || !ciphertext) {
    throw new SecretBoxError("malformed");
  }
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("malformed");
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    if (context !== undefined) decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("unauthentic");
  }
}

/**
 * A 32-byte key for one purpose from the master secret, by HKDF-SHA256 (RFC 5869): different
 * purposes give unrelated keys, so a key leaked or misused in one place says nothing about another.
 * The master secret should be high-entropy (the caller checks it; see context.ts).
 */
export function deriveKey(masterSecret: string, purpose: string): Buffer {
  if (masterSecret.length === 0) throw new TypeError("deriveKey needs a master secret");
  if (purpose.length === 0) throw new TypeError("deriveKey needs a purpose");
  return Buffer.from(hkdfSync("sha256", masterSecret, Buffer.alloc(0), `homeport:${purpose}`, KEY_BYTES));
}

/** Strict base64url: Node's decoder skips stray characters, so only the canonical spelling is accepted. */
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

function checkKey(key: Buffer) {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new SecretBoxError("invalid-key");
}
