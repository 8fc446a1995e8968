import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/prisma/client.ts";
import { type ConnectionConfig, resolveConnection } from "./connection.ts";

/** Secrets stay out of query results unless a caller asks for them with `omit: { field: false }`. */
const omitSecrets = {
  user: { passwordHash: true, totpSecret: true },
} as const;

export interface ClientOptions {
  /** Called with each SQL statement sent (tests count them to catch an N+1 regression). */
  onQuery?: (sql: string) => void;
}

export function createPrismaClient(config: ConnectionConfig = resolveConnection(), options: ClientOptions = {}) {
  const { embedded: _embedded, poolMax, ...pgFields } = config;
  const adapter = new PrismaPg({
    ...pgFields,
    max: poolMax,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({
    adapter: options.onQuery ? observeQueries(adapter, options.onQuery) : adapter,
    omit: omitSecrets,
  });
}

/** The adapter, with every statement (in or out of a transaction) reported before it runs. */
function observeQueries(factory: SqlDriverAdapterFactory, onQuery: (sql: string) => void): SqlDriverAdapterFactory {
  const observe = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown;
        if (typeof value !== "function") return value;
        if (property === "queryRaw" || property === "executeRaw") {
          return (query: SqlQuery) => {
            onQuery(query.sql);
            return (value as (q: SqlQuery) => unknown).call(object, query);
          };
        }
        if (property === "startTransaction") {
          return async (...args: unknown[]) =>
            observe((await (value as (...a: unknown[]) => Promise<object>).apply(object, args)) as object);
        }
        return (value as (...a: unknown[]) => unknown).bind(object);
      },
    });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => observe(await factory.connect()),
  };
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
