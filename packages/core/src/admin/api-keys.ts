import { z } from "zod";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "../identity/actor.ts";
import { ZId } from "../ids.ts";
import { createIngestionKey } from "../usage/ingest.ts";
import { requirePermission } from "./permissions.ts";

/**
 * The keys network systems use to send usage (`POST /api/usage/records`). Creating one shows its
 * secret once: only a SHA-256 of it is stored (usage/ingest `createIngestionKey`, the same path
 * as `pnpm usage:key`). Revoking takes effect on the very next request, because
 * `authenticateIngestionKey` reads the key's row every time.
 */

export type ApiKeyActor = Pick<Actor, "id" | "staffRole" | "sessionId" | "stepUpAt">;

export type ApiKeyErrorCode = "KEY_NOT_FOUND";

export class ApiKeyError extends Error {
  override name = "ApiKeyError";
  constructor(readonly code: ApiKeyErrorCode) {
    super(code);
  }
}

export const ZCreateApiKey = z.object({
  name: z.string().trim().min(1, "NAME_REQUIRED").max(100, "NAME_TOO_LONG"),
});
export const ZRevokeApiKey = z.object({ keyId: ZId });

export type TCreateApiKey = z.input<typeof ZCreateApiKey>;
export type TRevokeApiKey = z.input<typeof ZRevokeApiKey>;

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function auditContext(actor: ApiKeyActor, request: RequestContext): RequestContext {
  return { ...request, actorUserId: actor.id, sessionId: actor.sessionId };
}

/** Live keys first, newest first; never the secret or its hash. */
export async function listApiKeys(
  ctx: CoreContext,
  actor: ApiKeyActor,
  request: RequestContext = {},
): Promise<ApiKeySummary[]> {
  await requirePermission(ctx.db, actor, auditContext(actor, request), "MANAGE_API_KEYS");
  const rows = await ctx.db.ingestionKey.findMany({
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
  return [...rows.filter((row) => !row.revokedAt), ...rows.filter((row) => row.revokedAt)];
}

/**
 * Creates a key and returns its secret, the only time anyone sees it. The audit event
 * ("usage.ingestion_key_create", written with the key) names the staff member who created it.
 */
export async function createApiKey(
  ctx: CoreContext,
  actor: ApiKeyActor,
  request: RequestContext,
  input: TCreateApiKey,
) {
  await requirePermission(ctx.db, actor, auditContext(actor, request), "MANAGE_API_KEYS");
  requireStepUp(actor, ctx.now());
  const { name } = ZCreateApiKey.parse(input);
  const { id, prefix, key } = await createIngestionKey(ctx.db, name, auditContext(actor, request));
  return { id, name, prefix, secret: key };
}

/**
 * Revokes a key at once. Revoking a key that is already revoked changes nothing and is not
 * recorded again (a double-clicked button is not a second decision).
 */
export async function revokeApiKey(
  ctx: CoreContext,
  actor: ApiKeyActor,
  request: RequestContext,
  input: TRevokeApiKey,
) {
  await requirePermission(ctx.db, actor, auditContext(actor, request), "MANAGE_API_KEYS");
  requireStepUp(actor, ctx.now());
  const { keyId } = ZRevokeApiKey.parse(input);
  const now = ctx.now();
  return ctx.db.$transaction(async (tx) => {
    const key = await tx.ingestionKey.findUnique({ where: { id: keyId }, select: { name: true, prefix: true } });
    if (!key) throw new ApiKeyError("KEY_NOT_FOUND");
    // Conditional on "not revoked": two admins revoking at once record one revocation.
    const { count } = await tx.ingestionKey.updateMany({
      where: { id: keyId, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count === 0) return { revoked: false };
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "admin.api_key.revoke",
      outcome: "SUCCESS",
      target: keyId,
      details: { name: key.name, prefix: key.prefix },
    });
    return { revoked: true };
  });
}
