import type { Db } from "@homeport/db";

/** The signed-in member's service account with its household: what the dashboard shows. */
export function getHousehold(db: Db, accountId: string) {
  return db.serviceAccount.findUnique({
    where: { id: accountId },
    include: {
      memberships: {
        orderBy: [{ role: "asc" }, { createdAt: "asc" }],
        select: { role: true, user: { select: { id: true, name: true, email: true } } },
      },
      profiles: { orderBy: { createdAt: "asc" }, select: { id: true, name: true, isKids: true } },
    },
  });
}
