import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

/** What the benchmarks share: a production server to measure, a fresh database, a signed-in cookie, a load run. */
export const root = path.resolve(import.meta.dirname, "..");
export const SECRET = "bench-secret-that-is-long-enough-for-jwt";

export interface Server {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
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

export async function startServer(env: Record<string, string>): Promise<Server & { startMs: number }> {
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

export async function recreateDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "homeport-demo-2026";

export interface Csrf {
  token: string;
  /** The `homeport.csrf` cookie next-auth checks the token against (double submit). */
  cookie: string;
}

export async function fetchCsrf(url: string): Promise<Csrf> {
  const response = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token: csrfToken, cookie };
}

export function signInRequest(csrf: Csrf) {
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
export async function signInOnce(url: string, csrf: Csrf): Promise<string> {
  const response = await fetch(`${url}/api/auth/callback/credentials`, { ...signInRequest(csrf), redirect: "manual" });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("homeport.session="));
  if (!session) {
    const where = response.headers.get("location") ?? (await response.text()).slice(0, 200);
    throw new Error(`sign-in failed (${response.status} ${where})`);
  }
  return session.split(";")[0]!;
}

export async function signInCookie(url: string): Promise<string> {
  const csrf = await fetchCsrf(url);
  return `${csrf.cookie}; ${await signInOnce(url, csrf)}`;
}

export async function load(url: string, headers: Record<string, string> = {}, duration = 10) {
  const result = await autocannon({ url, connections: 20, duration, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** The pay form's fields, to post a real $0.01 payment from a saved card with a request key of our choosing. */
export async function payFormTemplate(url: string, cookie: string) {
  const html = await (await fetch(`${url}/billing/pay`, { headers: { cookie } })).text();
  const keyAt = html.indexOf('name="requestKey"');
  const form = html.slice(html.lastIndexOf("<form", keyAt), html.indexOf("</form>", keyAt));
  const decode = (value: string) => value.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  const fields: [string, string][] = [
    ...form.matchAll(/<input type="hidden" name="(\$ACTION_[^"]+)"(?: value="([^"]*)")?/g),
  ].map((m) => [m[1]!, decode(m[2] ?? "")]);
  const methodId = /name="method"(?: checked="")? value="([0-9a-f-]{36})"/.exec(form)?.[1];
  if (!methodId || fields.length === 0) throw new Error("the pay form has no saved card or no action fields");
  return (requestKey: string) => {
    const boundary = `----homeport${requestKey.replaceAll("-", "")}`;
    const parts = [
      ...fields,
      ["requestKey", requestKey],
      ["amountChoice", "OTHER"],
      ["otherAmount", "0.01"],
      ["method", methodId],
    ].map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    return { body: `${parts.join("")}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
  };
}
