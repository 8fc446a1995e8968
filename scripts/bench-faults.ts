import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { fetchCsrf, payFormTemplate, recreateDatabase, root, startServer } from "./bench-support.ts";

/**
 * `pnpm bench faults`: two app instances on one database, then PostgreSQL restarted in the middle
 * of a load of payments, usage ingestion and sign-ins spread over both. Prints what it saw and
 * exits 1 when anything was lost, duplicated or stuck:
 *   - a session made on one instance works on the other, and a sign-out on one ends it on both;
 *   - failed sign-ins count together (the sixth failure is throttled whichever instance it hits);
 *   - scheduled jobs run once per slot although both instances run a worker;
 *   - every acknowledged payment is recorded once, with its audit event; every acknowledged batch
 *     of usage records is stored once; successful sign-ins are audited; both instances answer
 *     again after the restart without being restarted themselves.
 * Needs `pnpm build`, a local PostgreSQL cluster it may restart (pg_ctlcluster), and root.
 */

const OWNER = { email: "demo@example.com", password: "homeport-demo-2026" };
const NEIGHBOUR = { email: "tuan.nguyen@example.com", password: "homeport-demo-2026" };

interface SignInResult {
  cookie: string | null;
  error: string | null;
}

async function signInAt(url: string, user: { email: string; password: string }): Promise<SignInResult> {
  const csrf = await fetchCsrf(url);
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.cookie,
      "X-Auth-Return-Redirect": "1",
    },
    body: new URLSearchParams({ csrfToken: csrf.token, email: user.email, password: user.password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("homeport.session="));
  if (session) return { cookie: `${csrf.cookie}; ${session.split(";")[0]}`, error: null };
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { cookie: null, error: body.url ? new URL(body.url).searchParams.get("error") : `status ${response.status}` };
}

async function status(url: string, cookie: string): Promise<number> {
  return (await fetch(url, { headers: { cookie }, redirect: "manual" })).status;
}

function actionId(file: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(root, "apps/web/.next/server/server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename: string; exportedName: string }> };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename.endsWith(file) && entry.exportedName === name,
  );
  if (!found) throw new Error(`no action ${file}#${name} in the build`);
  return found[0];
}

function clusterName(): { version: string; cluster: string } {
  const version = readdirSync("/etc/postgresql").sort().at(-1);
  if (!version) throw new Error("no PostgreSQL cluster under /etc/postgresql");
  return { version, cluster: "main" };
}

