import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { migrationsDir as defaultMigrationsDir } from "./env.ts";

/** Reading prisma/migrations, without loading the schema engine (cheap enough for a health check). */
export const SNAPSHOT_FILE = "schema.prisma.snapshot";
export const MIGRATION_FILE = "migration.sql";

export interface MigrationFolder {
  name: string;
  sql: string;
  snapshot: string | null;
}

export async function listMigrations(dir = defaultMigrationsDir): Promise<MigrationFolder[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const folder = path.join(dir, name);
      const sql = await readFile(path.join(folder, MIGRATION_FILE), "utf8");
      const snapshotPath = path.join(folder, SNAPSHOT_FILE);
      const snapshot = existsSync(snapshotPath) ? await readFile(snapshotPath, "utf8") : null;
      return { name, sql, snapshot };
    }),
  );
}

/** The schema the committed migrations produce, as recorded by the newest snapshot. */
export async function lastSnapshot(dir = defaultMigrationsDir): Promise<string | null> {
  const migrations = await listMigrations(dir);
  return migrations.at(-1)?.snapshot ?? null;
}

export interface MigrationStatus {
  total: number;
  applied: number;
  pending: string[];
  failed: string[];
}

/** Reads _prisma_migrations directly; cheap enough for a health check. */
export async function migrationStatus(
  query: (sql: string) => Promise<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[]>,
  dir = defaultMigrationsDir,
): Promise<MigrationStatus> {
  const names = (await listMigrations(dir)).map((m) => m.name);
  let rows: Awaited<ReturnType<typeof query>>;
  try {
    rows = await query('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"');
  } catch {
    rows = [];
  }
  const finished = new Set(rows.filter((r) => r.finished_at).map((r) => r.migration_name));
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  return {
    total: names.length,
    applied: names.filter((n) => finished.has(n)).length,
    pending: names.filter((n) => !finished.has(n)),
    failed,
  };
}
