import { hashPassword, verifyPassword } from "@homeport/db/password-hash";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { enqueueMessage } from "../notifications/enqueue-message.ts";
import { renderTemplate } from "../notifications/templates.ts";
import { isStorableText } from "../storable.ts";
import { IdentityError } from "./errors.ts";
import { ZEmailAddress } from "./schemas.ts";
import { sendVerificationEmail } from "./email-address.ts";
import { freeProfileName } from "./household.ts";
import {
  consumeToken,
  digestsMatch,
  issueToken,
  maskDestination,
  MAX_CODE_ATTEMPTS,
  newLinkSecret,
  newNumericCode,
  secretDigest,
} from "./one-time-token.ts";
import { checkPassword, normalisePassword } from "./password-policy.ts";
import { checkThrottle, recordFailure, type ThrottleKey } from "./throttle.ts";

/**
 * Registering an online login for an existing service account (NIST 800-63B: no security
 * questions): account number + service ZIP, then a code sent to the phone or email already on
 * file, then the new login's email and password.
 */
export const ZStartRegistration = z.object({
  accountNumber: z
    .string()
    .transform((v) => v.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{16}$/, "account_number_invalid")),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, "zip_invalid")
    .transform((v) => v.slice(0, 5)),
  channel: z.enum(["SMS", "EMAIL"]).catch("SMS"),
});
export type TStartRegistration = z.infer<typeof ZStartRegistration>;

export const ZVerifyRegistration = z.object({
  registrationId: z.string().uuid("CODE_EXPIRED"),
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "code_format")),
});

export const ZCompleteRegistration = z.object({
  registrationId: z.string().uuid(),
  completion: z.string().min(20).max(100),
  name: z.string().trim().min(1, "name_required").max(100, "name_too_long").refine(isStorableText, "name_invalid"),
  email: ZEmailAddress,
  password: z.string().min(1, "password_required").max(1024, "password_too_long"),
});
export type TCompleteRegistration = z.infer<typeof ZCompleteRegistration>;

interface RegistrationData {
  channel: "SMS" | "EMAIL";
  codeHash: string;
  completionDigest?: string;
}

export async function startRegistration(ctx: CoreContext, input: TStartRegistration, request: RequestContext) {
  const now = ctx.now();
  const keys: ThrottleKey[] = request.ip ? [{ rule: "registrationIp", subject: request.ip }] : [];
  if ((await checkThrottle(ctx.db, keys, now)).blocked) throw new IdentityError("THROTTLED");

  const account = await ctx.db.serviceAccount.findUnique({
    where: { accountNumber: input.accountNumber },
    include: { memberships: { where: { role: "OWNER" }, select: { id: true } } },
  });
  if (!account || account.zip.slice(0, 5) !== input.zip || account.status === "CLOSED") {
    await recordFailure(ctx.db, keys, now);
    await recordAuditEvent(ctx.db, request, {
      action: "identity.register_start",
      outcome: "FAILURE",
      target: input.accountNumber.slice(-4),
      details: { reason: account ? "zip_mismatch" : "unknown_account" },
    });
    throw new IdentityError("ACCOUNT_NOT_FOUND");
  }
  if (account.memberships.length > 0) throw new IdentityError("ALREADY_REGISTERED");
  const destination = input.channel === "SMS" ? account.phoneOnFile : account.emailOnFile;
  if (!destination) throw new IdentityError("NO_CONTACT_ON_FILE");

  const code = newNumericCode();
  const codeHash = await hashPassword(code);
  const token = await ctx.db.$transaction(async (tx) => {
    const issued = await issueToken(
      tx,
      "REGISTRATION",
      newLinkSecret(),
      {
        accountId: account.id,
        data: { channel: input.channel, codeHash } satisfies RegistrationData,
      },
      now,
    );
    const message = renderTemplate("registration_code", null, { brand: ctx.profile.brandName, code });
    await enqueueMessage(tx, ctx.transports, {
      channel: input.channel,
      recipient: destination,
      subject: input.channel === "EMAIL" ? message.subject : null,
      body: message.body,
    });
    await recordAuditEvent(tx, request, {
      action: "identity.register_start",
      outcome: "SUCCESS",
      accountId: account.id,
      details: { channel: input.channel },
    });
    return issued;
  });
  return {
    registrationId: token.id,
    channel: input.channel,
    maskedDestination: maskDestination(input.channel, destination),
  };
}

