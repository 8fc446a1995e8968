import type { Db } from "@homeport/db";
import { hashPassword, verifyPassword } from "@homeport/db/password-hash";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { IdentityError } from "./errors.ts";
import type { TSignInInput } from "./schemas.ts";
import { SESSION_ABSOLUTE_MS } from "./session-policy.ts";

let dummyHash: Promise<string> | undefined;

export interface SignInResult {
  userId: string;
  sessionId: string;
}

/**
 * Checks email and password and opens a device session. An unknown email costs the same hash as a
 * known one, and both failures look alike to the caller, so sign-in does not reveal who has a login.
 */
export async function signInWithPassword(
  db: Db,
  input: TSignInInput,
  context: RequestContext,
  now = new Date(),
): Promise<SignInResult> {
  const user = await db.user.findUnique({
    where: { email: input.email },
    omit: { passwordHash: false },
    include: { memberships: { select: { accountId: true }, take: 1 } },
  });
  dummyHash ??= hashPassword("homeport-dummy-password");
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
  const accountId = user?.memberships[0]?.accountId ?? null;

  if (!user || !valid) {
    await recordAuditEvent(
      db,
      { ...context, actorUserId: user?.id ?? null },
      {
        action: "identity.sign_in",
        outcome: "FAILURE",
        accountId,
        target: input.email,
        details: { reason: user ? "wrong_password" : "unknown_email" },
      },
    );
    throw new IdentityError("INVALID_CREDENTIALS");
  }
  if (user.disabledAt) {
    await recordAuditEvent(
      db,
      { ...context, actorUserId: user.id },
      {
        action: "identity.sign_in",
        outcome: "DENIED",
        accountId,
        details: { reason: "disabled" },
      },
    );
    throw new IdentityError("ACCOUNT_DISABLED");
  }

  return db.$transaction(async (tx) => {
    const session = await tx.deviceSession.create({
      data: {
        userId: user.id,
        userAgent: context.userAgent?.slice(0, 512) ?? "",
        ip: context.ip ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      },
    });
    await recordAuditEvent(
      tx,
      { ...context, actorUserId: user.id, sessionId: session.id },
      {
        action: "identity.sign_in",
        outcome: "SUCCESS",
        accountId,
      },
    );
    return { userId: user.id, sessionId: session.id };
  });
}
