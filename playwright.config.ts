import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium against the production build (`pnpm start`) on a fresh
 * PostgreSQL database that scripts/e2e-database.ts recreates before each run.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const databaseUrl = process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/homeport_e2e";

export default defineConfig({
  testDir: "apps/web/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // The matrices walk every route as seven kinds of visitor on the fresh demo data, first, so
    // what they expect does not depend on what the feature specs changed.
    {
      name: "matrix",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testMatch: /\/(authorization|accessibility)\.spec\.ts$/,
    },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
      testIgnore: /\/(authorization|accessibility)\.spec\.ts$/,
      dependencies: process.env.E2E_FEATURES_ONLY ? [] : ["matrix"],
    },
  ],
  webServer: {
    command: "pnpm start",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: "e2e-secret-that-is-long-enough-for-jwt-signing",
      HOMEPORT_SEED_DEMO: "true",
      HOMEPORT_DEV_OUTBOX: "true",
      HOMEPORT_LOG_REQUESTS: "off",
      // Devices answer in a second or two, and always succeed, so the device specs are not left to chance.
      HOMEPORT_DEVICE_DELAY_MS: "1000-2000",
      HOMEPORT_DEVICE_FAILURE_RATE: "0",
    },
  },
});
