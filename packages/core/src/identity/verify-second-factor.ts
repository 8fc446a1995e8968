import type { DbTx } from "@homeport/db";
import { normaliseRecoveryCode, recoveryCodeDigest } from "./recovery-codes.ts";
import { openSecret } from "./secret-box.ts";
import { verifyTotp } from "./totp.ts";

export type SecondFactorResult = { ok: true; method: "totp" | "recovery_code" } | { ok: false };

/**
 * A TOTP code (refused on replay: its time step must be newer than the last accepted one) or an
 * unused recovery code (spent atomically, so two concurrent uses cannot both succeed).
 */
export async function verifySecondFactor(
  db: DbTx,
  user: { id: string; totpSecret: string | null; totpLastUsedStep: number | null },
  code: string,
  totpKey: Buffer,
  now: Date,
): Promise<SecondFactorResult> {
  if (!user.totpSecret) return { ok: false };
  const compact = code.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) {
    const result = await verifyTotp({
      secret: openSecret(user.totpSecret, totpKey, user.id),
      code: compact,
      lastUsedStep: user.totpLastUsedStep ?? undefined,
      now,
    });
    if (!result.ok) return { ok: false };
    // Conditional update: of two concurrent requests with the same code, only one moves the step.
    const { count } = await db.user.updateMany({
      where: {
        id: user.id,
        OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: result.step } }],
      },
      data: { totpLastUsedStep: result.step },
    });
    return count === 1 ? { ok: true, method: "totp" } : { ok: false };
  }
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return { ok: false };
  const { count } = await db.recoveryCode.updateMany({
    where: { userId: user.id, digest: await recoveryCodeDigest(normalised, user.id), usedAt: null },
    data: { usedAt: now },
  });
  return count === 1 ? { ok: true, method: "recovery_code" } : { ok: false };
}
