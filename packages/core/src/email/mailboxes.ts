import type { DbTx, Mailbox } from "@homeport/db";
import { hashPassword } from "@homeport/db/password-hash";
import { z } from "zod";
import { type RequestContext, recordAuditEvent } from "../audit/record-audit-event.ts";
import { fromDbDate, isCalendarDate, toDbDate } from "../billing/calendar.ts";
import { lockAccount } from "../billing/household-recipients.ts";
import type { CoreContext } from "../context.ts";
import { type Actor, requireStepUp } from "../identity/actor.ts";
import { consumeToken, findLiveToken, issueToken, newLinkSecret } from "../identity/one-time-token.ts";
import { checkPassword, ZNewPassword } from "../identity/password-policy.ts";
import { sendTemplatedEmail } from "../notifications/send-message.ts";
import { addressProblem, mailboxAddress, normaliseBlockedSender } from "./address-rules.ts";
import { databaseMailPlatform, type MailPlatform } from "./mail-platform.ts";
import { generateSieve } from "./sieve.ts";

type Ctx = Pick<CoreContext, "db" | "now" | "profile"> & { mailPlatform?: MailPlatform };
type MailCtx = Ctx & Pick<CoreContext, "transports" | "publicUrl">;

export type EmailErrorCode =
  | "NO_ACCOUNT"
  | "NOT_ALLOWED"
  | "MAILBOX_NOT_FOUND"
  | "ADDRESS_TAKEN"
  | "ADDRESS_INVALID"
  | "MAILBOX_LIMIT"
  | "PRIMARY_MAILBOX"
  | "PASSWORD_WEAK"
  | "FORWARD_SELF"
  | "FORWARD_LOOP"
  | "FORWARD_LIMIT"
  | "FORWARD_EXISTS"
  | "FORWARD_NOT_FOUND"
  | "LINK_INVALID"
  | "BLOCKED_EXISTS"
  | "MEMBER_NOT_FOUND";

export class EmailError extends Error {
  override name = "EmailError";
  constructor(
    readonly code: EmailErrorCode,
    readonly detail?: Record<string, string | number>,
  ) {
    super(code);
  }
}

const ZMailboxId = z.uuid();
const ZEmail = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const ZNewMailbox = z.object({
  localPart: z.string().trim().toLowerCase().max(64),
  domain: z.string().trim().toLowerCase().max(64),
  displayName: z.string().trim().min(1).max(80),
  password: ZNewPassword,
  /** The household member who will read it (optional). */
  userId: z.uuid().optional(),
});

export const ZAutoReply = z
  .object({
    enabled: z.boolean(),
    subject: z.string().trim().max(200).default(""),
    body: z.string().max(10_000).default(""),
    start: z.string().refine(isCalendarDate, "date").nullable().default(null),
    end: z.string().refine(isCalendarDate, "date").nullable().default(null),
    days: z.coerce.number().int().min(1).max(30).default(7),
  })
  .refine((value) => !value.enabled || value.subject.length > 0, { path: ["subject"], message: "required" })
  .refine((value) => !value.enabled || value.body.trim().length > 0, { path: ["body"], message: "required" })
  .refine((value) => !value.start || !value.end || value.start <= value.end, {
    path: ["end"],
    message: "before_start",
  });

export const ZBlockedSender = z.object({
  pattern: z.string().transform((value, issue) => {
    const pattern = normaliseBlockedSender(value);
    if (pattern) return pattern;
    issue.addIssue({ code: "custom", message: "pattern" });
    return z.NEVER;
  }),
});

export const ZSpamSettings = z.object({
  level: z.enum(["OFF", "STANDARD", "STRICT"]),
  action: z.enum(["FOLDER", "DISCARD"]),
});

export const ZRecovery = z.object({
  recoveryEmail: z.union([z.literal(""), ZEmail]).transform((v) => v || null),
  recoveryPhone: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s().+-]/g, ""))
    .refine((v) => v === "" || /^1?\d{10}$/.test(v), "phone")
    .transform((v) => (v === "" ? null : `+1${v.slice(-10)}`)),
});

