import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "./client.ts";
import { startEmbeddedDatabase } from "./embedded.ts";
import { readDbEnv } from "./env.ts";
import { deployMigrations } from "./migrator.ts";
import { seedDemo } from "./seed.ts";

describe("embedded database", () => {
  it("keeps its data across a restart and seeds only once", async () => {
    const env = readDbEnv({
      HOMEPORT_DATA_DIR: mkdtempSync(path.join(tmpdir(), "homeport-embedded-")),
      HOMEPORT_EMBEDDED_DB_PORT: String(55_000 + Math.floor(Math.random() * 5_000)),
    });

    const first = await startEmbeddedDatabase({ env });
    expect(first.owned).toBe(true);
    expect((await deployMigrations(first.config)).applied.length).toBeGreaterThan(0);
    let db = createPrismaClient(first.config);
    expect(await seedDemo(db)).toEqual({ seeded: true });
    const users = await db.user.count();
    await db.$disconnect();
    await first.stop();

    const second = await startEmbeddedDatabase({ env });
    expect((await deployMigrations(second.config)).applied).toEqual([]);
    db = createPrismaClient(second.config);
    expect(await seedDemo(db)).toEqual({ seeded: false });
    expect(await db.user.count()).toBe(users);
    await db.$disconnect();
    await second.stop();
  }, 90_000);
});
