import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { loadDashboard } from "../packages/core/src/dashboard/load-dashboard.ts";
import { resolveSession } from "../packages/core/src/identity/resolve-session.ts";
import { loadProviderProfile } from "../packages/core/src/provider/profile.ts";
import { readCoreEnv } from "../packages/core/src/env.ts";
import { createPrismaClient } from "../packages/db/src/client.ts";
import { parseDatabaseUrl } from "../packages/db/src/connection.ts";
import { DEMO_EMAIL, load, recreateDatabase, root, SECRET, signInCookie, startServer } from "./bench-support.ts";

/**
 * `pnpm bench perf`: the portal's quality gates, measured in one run on the production build
 * against PostgreSQL with the demo data. Prints figures; exits 1 when a budget is over
 * (first-load JavaScript per route, peak RSS of the web server), so it can guard a release.
 * Targets that are goals rather than budgets (the dashboard's ratio to the reference, Lighthouse)
 * are printed with whether they were met.
 */

const PORT = "3210";
const WEB_RSS_BUDGET_MB = 600;
const DASHBOARD_RATIO_TARGET = 0.9;
const LIGHTHOUSE_MOBILE_TARGET = 0.95;

/** Pages under load, against the smallest dynamic page through the same root layout. */
const LOAD_PAGES: [label: string, path: string][] = [
  ["reference (bare dynamic page)", "/reference"],
  ["dashboard", "/dashboard"],
  ["billing", "/billing"],
  ["usage", "/usage"],
  ["TV guide", "/tv"],
];

/** First-load JavaScript budgets (gzip): the pages a subscriber must reach on a poor connection get less. */
const JS_BUDGETS: { path: string; budgetKb: number; signedIn: boolean }[] = [
  { path: "/login", budgetKb: 150, signedIn: false },
  { path: "/billing/pay", budgetKb: 150, signedIn: true },
  ...["/", "/register", "/forgot-password", "/help", "/privacy/do-not-sell", "/privacy/request"].map((path) => ({
    path,
    budgetKb: 170,
    signedIn: false,
  })),
  ...[
    "/dashboard",
    "/billing",
    "/billing/history",
    "/billing/autopay",
    "/billing/methods",
    "/usage",
    "/services",
    "/services/change",
    "/services/equipment",
    "/services/wifi",
    "/services/appointments/new",
    "/tv",
    "/tv/upcoming",
    "/tv/recordings",
    "/email",
    "/email/settings",
    "/privacy",
    "/security",
    "/security/two-factor",
    "/household",
  ].map((path) => ({ path, budgetKb: 170, signedIn: true })),
];

const LIGHTHOUSE_PAGES: { path: string; signedIn: boolean }[] = [
  { path: "/login", signedIn: false },
  { path: "/dashboard", signedIn: true },
  { path: "/billing/pay", signedIn: true },
];

const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Resident memory of each process in a process group (the server started detached leads its own). */
function groupRssMb(groupId: number): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== groupId) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, "utf8"));
      if (rss) sizes.set(Number(entry), Number(rss[1]) / 1024);
    } catch {
      // the process ended between listing and reading
    }
  }
  return sizes;
}

/** Samples the largest process of each group every 100 ms; `stop` returns the peaks in MB. */
function sampleRss(groups: Record<string, number>) {
  const peaks: Record<string, number> = Object.fromEntries(Object.keys(groups).map((name) => [name, 0]));
  const timer = setInterval(() => {
    for (const [name, groupId] of Object.entries(groups)) {
      const largest = Math.max(0, ...groupRssMb(groupId).values());
      peaks[name] = Math.max(peaks[name]!, largest);
    }
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return peaks;
    },
  };
}

