import { randomBytes } from "node:crypto";
import type { Db } from "@homeport/db";
import { hashPassword } from "@homeport/db/password-hash";
import { DEMO_ACCOUNT_NUMBER, DEMO_USERS } from "@homeport/db/seed";
import { publishMailboxRules } from "../email/mailboxes.ts";
import type { ProviderProfile } from "../provider/profile.ts";

const DAY = 86_400_000;

/**
 * The demo household's mailboxes on the profile's first domain: Maria's primary address, Alex's,
 * and Sofia's, unused long enough to be locked for inactivity. Their passwords are random: the
 * demo never signs in to mail, it manages it.
 */
export async function seedDemoMailboxes(ctx: { db: Db; now: () => Date; profile: ProviderProfile }) {
  const account = await ctx.db.serviceAccount.findUnique({
    where: { accountNumber: DEMO_ACCOUNT_NUMBER },
    select: { id: true, memberships: { select: { userId: true, user: { select: { email: true } } } } },
  });
  if (!account || (await ctx.db.mailbox.count({ where: { accountId: account.id } })) > 0) return { created: 0 };
  const userOf = (email: string) => account.memberships.find((m) => m.user.email === email)?.userId ?? null;
  const domain = ctx.profile.email.domains[0]!;
  const now = ctx.now().getTime();
  const quotaBytes = BigInt(ctx.profile.email.limits.mailboxQuotaBytes);
  const idle = ctx.profile.email.limits.idleLockDays;
  const mailboxes = [
    {
      address: `maria.rivera@${domain}`,
      displayName: "Maria Rivera",
      primary: true,
      userId: userOf(DEMO_USERS.owner.email),
      lastLoginAt: new Date(now - 2 * 3_600_000),
      usedBytes: 1_288_490_189n,
      recoveryPhone: "+19165550142",
    },
    {
      address: `alex.rivera@${domain}`,
      displayName: "Alex Rivera",
      primary: false,
      userId: userOf(DEMO_USERS.member.email),
      lastLoginAt: new Date(now - (idle - 10) * DAY),
      usedBytes: 214_748_365n,
    },
    {
      address: `sofia.rivera@${domain}`,
      displayName: "Sofia Rivera",
      primary: false,
      userId: null,
      lastLoginAt: new Date(now - (idle + 30) * DAY),
      usedBytes: 10_485_760n,
      status: "LOCKED" as const,
      lockedAt: new Date(now - 30 * DAY),
    },
  ];
  for (const mailbox of mailboxes) {
    const row = await ctx.db.mailbox.create({
      data: {
        accountId: account.id,
        passwordHash: await hashPassword(randomBytes(18).toString("base64url")),
        quotaBytes,
        ...mailbox,
      },
    });
    await ctx.db.$transaction((tx) => publishMailboxRules(ctx, tx, row.id));
  }
  return { created: mailboxes.length };
}
