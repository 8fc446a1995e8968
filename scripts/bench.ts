import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { hashPassword, verifyPassword } from "../packages/db/src/password-hash.ts";

/**
 * `pnpm bench <name>` prints figures measured on this machine; it is not a test.
 *   startup  cold and warm start of `pnpm start` on the embedded database, to a green /api/health
 *   http     requests per second and latency at 20 connections against the production build on
 *            PostgreSQL: landing, sign-in page, health, and the signed-in dashboard
 *   login    password sign-ins per second over HTTP at 8 and 20 connections, against the argon2id
 *            verify rate measured in this process (the ceiling: each sign-in costs one verify)
 * All but the hash part need `pnpm build` first.
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

const DEMO_EMAIL = "demo@example.com";
const DEMO_PASSWORD = "homeport-demo-2026";

interface Csrf {
  token: string;
  /** The `homeport.csrf` cookie next-auth checks the token against (double submit). */
  cookie: string;
}

async function fetchCsrf(url: string): Promise<Csrf> {
  const response = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token: csrfToken, cookie };
}

function signInRequest(csrf: Csrf) {
  return {
    method: "POST" as const,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrf.cookie },
    body: new URLSearchParams({
      csrfToken: csrf.token,
      email: DEMO_EMAIL,
      password: DEMO_PASSWORD,
      json: "true",
    }).toString(),
  };
}

/** One password sign-in; returns the `homeport.session` cookie or throws with what came back. */
async function signInOnce(url: string, csrf: Csrf): Promise<string> {
  const response = await fetch(`${url}/api/auth/callback/credentials`, { ...signInRequest(csrf), redirect: "manual" });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("homeport.session="));
  if (!session) {
    const where = response.headers.get("location") ?? (await response.text()).slice(0, 200);
    throw new Error(`sign-in failed (${response.status} ${where})`);
  }
  return session.split(";")[0]!;
}

async function signInCookie(url: string): Promise<string> {
  const csrf = await fetchCsrf(url);
  return `${csrf.cookie}; ${await signInOnce(url, csrf)}`;
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

/**
 * argon2id verifies per second with the product's parameters, `concurrency` in flight. The native
 * verify runs on libuv's pool (4 threads by default), so on 2 cores 2 and 4 in flight bracket the best.
 */
async function verifyRate(passwordHash: string, concurrency: number, durationMs = 10_000): Promise<number> {
  const deadline = performance.now() + durationMs;
  let verified = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      if (!(await verifyPassword(passwordHash, DEMO_PASSWORD))) throw new Error("verify returned false");
      verified += 1;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return verified / ((performance.now() - began) / 1000);
}

/** Sign-ins at `connections`, all with one CSRF pair; anything but a 2xx (401, redirect) is an error. */
async function signInLoad(url: string, csrf: Csrf, connections: number) {
  const result = await autocannon({
    url: `${url}/api/auth/callback/credentials`,
    connections,
    duration: 10,
    ...signInRequest(csrf),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    errors: result.errors + result.non2xx,
  };
}

async function benchLogin(): Promise<void> {
  // The ceiling first, with no server running, so the two figures do not share the cores.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await verifyRate(passwordHash, 2, 1_000); // warm-up
  const hashRates: [number, number][] = [];
  for (const concurrency of [2, 4]) hashRates.push([concurrency, await verifyRate(passwordHash, concurrency)]);
  const [bestConcurrency, ceiling] = hashRates.reduce((a, b) => (b[1] > a[1] ? b : a));

  const databaseUrl = process.env.BENCH_DATABASE_URL ?? (await recreateDatabase("homeport_bench"));
  const server = await startServer({ DATABASE_URL: databaseUrl, HOMEPORT_SEED_DEMO: "true", PORT: "3203" });
  try {
    const csrf = await fetchCsrf(server.url);
    // Proves the exact request autocannon repeats signs in; it also warms the route.
    await signInOnce(server.url, csrf);
    const runs: [number, Awaited<ReturnType<typeof signInLoad>>][] = [];
    for (const connections of [8, 20]) runs.push([connections, await signInLoad(server.url, csrf, connections)]);

    console.log("argon2id verify in this process (m = 19456 KiB, t = 2, p = 1), 10 s each");
    for (const [concurrency, rate] of hashRates) {
      console.log(`  ${concurrency} in flight: ${rate.toFixed(1).padStart(6)} verifies/s`);
    }
    console.log(`  ceiling:     ${ceiling.toFixed(1).padStart(6)} verifies/s (${bestConcurrency} in flight)`);
    console.log("password sign-ins over HTTP (POST /api/auth/callback/credentials), 10 s each, PostgreSQL");
    console.log("  connections  sign-ins/s   p50 ms   p99 ms   signed in   errors   of ceiling");
    for (const [connections, r] of runs) {
      console.log(
        `  ${String(connections).padStart(11)} ${r.rps.toFixed(1).padStart(11)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.ok).padStart(11)} ${String(r.errors).padStart(8)} ${`${((r.rps / ceiling) * 100).toFixed(0)} %`.padStart(12)}`,
      );
    }
    const failed = runs.filter(([, r]) => r.errors > r.ok);
    if (failed.length > 0) throw new Error(`most sign-ins failed at ${failed.map(([c]) => c).join(", ")} connections`);
  } finally {
    await server.stop();
  }
}

const benches: Record<string, () => Promise<void>> = { startup: benchStartup, http: benchHttp, login: benchLogin };
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
