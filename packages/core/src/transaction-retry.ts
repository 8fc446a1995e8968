import type { Db, DbTx } from "@homeport/db";

/** Prisma's code for a transaction PostgreSQL rolled back as a write conflict or a deadlock. */
const WRITE_CONFLICT = "P2034";
/** Prisma's code for a failed raw query, which carries PostgreSQL's own code. */
const RAW_QUERY_FAILED = "P2010";
/** PostgreSQL: serialization_failure, deadlock_detected. */
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

export function isWriteConflict(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as { code?: unknown; meta?: { code?: unknown } };
  return code === WRITE_CONFLICT || (code === RAW_QUERY_FAILED && RETRYABLE_SQLSTATES.has(String(meta?.code)));
}

/**
 * An interactive transaction, run again when PostgreSQL rolls it back as a write conflict or a
 * deadlock (it picks one of two busy transactions to abort and expects the client to retry, as
 * its documentation says). Everything in `run` must be safe to repeat: it is, when it only
 * touches the database.
 */
export async function transactionWithRetry<T>(db: Db, run: (tx: DbTx) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(run);
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
