import { randomBytes } from "node:crypto";
import type { DbTx, StaffRole as DbStaffRole } from "@homeport/db";
import { hashPassword } from "@homeport/db/password-hash";
import { z } from "zod";
import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, firstName, requireStepUp } from "../identity/actor.ts";
import { IdentityError } from "../identity/errors.ts";
import { consumeToken, findLiveToken, issueToken, newLinkSecret } from "../identity/one-time-token.ts";
import { checkPassword, normalisePassword } from "../identity/password-policy.ts";
import { ZEmailAddress } from "../identity/schemas.ts";
import { ZId } from "../ids.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { type MessageLocale, messageLocale } from "../notifications/templates.ts";
import { requirePermission, STAFF_ROLES, type StaffRole } from "./permissions.ts";

/**
 * The staff roster: an admin invites people by email (they choose their own password from the
 * link, then must set up two-step sign-in before the console opens, as for all staff), changes
 * their role, and deactivates or reactivates them. The console always keeps at least one active
 * admin, and nobody changes their own role or switches themselves off. Every change needs
 * MANAGE_STAFF and a recent step-up and is audited with the staff member it concerns.
 */

export type StaffActor = Pick<Actor, "id" | "name" | "staffRole" | "sessionId" | "stepUpAt">;

export type StaffErrorCode =
  "STAFF_NOT_FOUND" | "EMAIL_TAKEN" | "OWN_ACCOUNT" | "LAST_ADMIN" | "SAME_ROLE" | "ALREADY_DISABLED" | "NOT_DISABLED";

export class StaffError extends Error {
  override name = "StaffError";
  constructor(readonly code: StaffErrorCode) {
    super(code);
  }
}

const ZRole = z.enum(STAFF_ROLES, { message: "ROLE_INVALID" });

export const ZInviteStaff = z.object({
  email: ZEmailAddress,
  name: z.string().trim().min(1, "NAME_REQUIRED").max(100, "NAME_TOO_LONG"),
  role: ZRole,
  /** The language of the invitation email and, until they change it, of their portal. */
  locale: z.enum(["en", "es"], { message: "LOCALE_INVALID" }).default("en"),
});
export const ZChangeStaffRole = z.object({ userId: ZId, role: ZRole });
export const ZStaffTarget = z.object({ userId: ZId });
export const ZAcceptStaffInvite = z.object({
  token: z.string().min(1, "LINK_INVALID").max(200, "LINK_INVALID"),
  password: z.string().min(1, "PASSWORD_REQUIRED").max(1024, "PASSWORD_TOO_LONG"),
});

export type TInviteStaff = z.input<typeof ZInviteStaff>;
export type TChangeStaffRole = z.input<typeof ZChangeStaffRole>;
export type TStaffTarget = z.input<typeof ZStaffTarget>;
export type TAcceptStaffInvite = z.input<typeof ZAcceptStaffInvite>;

/** The role as the invitation email names it. */
export const STAFF_ROLE_TEXT: Record<MessageLocale, Record<StaffRole, string>> = {
  en: { SUPPORT_AGENT: "support agent", PRIVACY_OFFICER: "privacy officer", ADMIN: "administrator" },
  es: { SUPPORT_AGENT: "agente de soporte", PRIVACY_OFFICER: "responsable de privacidad", ADMIN: "administrador" },
};

export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  twoFactorEnabled: boolean;
  lastSignInAt: Date | null;
  disabled: boolean;
  /** "pending" until the invitee sets a password; "expired" when the link ran out unused. */
  invite: "pending" | "expired" | null;
  createdAt: Date;
}

function auditContext(actor: StaffActor, request: RequestContext): RequestContext {
  return { ...request, actorUserId: actor.id, sessionId: actor.sessionId };
}

