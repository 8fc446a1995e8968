import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { DbTx, Prisma, TokenPurpose } from "@homeport/db";

/**
 * Single-use secrets sent by email or text. Links carry 256 random bits, so a fast digest is
 * enough to store them (ASVS 6.5.2 allows it from 112 bits); short numeric codes are stored the
 * same way but live 15 minutes and allow 5 tries.
 */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  REGISTRATION: 15 * 60_000,
  PASSWORD_RESET: 30 * 60_000,
  EMAIL_VERIFICATION: 7 * 24 * 60 * 60_000,
  EMAIL_CHANGE: 24 * 60 * 60_000,
  HOUSEHOLD_INVITE: 7 * 24 * 60 * 60_000,
  FORWARD_CONFIRM: 7 * 24 * 60 * 60_000,
  STAFF_INVITE: 3 * 24 * 60 * 60_000,
};
export const MAX_CODE_ATTEMPTS = 5;

export function newLinkSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function newNumericCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

export function secretDigest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function digestsMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function issueToken(
  db: DbTx,
  purpose: TokenPurpose,
  secret: string,
  fields: { userId?: string; accountId?: string; email?: string; data?: Prisma.InputJsonObject },
  now: Date,
) {
  return db.verificationToken.create({
    data: {
      purpose,
      secretDigest: secretDigest(secret),
      userId: fields.userId ?? null,
      accountId: fields.accountId ?? null,
      email: fields.email ?? null,
      ...(fields.data ? { data: fields.data } : {}),
      createdAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
    },
  });
}

/** The live (unused, unexpired) token for a link secret, or null. */
export function findLiveToken(db: DbTx, purpose: TokenPurpose, secret: string, now: Date) {
  return db.verificationToken.findFirst({
    where: { purpose, secretDigest: secretDigest(secret), consumedAt: null, expiresAt: { gt: now } },
  });
}

/** Marks a token used; false when another request used it first. */
export async function consumeToken(db: DbTx, id: string, now: Date): Promise<boolean> {
  const { count } = await db.verificationToken.updateMany({
    where: { id, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  return count === 1;
}

/** "•••-•••-0199" / "g•••@example.com": enough to recognise, not enough to learn. */
export function maskDestination(channel: "SMS" | "EMAIL", value: string): string {
  if (channel === "SMS") return `•••-•••-${value.replace(/\D/g, "").slice(-4)}`;
  const [local = "", domain = ""] = value.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}