/**
 * Checks the code; five wrong tries end the registration. Success returns a completion secret that
 * only this visitor holds, needed for the last step.
 */
export async function verifyRegistrationCode(
  ctx: CoreContext,
  input: { registrationId: string; code: string },
  request: RequestContext,
): Promise<{ completion: string }> {
  const now = ctx.now();
  const token = await ctx.db.verificationToken.findFirst({
    where: { id: input.registrationId, purpose: "REGISTRATION", consumedAt: null },
  });
  if (!token || token.expiresAt <= now || token.attempts >= MAX_CODE_ATTEMPTS) throw new IdentityError("CODE_EXPIRED");
  // Count the attempt first, atomically, so parallel guesses cannot exceed the limit.
  const { count } = await ctx.db.verificationToken.updateMany({
    where: { id: token.id, attempts: { lt: MAX_CODE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (count === 0) throw new IdentityError("CODE_EXPIRED");
  const data = token.data as unknown as RegistrationData;
  if (!(await verifyPassword(data.codeHash, input.code.replace(/\s/g, "")))) {
    await recordAuditEvent(ctx.db, request, {
      action: "identity.register_code",
      outcome: "FAILURE",
      accountId: token.accountId,
    });
    throw new IdentityError(token.attempts + 1 >= MAX_CODE_ATTEMPTS ? "CODE_EXPIRED" : "INVALID_CODE");
  }
  const completion = newLinkSecret();
  await ctx.db.verificationToken.update({
    where: { id: token.id },
    data: { data: { ...data, completionDigest: secretDigest(completion) } },
  });
  return { completion };
}

/** Creates the owner's login; the account now has an online owner and the email gets a check link. */
export async function completeRegistration(ctx: CoreContext, input: TCompleteRegistration, request: RequestContext) {
  const now = ctx.now();
  const token = await ctx.db.verificationToken.findFirst({
    where: { id: input.registrationId, purpose: "REGISTRATION", consumedAt: null, expiresAt: { gt: now } },
  });
  const data = token?.data as unknown as RegistrationData | undefined;
  if (
    !token?.accountId ||
    !data?.completionDigest ||
    !digestsMatch(data.completionDigest, secretDigest(input.completion))
  ) {
    throw new IdentityError("CODE_EXPIRED");
  }
  const verdict = checkPassword(input.password, {
    kind: "subscriber",
    email: input.email,
    contextWords: [ctx.profile.brandName, ctx.profile.shortName],
  });
  if (!verdict.ok) throw new IdentityError("WEAK_PASSWORD", { problem: verdict.problem, minLength: verdict.minLength });
  if (await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new IdentityError("EMAIL_TAKEN");
  }
  const passwordHash = await hashPassword(normalisePassword(input.password));
  const accountId = token.accountId;
  let user;
  try {
    user = await ctx.db.$transaction(async (tx) => {
      if (!(await consumeToken(tx, token.id, now))) throw new IdentityError("CODE_EXPIRED");
      const owners = await tx.membership.count({ where: { accountId, role: "OWNER" } });
      if (owners > 0) throw new IdentityError("ALREADY_REGISTERED");
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, passwordChangedAt: now },
      });
      await tx.membership.create({ data: { userId: created.id, accountId, role: "OWNER" } });
      await tx.profile.create({
        data: { accountId, userId: created.id, name: await freeProfileName(tx, accountId, input.name) },
      });
      await recordAuditEvent(
        tx,
        { ...request, actorUserId: created.id },
        {
          action: "identity.register",
          outcome: "SUCCESS",
          accountId,
        },
      );
      await sendVerificationEmail(ctx, tx, created, now);
      return created;
    });
  } catch (error) {
    // The one-owner-per-account index: another registration for this account finished first.
    if ((error as { code?: string }).code === "P2002") throw new IdentityError("ALREADY_REGISTERED");
    throw error;
  }
  return { userId: user.id };
}
