import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { type ConnectionConfig, resolveConnection } from "./connection.ts";

/** Secrets stay out of query results unless a caller asks for them with `omit: { field: false }`. */
const omitSecrets = {
  user: { passwordHash: true, totpSecret: true },
} as const;

export function createPrismaClient(config: ConnectionConfig = resolveConnection()) {
  const { embedded: _embedded, poolMax, ...pgFields } = config;
  const adapter = new PrismaPg({
    ...pgFields,
    max: poolMax,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter, omit: omitSecrets });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** A client or an interactive transaction handle. */
export type DbTx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { homeportDb?: Db };

/** One client per process, kept across hot reloads. */
export function getDb(): Db {
  globalForDb.homeportDb ??= createPrismaClient();
  return globalForDb.homeportDb;
}