/** Who may change a mailbox: the account holder any of the household's; a member their own. */
async function accessibleMailbox(db: DbTx, actor: Pick<Actor, "id" | "accountId" | "membershipRole">, id: string) {
  if (!actor.accountId || !actor.membershipRole) throw new EmailError("NO_ACCOUNT");
  if (!ZMailboxId.safeParse(id).success) throw new EmailError("MAILBOX_NOT_FOUND");
  const mailbox = await db.mailbox.findFirst({ where: { id, accountId: actor.accountId } });
  if (!mailbox) throw new EmailError("MAILBOX_NOT_FOUND");
  if (actor.membershipRole !== "OWNER" && mailbox.userId !== actor.id) throw new EmailError("MAILBOX_NOT_FOUND");
  return mailbox;
}

function requireOwner(actor: Pick<Actor, "accountId" | "membershipRole">): string {
  if (!actor.accountId) throw new EmailError("NO_ACCOUNT");
  if (actor.membershipRole !== "OWNER") throw new EmailError("NOT_ALLOWED");
  return actor.accountId;
}

/** Recompiles the mailbox's rules into its Sieve script and hands it to the mail platform. */
export async function publishMailboxRules(ctx: Ctx, tx: DbTx, mailboxId: string) {
  const mailbox = await tx.mailbox.findUniqueOrThrow({
    where: { id: mailboxId },
    include: {
      forwards: { where: { confirmedAt: { not: null } }, orderBy: { createdAt: "asc" } },
      blocked: { orderBy: { createdAt: "asc" } },
    },
  });
  const account = await tx.serviceAccount.findUniqueOrThrow({
    where: { id: mailbox.accountId },
    select: { timeZone: true },
  });
  const script = generateSieve({
    address: mailbox.address,
    forwards: mailbox.forwards.map((f) => f.address),
    keepCopy: mailbox.forwardKeepCopy,
    blocked: mailbox.blocked.map((b) => b.pattern),
    spam: { level: mailbox.spamLevel, action: mailbox.spamAction },
    autoReply:
      mailbox.autoReplyEnabled && mailbox.autoReplySubject && mailbox.autoReplyBody
        ? {
            subject: mailbox.autoReplySubject,
            body: mailbox.autoReplyBody,
            start: mailbox.autoReplyStart ? fromDbDate(mailbox.autoReplyStart) : null,
            end: mailbox.autoReplyEnd ? fromDbDate(mailbox.autoReplyEnd) : null,
            days: mailbox.autoReplyDays,
            timeZone: account.timeZone,
          }
        : null,
  });
  await (ctx.mailPlatform ?? databaseMailPlatform).publishSieve(tx, mailbox.id, script);
  return script;
}

export interface MailboxSummary {
  id: string;
  address: string;
  displayName: string;
  primary: boolean;
  userId: string | null;
  userName: string | null;
  status: Mailbox["status"];
  lastLoginAt: Date | null;
  lockedAt: Date | null;
  /** When an unused mailbox will be locked (the profile's idle days after the last sign-in). */
  locksAt: Date | null;
  usedBytes: number;
  quotaBytes: number;
  forwards: number;
  canManage: boolean;
}