async function waitHealthy(url: string, timeoutMs = 60_000): Promise<number> {
  const began = performance.now();
  while (performance.now() - began < timeoutMs) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return performance.now() - began;
    } catch {
      // still reconnecting
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer healthy again within ${timeoutMs / 1000} s`);
}

export async function benchFaults(): Promise<void> {
  const failures: string[] = [];
  const check = (ok: boolean, line: string) => {
    console.log(`  ${ok ? "ok  " : "FAIL"} ${line}`);
    if (!ok) failures.push(line);
  };
  const databaseUrl = await recreateDatabase("homeport_faults");
  const common = { DATABASE_URL: databaseUrl, HOMEPORT_SEED_DEMO: "true" };
  const a = await startServer({ ...common, PORT: "3220", NEXTAUTH_URL: "http://localhost:3220" });
  const b = await startServer({ ...common, PORT: "3221", NEXTAUTH_URL: "http://localhost:3221" });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    console.log("Two instances on one database (A :3220, B :3221)");
    const owner = await signInAt(a.url, OWNER);
    if (!owner.cookie) throw new Error(`the owner could not sign in: ${owner.error}`);
    check((await status(`${b.url}/dashboard`, owner.cookie)) === 200, "a session made on A opens the dashboard on B");
    const signOut = await fetch(`${b.url}/dashboard`, {
      method: "POST",
      headers: { cookie: owner.cookie, "Next-Action": actionId("session.ts", "signOutAction"), Origin: b.url },
      body: "[]",
    });
    check(signOut.status < 400, `signing out on B is accepted (${signOut.status})`);
    check(
      (await status(`${a.url}/dashboard`, owner.cookie)) !== 200,
      "after signing out on B, A no longer serves that session",
    );

    const errors: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const url = attempt % 2 === 0 ? a.url : b.url;
      errors.push((await signInAt(url, { email: NEIGHBOUR.email, password: "wrong password" })).error ?? "signed in");
    }
    console.log(`  failed sign-ins alternating A/B answered: ${errors.join(", ")}`);
    check(
      errors.slice(0, 5).every((e) => e === errors[0]) && errors[5] !== errors[0],
      "the sixth failure is throttled although the failures were split over both instances",
    );

    const jobsSince = new Date();
    console.log("  waiting 65 s with both workers running, to see scheduled jobs fire…");
    await new Promise((resolve) => setTimeout(resolve, 65_000));
    const jobs = await db.query<{ name: string; slot: string; runs: number }>(
      `SELECT name, date_trunc('minute', created_on)::text AS slot, count(*)::int AS runs
       FROM pgboss.job WHERE created_on >= $1 AND singleton_on IS NOT NULL AND name NOT LIKE '\\_\\_pgboss%'
       GROUP BY 1, 2 ORDER BY 3 DESC`,
      [jobsSince],
    );
    const repeated = jobs.rows.filter((row) => row.runs > 1);
    check(
      repeated.length === 0,
      `${jobs.rows.length} scheduled job slots fired, none twice (${repeated.map((r) => `${r.name}@${r.slot}`).join(", ") || "—"})`,
    );

    console.log("\nPostgreSQL restarted during a load of payments, usage ingestion and sign-ins over A and B");
    const payer = await signInAt(a.url, OWNER);
    if (!payer.cookie) throw new Error("the owner could not sign in again");
    const form = await payFormTemplate(a.url, payer.cookie);
    const ingestKey = `hpk_${randomBytes(4).toString("hex")}_${randomBytes(24).toString("base64url")}`;
    await db.query(
      `INSERT INTO "IngestionKey" ("id", "name", "prefix", "secretHash") VALUES (gen_random_uuid(), 'faults', $1, $2)`,
      [ingestKey.split("_")[1], createHash("sha256").update(ingestKey).digest("hex")],
    );
    const accountNumber = (
      await db.query<{ n: string }>(
        `SELECT a."accountNumber" AS n FROM "ServiceAccount" a JOIN "Membership" m ON m."accountId" = a.id JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
        [OWNER.email],
      )
    ).rows[0]!.n;

    const stopAt = Date.now() + 24_000;
    const acknowledgedPayments = new Set<string>();
    const acknowledgedBatches: string[][] = [];
    let signIns = 0;
    let retries = 0;
    let batchNo = 0;
    /** Retries one unit of work (same key, same records) until it is acknowledged, as a client would. */
    async function untilAcknowledged(attempt: () => Promise<boolean>) {
      while (Date.now() < stopAt + 30_000) {
        const ok = await attempt().catch(() => false);
        if (ok) return;
        retries += 1;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error("a request was never acknowledged after the restart");
    }
    const payLoop = async (url: string) => {
      while (Date.now() < stopAt) {
        const key = randomUUID();
        await untilAcknowledged(async () => {
          const { body, contentType } = form(key);
          const response = await fetch(`${url}/billing/pay`, {
            method: "POST",
            redirect: "manual",
            headers: { cookie: payer.cookie!, Origin: url, "content-type": contentType },
            body,
          });
          return response.status === 303 && (response.headers.get("location") ?? "").includes("/billing/payments/");
        });
        acknowledgedPayments.add(key);
      }
    };
    const ingestLoop = async (url: string) => {
      while (Date.now() < stopAt) {
        const batch = batchNo++;
        const start = new Date(Date.UTC(2026, 0, 1) + batch * 3_600_000);
        const records = Array.from({ length: 100 }, (_, i) => ({
          id: `faults-${batch}-${i}`,
          accountNumber,
          intervalStart: new Date(start.getTime() + i * 30_000).toISOString(),
          intervalEnd: new Date(start.getTime() + (i + 1) * 30_000).toISOString(),
          bytesDown: "1000",
          bytesUp: "100",
        }));
        await untilAcknowledged(async () => {
          const response = await fetch(`${url}/api/usage/records`, {
            method: "POST",
            headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
            body: JSON.stringify({ records }),
          });
          return response.ok;
        });
        acknowledgedBatches.push(records.map((record) => record.id));
      }
    };
    const signInLoop = async (url: string) => {
      while (Date.now() < stopAt) {
        await untilAcknowledged(async () => (await signInAt(url, OWNER)).cookie !== null);
        signIns += 1;
      }
    };
    const { version, cluster } = clusterName();
    const restart = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      const began = performance.now();
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, cluster, "restart"], { stdio: "ignore" });
      return performance.now() - began;
    })();
    const auditBefore = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'identity.sign_in' AND outcome = 'SUCCESS'`,
      )
    ).rows[0]!.n;
    await db.end();
    await Promise.all([
      payLoop(a.url),
      payLoop(b.url),
      ingestLoop(a.url),
      ingestLoop(b.url),
      signInLoop(b.url),
      restart,
    ]);
    const restartMs = await restart;
    const recoveryA = await waitHealthy(a.url);
    const recoveryB = await waitHealthy(b.url);
    console.log(
      `  PostgreSQL restart took ${(restartMs / 1000).toFixed(1)} s; ${retries} requests failed during it and were retried with the same key or records`,
    );

    const after = new pg.Client({ connectionString: databaseUrl });
    await after.connect();
    try {
      const keys = [...acknowledgedPayments];
      const payments = await after.query<{ key: string; n: number; id: string }>(
        `SELECT "requestKey" AS key, count(*)::int AS n, min(id::text) AS id FROM "Payment" WHERE "requestKey" = ANY($1) GROUP BY 1`,
        [keys],
      );
      const audited = await after.query<{ n: number }>(
        `SELECT count(DISTINCT target)::int AS n FROM "AuditEvent" WHERE action = 'billing.payment' AND outcome = 'SUCCESS' AND target = ANY($1)`,
        [payments.rows.map((row) => row.id)],
      );
      check(
        payments.rows.length === keys.length && payments.rows.every((row) => row.n === 1),
        `payments: ${keys.length} acknowledged, ${payments.rows.length} recorded, ${payments.rows.filter((r) => r.n > 1).length} duplicated`,
      );
      check(audited.rows[0]!.n === keys.length, `payment audit events: ${audited.rows[0]!.n} of ${keys.length}`);

      const ids = acknowledgedBatches.flat();
      const stored = await after.query<{ n: number; distinct: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM "UsageRecord" WHERE id = ANY($1)`,
        [ids],
      );
      check(
        stored.rows[0]!.n === ids.length && stored.rows[0]!.distinct === ids.length,
        `usage records: ${ids.length} acknowledged in ${acknowledgedBatches.length} batches, ${stored.rows[0]!.n} stored`,
      );
      const auditAfter = (
        await after.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'identity.sign_in' AND outcome = 'SUCCESS'`,
        )
      ).rows[0]!.n;
      check(
        auditAfter - auditBefore >= signIns,
        `sign-ins: ${signIns} acknowledged, ${auditAfter - auditBefore} audited`,
      );
      check(
        true,
        `both instances answered healthy again (A after ${recoveryA.toFixed(0)} ms, B after ${recoveryB.toFixed(0)} ms), neither restarted`,
      );
      const dashboard = await signInAt(a.url, OWNER);
      check(
        dashboard.cookie !== null && (await status(`${a.url}/dashboard`, dashboard.cookie)) === 200,
        "the dashboard opens on A after the restart",
      );
    } finally {
      await after.end();
    }
  } finally {
    await db.end().catch(() => undefined);
    await a.stop();
    await b.stop();
  }
  console.log(
    failures.length === 0 ? "\nNo fault found." : `\n${failures.length} fault(s):\n  ${failures.join("\n  ")}`,
  );
  if (failures.length > 0) process.exitCode = 1;
}