/** Permission first (a refusal is audited), then the step-up, so nobody without the right is asked for a password. */
async function authorise(ctx: CoreContext, actor: StaffActor, request: RequestContext) {
  await requirePermission(ctx.db, actor, auditContext(actor, request), "MANAGE_STAFF");
  requireStepUp(actor, ctx.now());
}

async function refuse(
  ctx: CoreContext,
  actor: StaffActor,
  request: RequestContext,
  action: string,
  target: string,
  code: StaffErrorCode,
): Promise<never> {
  // Outside any transaction, so the refusal is kept.
  await recordAuditEvent(ctx.db, auditContext(actor, request), {
    action,
    outcome: "DENIED",
    target,
    details: { reason: code },
  });
  throw new StaffError(code);
}

/**
 * Locks every active admin row and counts them. Two admins demoting each other at the same time
 * queue here: the second sees the first's change once it commits, so the console never ends up
 * with nobody who can manage staff.
 */
async function lockActiveAdmins(tx: DbTx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "staffRole" = 'ADMIN' AND "disabledAt" IS NULL ORDER BY "id" FOR UPDATE`;
  return rows.map((row) => row.id);
}

export async function listStaff(ctx: CoreContext, actor: StaffActor, request: RequestContext = {}) {
  await requirePermission(ctx.db, actor, auditContext(actor, request), "MANAGE_STAFF");
  const now = ctx.now();
  const users = await ctx.db.user.findMany({
    where: { staffRole: { not: null } },
    select: {
      id: true,
      name: true,
      email: true,
      staffRole: true,
      totpEnabledAt: true,
      disabledAt: true,
      createdAt: true,
    },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  const ids = users.map((u) => u.id);
  const [signIns, invites] = await Promise.all([
    ctx.db.deviceSession.groupBy({ by: ["userId"], where: { userId: { in: ids } }, _max: { createdAt: true } }),
    ctx.db.verificationToken.findMany({
      where: { purpose: "STAFF_INVITE", userId: { in: ids } },
      select: { userId: true, consumedAt: true, expiresAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const lastSignIn = new Map(signIns.map((row) => [row.userId, row._max.createdAt]));
  const latestInvite = new Map<string, (typeof invites)[number]>();
  for (const invite of invites)
    if (invite.userId && !latestInvite.has(invite.userId)) latestInvite.set(invite.userId, invite);
  return users.map((user): StaffMember => {
    const invite = latestInvite.get(user.id);
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.staffRole as StaffRole,
      twoFactorEnabled: user.totpEnabledAt !== null,
      lastSignInAt: lastSignIn.get(user.id) ?? null,
      disabled: user.disabledAt !== null,
      invite: !invite || invite.consumedAt ? null : invite.expiresAt > now ? "pending" : "expired",
      createdAt: user.createdAt,
    };
  });
}

/**
 * Creates the staff login with a password nobody knows (the hash of random bytes that are then
 * thrown away) and emails a 3-day link to choose a real one. Opening the link proves the address.
 */
export async function inviteStaff(ctx: CoreContext, actor: StaffActor, request: RequestContext, input: TInviteStaff) {
  await authorise(ctx, actor, request);
  const { email, name, role, locale } = ZInviteStaff.parse(input);
  if (await ctx.db.user.findUnique({ where: { email }, select: { id: true } })) {
    return refuse(ctx, actor, request, "admin.staff.invite", email, "EMAIL_TAKEN");
  }
  const now = ctx.now();
  const secret = newLinkSecret();
  const unusableHash = await hashPassword(randomBytes(32).toString("base64url"));
  let userId: string;
  try {
    userId = await ctx.db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email, name, staffRole: role as DbStaffRole, passwordHash: unusableHash, locale },
      });
      await issueToken(tx, "STAFF_INVITE", secret, { userId: user.id, email, data: { inviter: actor.name } }, now);
      await recordAuditEvent(tx, auditContext(actor, request), {
        action: "admin.staff.invite",
        outcome: "SUCCESS",
        target: user.id,
        details: { email, role },
      });
      await sendTemplatedEmail(ctx, tx, { email, locale }, "staff_invite", {
        name: firstName(name),
        inviter: actor.name,
        role: STAFF_ROLE_TEXT[messageLocale(locale)][role],
        url: `${ctx.publicUrl}/staff-invite?token=${encodeURIComponent(secret)}`,
      });
      return user.id;
    });
  } catch (error) {
    // The same address invited twice at once: the second insert meets the unique email.
    if ((error as { code?: string } | null)?.code === "P2002") {
      return refuse(ctx, actor, request, "admin.staff.invite", email, "EMAIL_TAKEN");
    }
    throw error;
  }
  return { userId };
}

/** Who a live invitation link is for (the set-password page shows it), or null when the link is spent. */
export async function inspectStaffInvite(ctx: CoreContext, token: string) {
  const live = await findLiveToken(ctx.db, "STAFF_INVITE", token, ctx.now());
  if (!live?.userId) return null;
  const user = await ctx.db.user.findUnique({
    where: { id: live.userId },
    select: { email: true, name: true, disabledAt: true, staffRole: true },
  });
  if (!user || user.disabledAt || !user.staffRole) return null;
  return { email: user.email, name: user.name, role: user.staffRole as StaffRole };
}

/**
 * Sets the invited staff member's first password under the staff policy (15+ characters; NIST SP
 * 800-63B §3.1.1.2). They then sign in as usual and are sent to set up two-step sign-in.
 */
export async function acceptStaffInvite(ctx: CoreContext, request: RequestContext, input: TAcceptStaffInvite) {
  const parsed = ZAcceptStaffInvite.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    if (message === "LINK_INVALID") throw new IdentityError("LINK_INVALID");
    throw new IdentityError("WEAK_PASSWORD", { problem: message === "PASSWORD_TOO_LONG" ? "too_long" : "too_short" });
  }
  const { token, password } = parsed.data;
  const now = ctx.now();
  const live = await findLiveToken(ctx.db, "STAFF_INVITE", token, now);
  if (!live?.userId) throw new IdentityError("LINK_INVALID");
  const user = await ctx.db.user.findUnique({
    where: { id: live.userId },
    select: { id: true, email: true, disabledAt: true, staffRole: true },
  });
  // Deactivated (or demoted out of the staff) before accepting: the invitation no longer stands.
  if (!user || user.disabledAt || !user.staffRole) throw new IdentityError("LINK_INVALID");
  const verdict = checkPassword(password, {
    kind: "staff",
    email: user.email,
    contextWords: [ctx.profile.brandName, ctx.profile.shortName],
  });
  if (!verdict.ok) throw new IdentityError("WEAK_PASSWORD", { problem: verdict.problem, minLength: verdict.minLength });
  const passwordHash = await hashPassword(normalisePassword(password));
  await ctx.db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, live.id, now))) throw new IdentityError("LINK_INVALID");
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, passwordChangedAt: now, emailVerifiedAt: now },
    });
    await recordAuditEvent(
      tx,
      { ...request, actorUserId: user.id },
      { action: "admin.staff.invite_accept", outcome: "SUCCESS", target: user.id, details: { role: user.staffRole } },
    );
  });
  return { userId: user.id, email: user.email };
}

async function staffTarget(tx: DbTx, userId: string) {
  const [row] = await tx.$queryRaw<{ id: string; staffRole: StaffRole | null; disabledAt: Date | null }[]>`
    SELECT "id", "staffRole"::text AS "staffRole", "disabledAt" FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
  if (!row?.staffRole) throw new StaffError("STAFF_NOT_FOUND");
  return { ...row, staffRole: row.staffRole };
}

