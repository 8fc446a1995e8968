import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(import.meta.dirname, "..");
const SECRET = "integration-secret-long-enough-for-jwt";

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: appDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.trim().split("\n").filter(Boolean) };
}

describe("starting the portal with a bad configuration", () => {
  it.each([
    [
      { DATABASE_URL: "mysql://root@localhost/homeport", NEXTAUTH_SECRET: SECRET },
      /DATABASE_URL must start with postgres:\/\//,
    ],
    [{ DATABASE_URL: "not a url", NEXTAUTH_SECRET: SECRET }, /DATABASE_URL is not a valid URL/],
    [
      { DATABASE_URL: "postgres://postgres@127.0.0.1:1/homeport", NEXTAUTH_SECRET: SECRET },
      /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/homeport: connection refused/,
    ],
    [{ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/homeport" }, /NEXTAUTH_SECRET is not set/],
    [
      { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/homeport", NEXTAUTH_SECRET: "short" },
      /NEXTAUTH_SECRET must be at least 32 characters/,
    ],
    [{ PORT: "eighty" }, /PORT must be a port number/],
  ])("stops with one line saying what to fix (%o)", (env, expected) => {
    const { status, lines } = start(env);
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Homeport could not start: /);
    expect(lines[0]).toMatch(expected);
  });
});
