import type { DbTx, OutageStatus, ServiceKind } from "@homeport/db";

export interface OutageAtAddress {
  id: string;
  status: OutageStatus;
  services: ServiceKind[];
  cause: string | null;
  startedAt: Date;
  etaAt: Date | null;
  resolvedAt: Date | null;
}

const OUTAGE_FIELDS = {
  id: true,
  status: true,
  services: true,
  cause: true,
  startedAt: true,
  etaAt: true,
  resolvedAt: true,
} as const;

/** Unresolved outages covering the account's service address (its ZIP code), newest first. */
export async function activeOutagesForAccount(db: DbTx, accountId: string): Promise<OutageAtAddress[]> {
  const account = await db.serviceAccount.findUnique({ where: { id: accountId }, select: { zip: true } });
  if (!account) return [];
  return db.outage.findMany({
    where: { zips: { has: account.zip }, status: { not: "RESOLVED" } },
    orderBy: { startedAt: "desc" },
    select: OUTAGE_FIELDS,
  });
}

/** Outages at the address that ended in the last `days` days, newest first. */
export async function recentOutagesForAccount(db: DbTx, accountId: string, since: Date): Promise<OutageAtAddress[]> {
  const account = await db.serviceAccount.findUnique({ where: { id: accountId }, select: { zip: true } });
  if (!account) return [];
  return db.outage.findMany({
    where: { zips: { has: account.zip }, status: "RESOLVED", resolvedAt: { gte: since } },
    orderBy: { resolvedAt: "desc" },
    select: OUTAGE_FIELDS,
  });
}
