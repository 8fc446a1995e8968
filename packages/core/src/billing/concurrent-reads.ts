import type { DbTx } from "@homeport/db";

type Thunks = readonly (() => Promise<unknown>)[];
type Results<T extends Thunks> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Runs independent reads together on a pooled client, one after another inside a transaction:
 * a transaction holds one connection, and pg refuses overlapping queries on one connection.
 */
export async function reads<T extends Thunks>(db: DbTx, thunks: T): Promise<Results<T>> {
  // A transaction client is the one without $connect (Prisma omits it there).
  if ("$connect" in db) return (await Promise.all(thunks.map((thunk) => thunk()))) as Results<T>;
  const results: unknown[] = [];
  for (const thunk of thunks) results.push(await thunk());
  return results as Results<T>;
}
