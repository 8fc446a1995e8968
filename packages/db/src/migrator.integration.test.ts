import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { parseDatabaseUrl } from "./connection.ts";
import { migrationsDir, schemaPath } from "./env.ts";
import { createMigration, deployMigrations, lastSnapshot, markRolledBack, migrationStatus } from "./migrator.ts";
import { createTestDatabase } from "./testing/test-database.ts";

const config = parseDatabaseUrl(inject("databaseUrl"), 2);

describe("migrations", () => {
  it("match the schema: a schema change without a migration fails here", async () => {
    // Diffs the newest snapshot against prisma/schema.prisma with the schema engine.
    const scratch = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(migrationsDir, scratch, { recursive: true });
    const result = await createMigration(config, "drift_check", { migrationsDir: scratch });
    expect(
      result.created ? `Schema changed without a migration. Run pnpm db:migrate:new <name>.\n${result.sql}` : "",
    ).toBe("");
    expect(await lastSnapshot()).toBe(readFileSync(schemaPath, "utf8"));
  });

  it("are applied once; a second deploy applies nothing", async () => {
    expect(await deployMigrations(config)).toEqual({ applied: [] });
    const client = new pg.Client({ ...config });
    await client.connect();
    const status = await migrationStatus(async (sql) => (await client.query(sql)).rows);
    await client.end();
    expect(status.pending).toEqual([]);
    expect(status.failed).toEqual([]);
  });

  it("create writes SQL and a snapshot for a schema change", async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(migrationsDir, scratch, { recursive: true });
    const changed = path.join(scratch, "schema.prisma");
    writeFileSync(changed, `${readFileSync(schemaPath, "utf8")}\nmodel Scratch {\n  id Int @id\n  label String\n}\n`);
    const result = await createMigration(
      config,
      "Add scratch!",
      { migrationsDir: scratch, schemaPath: changed },
      new Date("2030-01-02T03:04:05Z"),
    );
    expect(result.name).toBe("20300102030405_add_scratch");
    expect(result.sql).toContain('CREATE TABLE "Scratch"');
    expect(readFileSync(path.join(scratch, result.name!, "schema.prisma.snapshot"), "utf8")).toContain("model Scratch");
  });

  it("refuse to continue after a failed migration until it is resolved", async () => {
    const database = await createTestDatabase({ migrate: false, prefix: "homeport_failed" });
    try {
      const scratch = mkdtempSync(path.join(tmpdir(), "migrations-"));
      cpSync(migrationsDir, scratch, { recursive: true });
      mkdirSync(path.join(scratch, "29990101000000_broken"));
      writeFileSync(
        path.join(scratch, "29990101000000_broken", "migration.sql"),
        'ALTER TABLE "Nope" ADD COLUMN x INT;\n',
      );
      await expect(deployMigrations(database.config, { migrationsDir: scratch })).rejects.toThrow(/Nope/);
      await expect(deployMigrations(database.config, { migrationsDir: scratch })).rejects.toThrow(/failed migrations/i);

      // Repaired: the table now exists; marking the migration rolled back lets deploy retry it.
      writeFileSync(path.join(scratch, "29990101000000_broken", "migration.sql"), 'CREATE TABLE "Nope" (x INT);\n');
      await markRolledBack(database.config, "29990101000000_broken", { migrationsDir: scratch });
      expect((await deployMigrations(database.config, { migrationsDir: scratch })).applied).toEqual([
        "29990101000000_broken",
      ]);
    } finally {
      await database.drop();
    }
  });
});
