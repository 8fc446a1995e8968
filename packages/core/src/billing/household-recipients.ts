import type { DbTx } from "@homeport/db";

/** Who hears about an account's bills: every household login that is still active. */
export function householdRecipients(db: DbTx, accountId: string) {
  return db.user.findMany({
    where: { memberships: { some: { accountId } }, disabledAt: null },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      memberships: { where: { accountId }, select: { role: true } },
    },
    orderBy: { createdAt: "asc" },
  });
}

export async function lockAccount(db: DbTx, accountId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ServiceAccount" WHERE "id" = ${accountId}::uuid FOR UPDATE`;
  return rows.length === 1;
}
