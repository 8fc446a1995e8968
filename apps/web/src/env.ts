import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The one place in apps/web that reads the environment. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int()
    .min(1, "must be 1-65535")
    .max(65535, "must be 1-65535")
    .default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  NEXTAUTH_URL: z.string().url("must be the portal's public URL, e.g. https://my.example.com").optional(),
  HOMEPORT_LOG_REQUESTS: z.enum(["on", "off"]).default("on"),
  npm_package_version: z.string().optional(),
});

export type WebEnv = z.infer<typeof schema>;

export class WebConfigError extends Error {
  override name = "WebConfigError";
}

export function readWebEnv(): WebEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WebConfigError(`${issue?.path.join(".")} ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * Fills in what the launcher may supply before Next starts. With a real database NEXTAUTH_SECRET
 * is required; on the embedded demo database a random one is kept under .data/ so sessions survive
 * a restart.
 */
export function completeLaunchEnv(repoRoot: string): WebEnv {
  process.env.HOMEPORT_ROOT ??= repoRoot;
  const env = readWebEnv();
  if (!env.NEXTAUTH_SECRET) {
    if (env.DATABASE_URL) {
      throw new WebConfigError(
        "NEXTAUTH_SECRET is not set. Set it to a random value of 32+ characters (openssl rand -base64 32).",
      );
    }
    const file = path.join(repoRoot, ".data", "auth-secret");
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
  }
  if (!env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = `http://localhost:${env.PORT}`;
  return readWebEnv();
}

/** Sets the variables the Next server and the database client read. */
export function exportDatabaseEnv(values: { databaseUrl: string; poolMax: number; devOutbox: boolean }) {
  process.env.DATABASE_URL = values.databaseUrl;
  process.env.HOMEPORT_DB_POOL_MAX = String(values.poolMax);
  process.env.HOMEPORT_DEV_OUTBOX = values.devOutbox ? "true" : "false";
}
