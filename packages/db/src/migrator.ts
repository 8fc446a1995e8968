import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine as SchemaEngineType } from "@prisma/schema-engine-wasm";
import { type ConnectionConfig, explainConnectionError } from "./connection.ts";
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from "./env.ts";
import { lastSnapshot, listMigrations } from "./migration-files.ts";

export {
  lastSnapshot,
  listMigrations,
  migrationStatus,
  type MigrationFolder,
  type MigrationStatus,
} from "./migration-files.ts";

/**
 * Migrations without Prisma's native engine (it cannot be downloaded here): the schema engine's
 * WebAssembly build, driven through a driver adapter.
 *  - create: diff the last migration's schema snapshot against the current schema.
 *  - deploy: apply pending migrations, recorded with checksums in _prisma_migrations.
 */

import { MIGRATION_FILE, SNAPSHOT_FILE } from "./migration-files.ts";
const LOCK_FILE = "migration_lock.toml";
const LOCK_CONTENT = '# Written by the migration runner; do not edit.\nprovider = "postgresql"\n';

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface Paths {
  migrationsDir?: string;
  schemaPath?: string;
}

type BgModule = Record<string, unknown> & {
  __wbg_set_wasm(wasm: WebAssembly.Exports): void;
  SchemaEngine: typeof SchemaEngineType;
};

let enginePromise: Promise<BgModule> | undefined;

async function loadEngineModule(): Promise<BgModule> {
  enginePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(bgPath)) as BgModule;
    const wasmBytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const imports: Record<string, unknown> = { ...bg };
    for (const key of Object.keys(imports)) {
      // The engine arms long timers it never clears; unref them so a CLI run can exit.
      if (key.startsWith("__wbg_setTimeout_")) {
        imports[key] = (callback: () => void, ms: number) => {
          const timer = setTimeout(callback, ms >>> 0);
          timer.unref();
          return timer;
        };
      }
    }
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {
      "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // Without a registry, an engine panic crashes the process instead of becoming an error.
    const globals = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    const registry = { message: "", set_message: (message: string) => void (registry.message = message) };
    globals.PRISMA_WASM_PANIC_REGISTRY ??= registry;
    return bg;
  })();
  return enginePromise;
}

interface EngineHandle {
  engine: SchemaEngineType;
  close(): Promise<void>;
  explain(error: unknown): string;
}

async function openEngine(config: ConnectionConfig, schemaText: string): Promise<EngineHandle> {
  const bg = await loadEngineModule();
  const { embedded: _embedded, poolMax: _poolMax, ...pgFields } = config;
  const factory = new PrismaPg({ ...pgFields, max: config.embedded ? 1 : 2 });
  const adapters: { dispose(): Promise<void> }[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapters.push(adapter);
    return adapter;
  };
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const explain = (error: unknown): string => {
    const message = error instanceof Error ? error.message : String(error);
    const match = /External error id#(\d+)/.exec(message);
    if (match) {
      const registry = (bound as unknown as { errorRegistry?: { consumeError(id: number): unknown } }).errorRegistry;
      const original = registry?.consumeError(Number(match[1])) as
        { error?: { originalCode?: string; originalMessage?: string; cause?: unknown } } | undefined;
      const cause = original?.error;
      if (cause) {
        return explainConnectionError({ code: cause.originalCode, message: cause.originalMessage ?? message }, config);
      }
    }
    return message;
  };
  let engine: SchemaEngineType;
  try {
    engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", schemaText]] }, () => {}, bound);
  } catch (error) {
    await Promise.allSettled(adapters.map((a) => a.dispose()));
    throw new MigrationError(explain(error));
  }
  return {
    engine,
    explain,
    async close() {
      engine.free();
      await Promise.allSettled(adapters.map((a) => a.dispose()));
    },
  };
}

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export interface CreateResult {
  created: boolean;
  name?: string;
  sql?: string;
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/ with the SQL that turns the last snapshot into the
 * current schema. Needs a live database only because the engine connects on start; nothing is
 * changed there.
 */
export async function createMigration(
  config: ConnectionConfig,
  rawName: string,
  paths: Paths = {},
  now = new Date(),
): Promise<CreateResult> {
  const name = rawName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) throw new MigrationError("Give the migration a name, e.g. pnpm db:migrate:new add_invoices");
  const dir = paths.migrationsDir ?? defaultMigrationsDir;
  const schemaText = await readFile(paths.schemaPath ?? defaultSchemaPath, "utf8");
  const previous = await lastSnapshot(dir);
  const handle = await openEngine(config, schemaText);
  try {
    const result = await handle.engine.diff({
      from: previous
        ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: previous }] }
        : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schemaText }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const sql = (result.stdout ?? "").trim();
    if (!sql || /^-- This is an empty migration\.?$/.test(sql)) return { created: false };
    const folderName = `${timestamp(now)}_${name}`;
    const folder = path.join(dir, folderName);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, MIGRATION_FILE), `${sql}\n`);
    await writeFile(path.join(folder, SNAPSHOT_FILE), schemaText);
    await writeFile(path.join(dir, LOCK_FILE), LOCK_CONTENT);
    return { created: true, name: folderName, sql };
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(handle.explain(error));
  } finally {
    await handle.close();
  }
}

export interface DeployResult {
  applied: string[];
}

/** Applies pending migrations. Idempotent; refuses while an earlier migration is marked failed. */
export async function deployMigrations(config: ConnectionConfig, paths: Paths = {}): Promise<DeployResult> {
  const dir = paths.migrationsDir ?? defaultMigrationsDir;
  const migrations = await listMigrations(dir);
  const schemaText = await readFile(paths.schemaPath ?? defaultSchemaPath, "utf8");
  const handle = await openEngine(config, schemaText);
  try {
    const lockPath = path.join(dir, LOCK_FILE);
    const output = await handle.engine.applyMigrations({
      migrationsList: {
        baseDir: dir,
        lockfile: {
          path: LOCK_FILE,
          content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
        },
        shadowDbInitScript: "",
        migrationDirectories: migrations.map((m) => ({
          path: m.name,
          migrationFile: { path: MIGRATION_FILE, content: { tag: "ok", value: m.sql } },
        })),
      },
      filters: { externalTables: [], externalEnums: [] },
    });
    return { applied: output.appliedMigrationNames };
  } catch (error) {
    throw new MigrationError(handle.explain(error));
  } finally {
    await handle.close();
  }
}

/**
 * After a failed migration was repaired by hand: mark it rolled back so the next deploy applies it
 * again (Prisma's `migrate resolve --rolled-back`).
 */
export async function markRolledBack(config: ConnectionConfig, migrationName: string, paths: Paths = {}) {
  const schemaText = await readFile(paths.schemaPath ?? defaultSchemaPath, "utf8");
  const handle = await openEngine(config, schemaText);
  try {
    await handle.engine.markMigrationRolledBack({ migrationName });
  } catch (error) {
    throw new MigrationError(handle.explain(error));
  } finally {
    await handle.close();
  }
}