/** The household's mailboxes, the primary first, with what the reader may do with each. */
export async function listMailboxes(ctx: Ctx, actor: Pick<Actor, "id" | "accountId" | "membershipRole">) {
  if (!actor.accountId) throw new EmailError("NO_ACCOUNT");
  const rows = await ctx.db.mailbox.findMany({
    where: { accountId: actor.accountId },
    orderBy: [{ primary: "desc" }, { createdAt: "asc" }],
    include: { _count: { select: { forwards: { where: { confirmedAt: { not: null } } } } } },
  });
  const users = await ctx.db.user.findMany({
    where: { id: { in: rows.flatMap((r) => (r.userId ? [r.userId] : [])) } },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const idleMs = ctx.profile.email.limits.idleLockDays * 86_400_000;
  const mailboxes: MailboxSummary[] = rows.map((row) => ({
    id: row.id,
    address: row.address,
    displayName: row.displayName,
    primary: row.primary,
    userId: row.userId,
    userName: row.userId ? (names.get(row.userId) ?? null) : null,
    status: row.status,
    lastLoginAt: row.lastLoginAt,
    lockedAt: row.lockedAt,
    locksAt: row.status === "ACTIVE" ? new Date((row.lastLoginAt ?? row.createdAt).getTime() + idleMs) : null,
    usedBytes: Number(row.usedBytes),
    quotaBytes: Number(row.quotaBytes),
    forwards: row._count.forwards,
    canManage: actor.membershipRole === "OWNER" || row.userId === actor.id,
  }));
  const additional = rows.filter((r) => !r.primary).length;
  return {
    mailboxes,
    canCreate: actor.membershipRole === "OWNER" && additional < ctx.profile.email.limits.mailboxesPerAccount,
    additional,
    limits: ctx.profile.email.limits,
    domains: ctx.profile.email.domains,
  };
}

/** Whether an address could be created: invalid (with the rule broken), taken, or free. */
export async function checkAddress(ctx: Ctx, localPart: string, domain: string) {
  const problem = addressProblem(localPart, domain, ctx.profile.email.domains);
  if (problem) return { available: false as const, problem };
  const address = mailboxAddress(localPart, domain);
  const taken = await ctx.db.mailbox.findUnique({ where: { address }, select: { id: true } });
  return taken ? { available: false as const, problem: "taken" as const } : { available: true as const, address };
}

export async function createMailbox(ctx: Ctx, actor: Actor, request: RequestContext, input: unknown) {
  const data = ZNewMailbox.parse(input);
  const accountId = requireOwner(actor);
  const check = await checkAddress(ctx, data.localPart, data.domain);
  if (!check.available) {
    if (check.problem === "taken") throw new EmailError("ADDRESS_TAKEN");
    throw new EmailError("ADDRESS_INVALID", { problem: check.problem });
  }
  const password = checkPassword(data.password, { kind: "subscriber", email: check.address });
  if (!password.ok) throw new EmailError("PASSWORD_WEAK", { problem: password.problem, minLength: password.minLength });
  const passwordHash = await hashPassword(data.password);
  try {
    return await ctx.db.$transaction(async (tx) => {
      await lockAccount(tx, accountId);
      const additional = await tx.mailbox.count({ where: { accountId, primary: false } });
      if (additional >= ctx.profile.email.limits.mailboxesPerAccount) {
        throw new EmailError("MAILBOX_LIMIT", { limit: ctx.profile.email.limits.mailboxesPerAccount });
      }
      if (data.userId) {
        const member = await tx.membership.findFirst({ where: { accountId, userId: data.userId } });
        if (!member) throw new EmailError("MEMBER_NOT_FOUND");
      }
      const mailbox = await tx.mailbox.create({
        data: {
          accountId,
          address: check.address,
          displayName: data.displayName,
          userId: data.userId ?? null,
          passwordHash,
          quotaBytes: BigInt(ctx.profile.email.limits.mailboxQuotaBytes),
        },
      });
      await publishMailboxRules(ctx, tx, mailbox.id);
      await recordAuditEvent(tx, request, {
        action: "email.mailbox.created",
        outcome: "SUCCESS",
        accountId,
        target: mailbox.id,
        details: { address: mailbox.address },
      });
      return mailbox;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new EmailError("ADDRESS_TAKEN");
    throw error;
  }
}

/** A new password for a mailbox (after a fresh sign-in); it also unlocks a mailbox locked for inactivity. */
export async function resetMailboxPassword(
  ctx: Ctx,
  actor: Actor,
  request: RequestContext,
  input: { mailboxId: string; password: string },
) {
  requireStepUp(actor, ctx.now());
  const password = ZNewPassword.parse(input.password);
  const mailbox = await accessibleMailbox(ctx.db, actor, input.mailboxId);
  const check = checkPassword(password, { kind: "subscriber", email: mailbox.address });
  if (!check.ok) throw new EmailError("PASSWORD_WEAK", { problem: check.problem, minLength: check.minLength });
  const passwordHash = await hashPassword(password);
  await ctx.db.$transaction(async (tx) => {
    await tx.mailbox.update({
      where: { id: mailbox.id },
      data: { passwordHash, passwordChangedAt: ctx.now(), status: "ACTIVE", lockedAt: null },
    });
    await recordAuditEvent(tx, request, {
      action: "email.mailbox.password_reset",
      outcome: "SUCCESS",
      accountId: mailbox.accountId,
      target: mailbox.id,
      details: { address: mailbox.address, unlocked: mailbox.status === "LOCKED" },
    });
  });
  return { unlocked: mailbox.status === "LOCKED" };
}

/** Deletes an additional mailbox and its mail; the primary address stays with the account. */
export async function deleteMailbox(ctx: Ctx, actor: Actor, request: RequestContext, input: { mailboxId: string }) {
  requireOwner(actor);
  const mailbox = await accessibleMailbox(ctx.db, actor, input.mailboxId);
  if (mailbox.primary) throw new EmailError("PRIMARY_MAILBOX");
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.mailbox.deleteMany({ where: { id: mailbox.id } });
    if (count === 0) return;
    await tx.mailboxForward.deleteMany({
      where: { address: mailbox.address, mailbox: { accountId: mailbox.accountId } },
    });
    await recordAuditEvent(tx, request, {
      action: "email.mailbox.deleted",
      outcome: "SUCCESS",
      accountId: mailbox.accountId,
      target: mailbox.id,
      details: { address: mailbox.address },
    });
  });
}

/** One mailbox's settings for its page. */
export async function getMailbox(ctx: Ctx, actor: Pick<Actor, "id" | "accountId" | "membershipRole">, id: string) {
  const mailbox = await accessibleMailbox(ctx.db, actor, id).catch((error: unknown) => {
    // Someone with no household (staff) has no mailbox to see: "not found", like any other's.
    if (error instanceof EmailError && (error.code === "MAILBOX_NOT_FOUND" || error.code === "NO_ACCOUNT")) return null;
    throw error;
  });
  if (!mailbox) return null;
  const [forwards, blocked, sieve] = await Promise.all([
    ctx.db.mailboxForward.findMany({ where: { mailboxId: mailbox.id }, orderBy: { createdAt: "asc" } }),
    ctx.db.mailboxBlockedSender.findMany({ where: { mailboxId: mailbox.id }, orderBy: { createdAt: "asc" } }),
    ctx.db.sieveScript.findUnique({ where: { mailboxId: mailbox.id } }),
  ]);
  return {
    mailbox: {
      ...mailbox,
      usedBytes: Number(mailbox.usedBytes),
      quotaBytes: Number(mailbox.quotaBytes),
      autoReplyStart: mailbox.autoReplyStart ? fromDbDate(mailbox.autoReplyStart) : null,
      autoReplyEnd: mailbox.autoReplyEnd ? fromDbDate(mailbox.autoReplyEnd) : null,
    },
    forwards,
    blocked,
    sieve,
    canDelete: actor.membershipRole === "OWNER" && !mailbox.primary,
  };
}

/** Changes a mailbox's settings and republishes its rules in one transaction, audited. */
async function changeRules<T>(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  action: string,
  change: (tx: DbTx, mailbox: Mailbox) => Promise<T>,
): Promise<T> {
  return ctx.db.$transaction(async (tx) => {
    const mailbox = await accessibleMailbox(tx, actor, mailboxId);
    // One change at a time per mailbox, so the published script matches the last change.
    await tx.$executeRaw`SELECT 1 FROM "Mailbox" WHERE "id" = ${mailbox.id}::uuid FOR UPDATE`;
    const result = await change(tx, mailbox);
    await publishMailboxRules(ctx, tx, mailbox.id);
    await recordAuditEvent(tx, request, {
      action,
      outcome: "SUCCESS",
      accountId: mailbox.accountId,
      target: mailbox.id,
    });
    return result;
  });
}

export async function updateAutoReply(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  input: unknown,
) {
  const data = ZAutoReply.parse(input);
  z.object({ body: z.string().max(ctx.profile.email.limits.autoReplyMaxChars, "too_long") }).parse({ body: data.body });
  return changeRules(ctx, actor, request, mailboxId, "email.rules.auto_reply", (tx, mailbox) =>
    tx.mailbox.update({
      where: { id: mailbox.id },
      data: {
        autoReplyEnabled: data.enabled,
        autoReplySubject: data.subject || null,
        autoReplyBody: data.body || null,
        autoReplyStart: data.start ? toDbDate(data.start) : null,
        autoReplyEnd: data.end ? toDbDate(data.end) : null,
        autoReplyDays: data.days,
      },
    }),
  );
}

export async function updateSpamSettings(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  input: unknown,
) {
  const data = ZSpamSettings.parse(input);
  return changeRules(ctx, actor, request, mailboxId, "email.rules.spam", (tx, mailbox) =>
    tx.mailbox.update({ where: { id: mailbox.id }, data: { spamLevel: data.level, spamAction: data.action } }),
  );
}

export async function updateRecovery(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  input: unknown,
) {
  const data = ZRecovery.parse(input);
  return changeRules(ctx, actor, request, mailboxId, "email.mailbox.recovery", (tx, mailbox) =>
    tx.mailbox.update({ where: { id: mailbox.id }, data }),
  );
}

export async function addBlockedSender(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  value: string,
) {
  const { pattern } = ZBlockedSender.parse({ pattern: value });
  return changeRules(ctx, actor, request, mailboxId, "email.rules.blocked_added", async (tx, mailbox) => {
    const { count } = await tx.mailboxBlockedSender.createMany({
      data: [{ mailboxId: mailbox.id, pattern }],
      skipDuplicates: true,
    });
    if (count === 0) throw new EmailError("BLOCKED_EXISTS");
    return pattern;
  });
}

export async function removeBlockedSender(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  blockedId: string,
) {
  return changeRules(ctx, actor, request, mailboxId, "email.rules.blocked_removed", (tx, mailbox) =>
    z.uuid().safeParse(blockedId).success
      ? tx.mailboxBlockedSender.deleteMany({ where: { id: blockedId, mailboxId: mailbox.id } })
      : Promise.resolve({ count: 0 }),
  );
}

/**
 * Whether forwarding `from` to `target` would send mail around in a circle through our own
 * mailboxes (A → B → … → A), following every forward, confirmed or not.
 */
async function forwardsBackTo(db: DbTx, from: string, target: string): Promise<boolean> {
  const seen = new Set<string>();
  let frontier = [target];
  for (let depth = 0; depth < 20 && frontier.length > 0; depth += 1) {
    if (frontier.includes(from)) return true;
    for (const address of frontier) seen.add(address);
    const next = await db.mailboxForward.findMany({
      where: { mailbox: { address: { in: frontier } } },
      select: { address: true },
    });
    frontier = [...new Set(next.map((f) => f.address))].filter((a) => !seen.has(a));
  }
  return frontier.includes(from);
}

/**
 * Adds a forwarding target. It is used only once the target confirms it by the link sent to it,
 * so nobody can make a mailbox flood someone else's.
 */
export async function addForward(
  ctx: MailCtx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  input: { address: string },
) {
  const target = ZEmail.parse(input.address);
  const secret = newLinkSecret();
  const result = await changeRules(ctx, actor, request, mailboxId, "email.rules.forward_added", async (tx, mailbox) => {
    if (target === mailbox.address) throw new EmailError("FORWARD_SELF");
    if (await forwardsBackTo(tx, mailbox.address, target)) throw new EmailError("FORWARD_LOOP");
    const count = await tx.mailboxForward.count({ where: { mailboxId: mailbox.id } });
    if (count >= ctx.profile.email.limits.forwardingTargets) {
      throw new EmailError("FORWARD_LIMIT", { limit: ctx.profile.email.limits.forwardingTargets });
    }
    const existing = await tx.mailboxForward.findUnique({
      where: { mailboxId_address: { mailboxId: mailbox.id, address: target } },
    });
    if (existing) throw new EmailError("FORWARD_EXISTS");
    const forward = await tx.mailboxForward.create({ data: { mailboxId: mailbox.id, address: target } });
    await issueToken(
      tx,
      "FORWARD_CONFIRM",
      secret,
      { accountId: mailbox.accountId, email: target, data: { forwardId: forward.id, mailboxId: mailbox.id } },
      ctx.now(),
    );
    await sendTemplatedEmail(ctx, tx, { email: target, locale: "en" }, "forward_confirm", {
      address: mailbox.address,
      url: `${ctx.publicUrl}/forwarding/confirm?token=${secret}`,
    });
    return forward;
  });
  return result;
}

/** The target's "yes, forward to me" link: the forward starts working and the rules are republished. */
export async function confirmForward(ctx: Ctx, request: RequestContext, token: string) {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) throw new EmailError("LINK_INVALID");
  return ctx.db.$transaction(async (tx) => {
    const live = await findLiveToken(tx, "FORWARD_CONFIRM", token, ctx.now());
    if (!live || !(await consumeToken(tx, live.id, ctx.now()))) throw new EmailError("LINK_INVALID");
    const { forwardId } = (live.data ?? {}) as { forwardId?: string };
    const forward = forwardId
      ? await tx.mailboxForward.findUnique({ where: { id: forwardId }, include: { mailbox: true } })
      : null;
    if (!forward) throw new EmailError("LINK_INVALID");
    await tx.mailboxForward.update({ where: { id: forward.id }, data: { confirmedAt: ctx.now() } });
    await publishMailboxRules(ctx, tx, forward.mailboxId);
    await recordAuditEvent(tx, request, {
      action: "email.rules.forward_confirmed",
      outcome: "SUCCESS",
      accountId: forward.mailbox.accountId,
      target: forward.mailboxId,
      details: { to: forward.address },
    });
    return { from: forward.mailbox.address, to: forward.address };
  });
}

export async function removeForward(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  forwardId: string,
) {
  return changeRules(ctx, actor, request, mailboxId, "email.rules.forward_removed", async (tx, mailbox) => {
    if (!z.uuid().safeParse(forwardId).success) throw new EmailError("FORWARD_NOT_FOUND");
    const { count } = await tx.mailboxForward.deleteMany({ where: { id: forwardId, mailboxId: mailbox.id } });
    if (count === 0) throw new EmailError("FORWARD_NOT_FOUND");
  });
}

export async function setForwardKeepCopy(
  ctx: Ctx,
  actor: Pick<Actor, "id" | "accountId" | "membershipRole">,
  request: RequestContext,
  mailboxId: string,
  keepCopy: boolean,
) {
  return changeRules(ctx, actor, request, mailboxId, "email.rules.forward_copy", (tx, mailbox) =>
    tx.mailbox.update({ where: { id: mailbox.id }, data: { forwardKeepCopy: keepCopy === true } }),
  );
}

/** The mail job: mailboxes unused for the profile's idle days are locked (they unlock with a new password). */
export async function lockIdleMailboxes(ctx: Ctx) {
  const cutoff = new Date(ctx.now().getTime() - ctx.profile.email.limits.idleLockDays * 86_400_000);
  const { count } = await ctx.db.mailbox.updateMany({
    where: {
      status: "ACTIVE",
      OR: [{ lastLoginAt: { lt: cutoff } }, { lastLoginAt: null, createdAt: { lt: cutoff } }],
    },
    data: { status: "LOCKED", lockedAt: ctx.now() },
  });
  return { locked: count };
}
