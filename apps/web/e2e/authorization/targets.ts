import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** Where the app's routes and actions live, for enumerating them. */
export const WEB_ROOT = path.resolve(import.meta.dirname, "../..");
const APP_DIR = path.join(WEB_ROOT, "src/app");
const ACTIONS_DIR = path.join(WEB_ROOT, "src/actions");

export const ROLES = ["signedOut", "owner", "member", "otherHousehold", "support", "privacyOfficer", "admin"] as const;
export type Role = (typeof ROLES)[number];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** Every page and route handler, as its file under src/app (e.g. "(portal)/billing/statements/[id]/page.tsx"). */
export function routeFiles(): string[] {
  return walk(APP_DIR)
    .filter((file) => /\/(page\.tsx|route\.ts)$/.test(file))
    .map((file) => path.relative(APP_DIR, file))
    .sort();
}

/**
 * Every exported server action, as "file.ts#name", with how many arguments it takes (a form
 * action takes the form; one used with useActionState takes the previous state, then the form).
 */
export function actionExports(): { name: string; arity: number }[] {
  return readdirSync(ACTIONS_DIR)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .flatMap((file) => {
      const source = readFileSync(path.join(ACTIONS_DIR, file), "utf8");
      if (!source.startsWith('"use server"')) return [];
      return [...source.matchAll(/^export (?:async function (\w+)\(([^)]*)\)|const (\w+) = )/gm)].map((match) => {
        const parameters = match[2]?.trim();
        // Actions built by a helper (`export const x = ruleAction(...)`) are form-state actions.
        const arity = match[3] ? 2 : parameters ? parameters.split(",").filter((p) => p.trim()).length : 0;
        return { name: `${file}#${match[1] ?? match[3]}`, arity };
      });
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Server action ids by "file.ts#name", from the production build's manifest. */
export function actionIds(): Map<string, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(WEB_ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return new Map(
    Object.entries(manifest.node).map(([id, entry]) => [`${path.basename(entry.filename)}#${entry.exportedName}`, id]),
  );
}

/** The URL path a route file answers, with its dynamic segments filled in. */
export function urlPath(file: string, params: Record<string, string> = {}): string {
  const segments = path
    .dirname(file)
    .split("/")
    .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const name = /^\[(?:\.\.\.)?(\w+)\]$/.exec(segment)?.[1];
      if (!name) return segment;
      const value = params[name];
      if (value === undefined) throw new Error(`${file} needs a value for [${name}]`);
      return value;
    });
  return `/${segments.join("/")}`;
}

/**
 * Ids of the demo owner's own objects (the "other household" and staff visit these), read from the
 * end-to-end database the server runs on.
 */
export async function ownerObjectIds(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => {
      const { rows } = await client.query<{ id: string }>(sql);
      if (!rows[0]) throw new Error(`no row for: ${sql}`);
      return rows[0].id;
    };
    const account = `(SELECT m."accountId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = 'demo@example.com')`;
    return {
      account: await one(`SELECT ${account} AS id`),
      statement: await one(
        `SELECT id FROM "Statement" WHERE "accountId" = ${account} ORDER BY "periodStart" DESC LIMIT 1`,
      ),
      payment: await one(`SELECT id FROM "Payment" WHERE "accountId" = ${account} LIMIT 1`),
      equipment: await one(`SELECT id FROM "Equipment" WHERE "accountId" = ${account} LIMIT 1`),
      appointment: await one(`SELECT id FROM "Appointment" WHERE "accountId" = ${account} LIMIT 1`),
      seriesRule: await ownerSeriesRule(client, await one(`SELECT ${account} AS id`)),
      mailbox: await one(`SELECT id FROM "Mailbox" WHERE "accountId" = ${account} LIMIT 1`),
      program: await one(`SELECT id FROM "Program" WHERE "startsAt" > now() ORDER BY "startsAt" LIMIT 1`),
      anomaly: await one(`SELECT id FROM "AnomalyFlag" LIMIT 1`),
      helpArticle: await one(`SELECT slug AS id FROM "HelpArticle" LIMIT 1`),
      privacyRequest: await ownerPrivacyRequest(client, await one(`SELECT ${account} AS id`)),
    };
  } finally {
    await client.end();
  }
}
/** The priority that marks the series rule made here (real rules count up from 1). */
const MADE_RULE_PRIORITY = 1000;

/** A series rule of the owner's: one the TV specs made, or one made here for a show in the guide. */
async function ownerSeriesRule(client: pg.Client, accountId: string): Promise<string> {
  const existing = await client.query<{ id: string }>(
    `SELECT id FROM "RecordingRule" WHERE "accountId" = $1 AND kind = 'SERIES' LIMIT 1`,
    [accountId],
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "RecordingRule" (id, "accountId", "profileId", kind, "seriesRef", title, priority, "updatedAt")
     SELECT gen_random_uuid(), $1, (SELECT id FROM "Profile" WHERE "accountId" = $1 ORDER BY "createdAt" LIMIT 1),
            'SERIES', p."seriesRef", p.title, ${MADE_RULE_PRIORITY}, now()
     FROM "Program" p WHERE p."seriesRef" IS NOT NULL AND p."startsAt" > now() ORDER BY p."startsAt" LIMIT 1
     RETURNING id`,
    [accountId],
  );
  if (!rows[0]) throw new Error("the guide has no series to follow");
  return rows[0].id;
}

/** The owner's privacy request: one the specs before made, or a received one made here. */
async function ownerPrivacyRequest(client: pg.Client, accountId: string): Promise<string> {
  const existing = await client.query<{ id: string }>(
    `SELECT id FROM "PrivacyRequest" WHERE "accountId" = $1 ORDER BY "receivedAt" LIMIT 1`,
    [accountId],
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "PrivacyRequest" (id, reference, type, channel, "userId", "accountId", claimed, "confirmedAt", "dueAt", "updatedAt")
     SELECT gen_random_uuid(), 'AUTHZ-' || substr(md5(random()::text), 1, 8), 'KNOW_CATEGORIES', 'PORTAL',
            m."userId", m."accountId", '{}'::jsonb, now(), now() + interval '45 days', now()
     FROM "Membership" m WHERE m."accountId" = $1 AND m.role = 'OWNER' RETURNING id`,
    [accountId],
  );
  return rows[0]!.id;
}

/** Removes what ownerObjectIds made, so the feature specs after the matrices start from the demo data. */
export async function removeMadeObjects(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `DELETE FROM "PrivacyRequestEvent" WHERE "requestId" IN (SELECT id FROM "PrivacyRequest" WHERE reference LIKE 'AUTHZ-%')`,
    );
    await client.query(`DELETE FROM "PrivacyRequest" WHERE reference LIKE 'AUTHZ-%'`);
    await client.query(`DELETE FROM "RecordingRule" WHERE priority = ${MADE_RULE_PRIORITY}`);
  } finally {
    await client.end();
  }
}

export type ObjectIds = Awaited<ReturnType<typeof ownerObjectIds>>;
