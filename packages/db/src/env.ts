import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The one place in packages/db that reads the environment. */
const schema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  HOMEPORT_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  HOMEPORT_DATA_DIR: z.string().min(1).optional(),
  HOMEPORT_EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  TEST_DATABASE_ADMIN_URL: z.string().min(1).default("postgres://postgres@127.0.0.1:5432/postgres"),
});

export type DbEnv = z.infer<typeof schema>;

export function readDbEnv(source: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DatabaseConfigError(
      `${issue?.path.join(".") ?? "environment"} is invalid: ${issue?.message ?? "unknown problem"}`,
    );
  }
  return parsed.data;
}

export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

/**
 * Repository root: three levels above this file, or HOMEPORT_ROOT where code runs bundled (the
 * launcher sets it before the web server loads).
 */
export const repoRoot = path.resolve(
  /*turbopackIgnore: true*/
  process.env.HOMEPORT_ROOT ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "../../.."),
);
export const prismaDir = path.join(repoRoot, "prisma");
export const migrationsDir = path.join(prismaDir, "migrations");
export const schemaPath = path.join(prismaDir, "schema.prisma");

export function dataDir(env: DbEnv = readDbEnv()): string {
  return path.resolve(/*turbopackIgnore: true*/ env.HOMEPORT_DATA_DIR ?? path.join(repoRoot, ".data"));
}
