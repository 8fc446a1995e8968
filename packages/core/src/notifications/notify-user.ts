import type { DbTx, Prisma } from "@homeport/db";

export interface InAppNotice {
  userId: string;
  accountId?: string | null;
  /** A key in the "notifications" message catalog; rendered in the reader's language. */
  messageKey: string;
  values?: Prisma.InputJsonObject;
  href?: string | null;
}

export function notifyUser(db: DbTx, notice: InAppNotice) {
  return db.notification.create({
    data: {
      userId: notice.userId,
      accountId: notice.accountId ?? null,
      messageKey: notice.messageKey,
      values: notice.values ?? {},
      href: notice.href ?? null,
    },
  });
}

/**
 * A notice that must reach someone once (a reminder per statement), however often the job that
 * sends it runs. Returns whether this call created it.
 */
export async function notifyUserOnce(db: DbTx, notice: InAppNotice & { dedupeKey: string }): Promise<boolean> {
  const { count } = await db.notification.createMany({
    data: [
      {
        userId: notice.userId,
        accountId: notice.accountId ?? null,
        messageKey: notice.messageKey,
        values: notice.values ?? {},
        href: notice.href ?? null,
        dedupeKey: notice.dedupeKey,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

export function listNotifications(db: DbTx, userId: string, options: { take?: number } = {}) {
  return db.notification.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 10,
  });
}

export async function markNotificationRead(db: DbTx, userId: string, notificationId: string) {
  // Scoped by user: marking someone else's notification touches nothing.
  const { count } = await db.notification.updateMany({
    where: { id: notificationId, userId, readAt: null },
    data: { readAt: new Date() },
  });
  return { updated: count };
}
