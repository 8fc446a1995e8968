import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./test-database.ts";

/** One fresh, migrated PostgreSQL database per test run, dropped afterwards. */
export default async function setup(project: TestProject) {
  const database = await createTestDatabase();
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.drop();
  };
}
