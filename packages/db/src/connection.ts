import { DatabaseConfigError, type DbEnv, readDbEnv } from "./env.ts";

/**
 * Discrete connection fields. Never hand pg a connectionString: adapter-pg builds its
 * shadow-database config by spreading these fields, and a URL would override the database name.
 */
export interface ConnectionConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
  ssl?: boolean | { rejectUnauthorized: boolean };
  /** True when this points at the embedded PGlite server, which must be used over one connection. */
  embedded: boolean;
  /** Largest pool a client of this database should open. */
  poolMax: number;
}

export function parseDatabaseUrl(url: string, poolMax = 10): ConnectionConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      "DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database",
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!parsed.hostname || !database) {
    throw new DatabaseConfigError(
      "DATABASE_URL needs a host and a database name, e.g. postgres://user:password@localhost:5432/homeport",
    );
  }
  const port = parsed.port ? Number(parsed.port) : 5432;
  const sslmode = parsed.searchParams.get("sslmode");
  const ssl =
    sslmode === "require" || sslmode === "verify-full" || sslmode === "verify-ca"
      ? { rejectUnauthorized: sslmode !== "require" }
      : undefined;
  return {
    host: parsed.hostname,
    port,
    user: decodeURIComponent(parsed.username || "postgres"),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    database,
    ...(ssl ? { ssl } : {}),
    embedded: false,
    poolMax,
  };
}

export function embeddedConnection(port: number): ConnectionConfig {
  return {
    host: "127.0.0.1",
    port,
    user: "postgres",
    password: "postgres",
    database: "postgres",
    embedded: true,
    poolMax: 1,
  };
}

/**
 * The database this process should use: DATABASE_URL when set, else the embedded server
 * (which the launcher starts before anything connects).
 */
export function resolveConnection(env: DbEnv = readDbEnv()): ConnectionConfig {
  if (env.DATABASE_URL) {
    const config = parseDatabaseUrl(env.DATABASE_URL, env.HOMEPORT_DB_POOL_MAX ?? 10);
    return config;
  }
  return embeddedConnection(env.HOMEPORT_EMBEDDED_DB_PORT);
}

export function connectionUrl(config: ConnectionConfig): string {
  const auth = config.password
    ? `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`
    : encodeURIComponent(config.user);
  return `postgres://${auth}@${config.host}:${config.port}/${encodeURIComponent(config.database)}`;
}

export function describeConnection(config: ConnectionConfig): string {
  return config.embedded
    ? `embedded PostgreSQL on 127.0.0.1:${config.port}`
    : `PostgreSQL at ${config.host}:${config.port}/${config.database}`;
}

/** Turns a driver error into one line that says what to fix. */
export function explainConnectionError(error: unknown, config: ConnectionConfig): string {
  const code = (error as { code?: string } | null)?.code;
  const where = describeConnection(config);
  switch (code) {
    case "ECONNREFUSED":
      return `Cannot reach ${where}: connection refused. Start PostgreSQL or fix DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `Cannot reach ${where}: host ${config.host} not found. Fix the host in DATABASE_URL.`;
    case "ETIMEDOUT":
      return `Cannot reach ${where}: connection timed out. Check the host, port and firewall.`;
    case "28P01":
    case "28000":
      return `PostgreSQL refused the credentials for user "${config.user}" at ${where}. Fix the user or password in DATABASE_URL.`;
    case "3D000":
      return `Database "${config.database}" does not exist on ${config.host}:${config.port}. Create it (createdb ${config.database}) or fix DATABASE_URL.`;
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return `Cannot use ${where}: ${message}`;
    }
  }
}
