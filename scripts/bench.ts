import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

/**
 * `pnpm bench <name>` prints figures measured on this machine; it is not a test.
 *   startup  cold and warm start of `pnpm start` on the embedded database, to a green /api/health
 *   http     requests per second and latency at 20 connections against the production build on
 *            PostgreSQL: landing, sign-in page, health, and the signed-in dashboard
 * Both need `pnpm build` first.
 */
const root = path.resolve(import.meta.dirname, "..");
const SECRET = "bench-secret-that-is-long-enough-for-jwt";

interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("server did not become healthy in time");
}

async function startServer(env: Record<string, string>): Promise<Server & { startMs: number }> {
  const port = env.PORT ?? "3200";
  const began = performance.now();
  const child = spawn("pnpm", ["start"], {
    cwd: root,
    env: { ...process.env, HOMEPORT_LOG_REQUESTS: "off", NEXTAUTH_SECRET: SECRET, ...env, PORT: port },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const url = `http://localhost:${port}`;
  await waitForHealth(url, child);
  const startMs = performance.now() - began;
  return {
    child,
    url,
    startMs,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGTERM");
      }),
  };
}

async function benchStartup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "homeport-bench-"));
  const env = { HOMEPORT_DATA_DIR: dataDir, HOMEPORT_EMBEDDED_DB_PORT: "54391", PORT: "3201" };
  try {
    const cold = await startServer(env);
    await cold.stop();
    const warm = await startServer(env);
    await warm.stop();
    console.log("startup on the embedded database (pnpm start until /api/health is 200)");
    console.log(`  cold (new data directory: init, migrate, seed): ${(cold.startMs / 1000).toFixed(1)} s`);
    console.log(`  warm (existing data, no migration or seed):     ${(warm.startMs / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function recreateDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

async function signInCookie(url: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email: "demo@example.com", password: "homeport-demo-2026", json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("homeport.session"));
  if (!session) throw new Error(`sign-in failed (${response.status})`);
  return [...jar, session.split(";")[0]].join("; ");
}

async function load(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 20, duration: 10, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function benchHttp(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await recreateDatabase("homeport_bench"));
  const server = await startServer({ DATABASE_URL: databaseUrl, HOMEPORT_SEED_DEMO: "true", PORT: "3202" });
  try {
    const cookie = await signInCookie(server.url);
    const targets: [string, string, Record<string, string>][] = [
      ["health (GET /api/health)", "/api/health", {}],
      ["landing (GET /)", "/", {}],
      ["sign-in page (GET /login)", "/login", {}],
      ["dashboard, signed in", "/dashboard", { cookie }],
    ];
    console.log("HTTP at 20 connections, 10 s each, production build on PostgreSQL");
    console.log("  page                         req/s    p50 ms   p99 ms   errors");
    for (const [label, pathName, headers] of targets) {
      await load(`${server.url}${pathName}`, headers); // warm-up pass discarded below
      const r = await load(`${server.url}${pathName}`, headers);
      console.log(
        `  ${label.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)}`,
      );
    }
  } finally {
    await server.stop();
  }
}

const benches: Record<string, () => Promise<void>> = { startup: benchStartup, http: benchHttp };
const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`Usage: pnpm bench <${Object.keys(benches).join("|")}>`);
  process.exit(2);
}
bench().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