/** Gives a staff member another role; the new permissions apply from their next request. */
export async function changeStaffRole(
  ctx: CoreContext,
  actor: StaffActor,
  request: RequestContext,
  input: TChangeStaffRole,
) {
  await authorise(ctx, actor, request);
  const { userId, role } = ZChangeStaffRole.parse(input);
  const action = "admin.staff.role_change";
  // An admin demoting themselves could lock the console out; another admin does it for them.
  if (userId === actor.id) return refuse(ctx, actor, request, action, userId, "OWN_ACCOUNT");
  const outcome = await ctx.db.$transaction(async (tx) => {
    const admins = role === "ADMIN" ? [] : await lockActiveAdmins(tx);
    const target = await staffTarget(tx, userId);
    if (target.staffRole === role) throw new StaffError("SAME_ROLE");
    if (target.staffRole === "ADMIN" && !target.disabledAt && admins.filter((id) => id !== userId).length === 0) {
      return "LAST_ADMIN" as const;
    }
    await tx.user.update({ where: { id: userId }, data: { staffRole: role as DbStaffRole } });
    await recordAuditEvent(tx, auditContext(actor, request), {
      action,
      outcome: "SUCCESS",
      target: userId,
      details: { from: target.staffRole, to: role },
    });
    return { from: target.staffRole, to: role };
  });
  if (outcome === "LAST_ADMIN") return refuse(ctx, actor, request, action, userId, "LAST_ADMIN");
  return outcome;
}