/** Every statement the dashboard costs one signed-in request: the session check, then its data. */
async function queriesPerDashboardRender(databaseUrl: string) {
  const statements: string[] = [];
  const db = createPrismaClient(parseDatabaseUrl(databaseUrl, 4), { onQuery: (sql) => statements.push(sql) });
  try {
    const session = await db.deviceSession.findFirstOrThrow({
      where: { user: { email: DEMO_EMAIL }, revokedAt: null },
      orderBy: { createdAt: "desc" },
    });
    statements.length = 0;
    const user = await resolveSession(db, session.id);
    const sessionQueries = statements.length;
    if (!user) throw new Error("the demo session did not resolve");
    await loadDashboard({ db, now: () => new Date(), profile: loadProviderProfile(readCoreEnv({})) }, user);
    return { session: sessionQueries, data: statements.length - sessionQueries };
  } finally {
    await db.$disconnect();
  }
}

/** The JavaScript a first visit to `path` downloads (gzip bytes), from the scripts its HTML loads. */
async function firstLoadJs(url: string, path: string, cookie: string | null, cache: Map<string, number>) {
  const response = await fetch(`${url}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  const html = await response.text();
  // Scripts marked noModule (legacy polyfills) are skipped by every browser that runs the app.
  const sources = new Set(
    [...html.matchAll(/<script([^>]*)>/g)]
      .filter((match) => !/\bnoModule\b/i.test(match[1]!))
      .map((match) => /src="([^"]+\.js)"/.exec(match[1]!)?.[1])
      .filter((source): source is string => source !== undefined),
  );
  let bytes = 0;
  for (const source of sources) {
    if (!cache.has(source)) {
      const body = Buffer.from(await (await fetch(`${url}${source}`)).arrayBuffer());
      cache.set(source, gzipSync(body).length);
    }
    bytes += cache.get(source)!;
  }
  return { bytes, scripts: sources.size };
}

async function lighthouseScores(url: string, cookie: string) {
  const chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROMIUM_FLAGS });
  const rows: { page: string; device: string; performance: number; accessibility: number; bestPractices: number }[] =
    [];
  try {
    // The first audit of a fresh browser pays for its start-up; it is run once and not counted.
    await lighthouse(`${url}/login`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    for (const page of LIGHTHOUSE_PAGES) {
      for (const device of ["mobile", "desktop"] as const) {
        const result = await lighthouse(
          `${url}${page.path}`,
          {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility", "best-practices"],
            extraHeaders: page.signedIn ? { cookie } : {},
          },
          device === "desktop" ? desktopConfig : undefined,
        );
        const categories = result?.lhr.categories;
        if (!categories) throw new Error(`Lighthouse returned nothing for ${page.path}`);
        if (result.lhr.finalDisplayedUrl && !result.lhr.finalDisplayedUrl.endsWith(page.path)) {
          throw new Error(`Lighthouse ended on ${result.lhr.finalDisplayedUrl}, not ${page.path}`);
        }
        rows.push({
          page: page.path,
          device,
          performance: categories.performance?.score ?? 0,
          accessibility: categories.accessibility?.score ?? 0,
          bestPractices: categories["best-practices"]?.score ?? 0,
        });
      }
    }
  } finally {
    chrome.kill();
  }
  return rows;
}

function startWorker(databaseUrl: string) {
  const child = spawn("pnpm", ["worker"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: SECRET, HOMEPORT_LOG_REQUESTS: "off" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGTERM");
      }),
  };
}

export async function benchPerf(): Promise<void> {
  const over: string[] = [];
  const missed: string[] = [];
  const databaseUrl = await recreateDatabase("homeport_perf");
  const server = await startServer({
    DATABASE_URL: databaseUrl,
    HOMEPORT_SEED_DEMO: "true",
    HOMEPORT_WORKER: "off",
    PORT,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
  });
  const worker = startWorker(databaseUrl);
  try {
    const cookie = await signInCookie(server.url);

    const queries = await queriesPerDashboardRender(databaseUrl);
    console.log("Database statements per dashboard render (counted at the driver)");
    console.log(
      `  session check ${queries.session}, dashboard data ${queries.data}, total ${queries.session + queries.data}`,
    );
    console.log("  (the budget and the N+1 guard are in core/dashboard/load-dashboard.integration.test.ts)");

    const rss = sampleRss({ web: server.child.pid!, worker: worker.child.pid! });
    console.log("\nHTTP at 20 connections, 10 s each after a 3 s warm-up, production build on PostgreSQL");
    console.log("  page                            req/s   p50 ms   p99 ms  errors  ratio");
    let reference = 0;
    for (const [label, path] of LOAD_PAGES) {
      const headers = path === "/reference" ? {} : { cookie };
      await load(`${server.url}${path}`, headers, 3);
      const result = await load(`${server.url}${path}`, headers);
      if (path === "/reference") reference = result.rps;
      const ratio = reference > 0 ? result.rps / reference : 0;
      console.log(
        `  ${label.padEnd(30)} ${result.rps.toFixed(0).padStart(6)} ${String(result.p50).padStart(8)} ${String(result.p99).padStart(8)} ${String(result.errors).padStart(7)}  ${ratio.toFixed(2)}`,
      );
      if (result.errors > 0) over.push(`${path} answered ${result.errors} errors under load`);
      if (path === "/dashboard" && ratio < DASHBOARD_RATIO_TARGET) {
        missed.push(`dashboard at ${ratio.toFixed(2)} of the reference (target ${DASHBOARD_RATIO_TARGET})`);
      }
    }
    const peaks = rss.stop();
    console.log("\nPeak resident memory during the load run");
    console.log(
      `  web server ${peaks.web!.toFixed(0)} MB (budget ${WEB_RSS_BUDGET_MB} MB), worker ${peaks.worker!.toFixed(0)} MB`,
    );
    if (peaks.web! > WEB_RSS_BUDGET_MB) over.push(`web server peaked at ${peaks.web!.toFixed(0)} MB`);

    console.log("\nFirst-load JavaScript per route (gzip, every script the page's HTML loads)");
    console.log("  route                           KB   budget  scripts");
    const chunkSizes = new Map<string, number>();
    for (const route of JS_BUDGETS) {
      const { bytes, scripts } = await firstLoadJs(server.url, route.path, route.signedIn ? cookie : null, chunkSizes);
      const kb = bytes / 1024;
      const verdict = kb > route.budgetKb ? "  OVER" : "";
      console.log(
        `  ${route.path.padEnd(28)} ${kb.toFixed(1).padStart(6)} ${String(route.budgetKb).padStart(8)} ${String(scripts).padStart(8)}${verdict}`,
      );
      if (kb > route.budgetKb)
        over.push(`${route.path} loads ${kb.toFixed(1)} KB of JavaScript (budget ${route.budgetKb})`);
    }

    console.log("\nLighthouse 12 (Debian Chromium; simulated throttling, mobile = Moto G Power on slow 4G)");
    console.log("  page           device   performance  accessibility  best practices");
    for (const row of await lighthouseScores(server.url, cookie)) {
      console.log(
        `  ${row.page.padEnd(14)} ${row.device.padEnd(8)} ${row.performance.toFixed(2).padStart(11)} ${row.accessibility.toFixed(2).padStart(14)} ${row.bestPractices.toFixed(2).padStart(15)}`,
      );
      if (row.device === "mobile" && row.performance < LIGHTHOUSE_MOBILE_TARGET) {
        missed.push(`Lighthouse mobile performance ${row.performance.toFixed(2)} on ${row.page}`);
      }
    }
  } finally {
    await worker.stop();
    await server.stop();
  }

  console.log(`\nTargets missed: ${missed.length === 0 ? "none" : ""}`);
  for (const line of missed) console.log(`  ${line}`);
  console.log(`Budgets over: ${over.length === 0 ? "none" : ""}`);
  for (const line of over) console.log(`  ${line}`);
  if (over.length > 0) process.exitCode = 1;
}
