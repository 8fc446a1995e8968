export * from "./generated/prisma/client.ts";
export { createPrismaClient, getDb, type Db, type DbTx } from "./client.ts";
export {
  type ConnectionConfig,
  connectionUrl,
  describeConnection,
  explainConnectionError,
  parseDatabaseUrl,
  resolveConnection,
} from "./connection.ts";
export { DatabaseConfigError, readDbEnv } from "./env.ts";