/**
 * Switches a staff login off: sign-in answers ACCOUNT_DISABLED, every session ends now, and an
 * invitation not yet accepted stops working.
 */
export async function deactivateStaff(
  ctx: CoreContext,
  actor: StaffActor,
  request: RequestContext,
  input: TStaffTarget,
) {
  await authorise(ctx, actor, request);
  const { userId } = ZStaffTarget.parse(input);
  const action = "admin.staff.deactivate";
  if (userId === actor.id) return refuse(ctx, actor, request, action, userId, "OWN_ACCOUNT");
  const now = ctx.now();
  const outcome = await ctx.db.$transaction(async (tx) => {
    const admins = await lockActiveAdmins(tx);
    const target = await staffTarget(tx, userId);
    if (target.disabledAt) throw new StaffError("ALREADY_DISABLED");
    if (target.staffRole === "ADMIN" && admins.filter((id) => id !== userId).length === 0) {
      return "LAST_ADMIN" as const;
    }
    await tx.user.update({ where: { id: userId }, data: { disabledAt: now } });
    const { count: sessionsEnded } = await tx.deviceSession.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: now },
    });
    const { count: invitesCancelled } = await tx.verificationToken.updateMany({
      where: { purpose: "STAFF_INVITE", userId, consumedAt: null },
      data: { consumedAt: now },
    });
    await recordAuditEvent(tx, auditContext(actor, request), {
      action,
      outcome: "SUCCESS",
      target: userId,
      details: { role: target.staffRole, sessionsEnded, invitesCancelled },
    });
    return { sessionsEnded };
  });
  if (outcome === "LAST_ADMIN") return refuse(ctx, actor, request, action, userId, "LAST_ADMIN");
  return outcome;
}

/** Lets a deactivated staff member sign in again with their existing password and 2FA. */
export async function reactivateStaff(
  ctx: CoreContext,
  actor: StaffActor,
  request: RequestContext,
  input: TStaffTarget,
) {
  await authorise(ctx, actor, request);
  const { userId } = ZStaffTarget.parse(input);
  await ctx.db.$transaction(async (tx) => {
    const target = await staffTarget(tx, userId);
    if (!target.disabledAt) throw new StaffError("NOT_DISABLED");
    await tx.user.update({ where: { id: userId }, data: { disabledAt: null } });
    await recordAuditEvent(tx, auditContext(actor, request), {
      action: "admin.staff.reactivate",
      outcome: "SUCCESS",
      target: userId,
      details: {
        role: target.staffRole,
        disabledForMinutes: Math.round((ctx.now().getTime() - target.disabledAt.getTime()) / 60_000),
      },
    });
  });
  return { reactivated: true };
}
