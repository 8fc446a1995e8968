import { addMember, createProfile, createUser } from "@homeport/db/factories";
import { createPrismaClient } from "@homeport/db";
import { DEMO_USERS } from "@homeport/db/seed";
import { createTestDatabase } from "@homeport/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProviderProfile } from "../provider/profile.ts";
import { readCoreEnv } from "../env.ts";
import { seedDemoData } from "../runtime/seed-demo.ts";
import { loadDashboard } from "./load-dashboard.ts";

/**
 * The dashboard's database cost, counted statement by statement on the full demo household: it is
 * within budget, and it stays the same when the household has many more members, profiles,
 * notifications, recording rules and outages (an N+1 would add statements per item).
 */
const QUERY_BUDGET = 30;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let statements: string[] = [];
let db: ReturnType<typeof createPrismaClient>;
const profile = loadProviderProfile(readCoreEnv({}));
const ctx = () => ({ db, now: () => new Date(), profile });

async function countQueries(run: () => Promise<unknown>): Promise<string[]> {
  statements = [];
  await run();
  return [...statements];
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = createPrismaClient(database.config, { onQuery: (sql) => statements.push(sql) });
  process.env.NEXTAUTH_SECRET ??= "dashboard-test-secret-that-is-long-enough";
  await seedDemoData(db, profile);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function demoOwner() {
  const user = await db.user.findUniqueOrThrow({
    where: { email: DEMO_USERS.owner.email },
    select: { id: true, memberships: { select: { accountId: true } } },
  });
  return { id: user.id, accountId: user.memberships[0]!.accountId };
}

/** `count` more of each thing the dashboard lists or looks through. */
async function addToHousehold(owner: { id: string; accountId: string }, count: number) {
  const account = await db.serviceAccount.findUniqueOrThrow({ where: { id: owner.accountId } });
  const tag = Math.random().toString(36).slice(2, 8);
  for (let i = 0; i < count; i += 1) {
    const member = await createUser(db, { email: `many-${tag}-${i}@example.com` });
    await addMember(db, owner.accountId, member.id, "MEMBER");
    await createProfile(db, owner.accountId, `Profile ${tag} ${i}`, { userId: member.id });
  }
  await db.notification.createMany({
    data: Array.from({ length: count * 2 }, (_, i) => ({
      userId: owner.id,
      accountId: owner.accountId,
      messageKey: "security.newDevice",
      values: { device: `Device ${i}` },
    })),
  });
  const profileRow = await db.profile.findFirstOrThrow({ where: { accountId: owner.accountId } });
  const taken = await db.recordingRule.count({ where: { accountId: owner.accountId } });
  const programs = await db.program.findMany({
    distinct: ["title"],
    select: { id: true, title: true },
    skip: taken,
    take: count * 2,
  });
  await db.recordingRule.createMany({
    data: programs.map((program, i) => ({
      accountId: owner.accountId,
      profileId: profileRow.id,
      ...(i % 2 === 0 ? { kind: "SERIES" as const } : { kind: "SINGLE" as const, programId: program.id }),
      title: program.title,
      priority: 100 + taken + i,
    })),
  });
  await db.outage.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      externalRef: `many-${tag}-${i}`,
      zips: [account.zip],
      services: ["INTERNET" as const],
      status: "INVESTIGATING" as const,
      cause: "fiber",
      startedAt: new Date(Date.now() - 3_600_000),
    })),
  });
}

describe("dashboard queries", () => {
  it("stay within budget and do not grow with the household's data", async () => {
    const owner = await demoOwner();
    await addToHousehold(owner, 1);
    const withOne = await countQueries(() => loadDashboard(ctx(), owner));
    expect(withOne.length).toBeLessThanOrEqual(QUERY_BUDGET);

    await addToHousehold(owner, 8);
    const withMany = await countQueries(() => loadDashboard(ctx(), owner));
    expect(withMany.length, withMany.join("\n")).toBe(withOne.length);
  });

  it("reads only the staff member's own lists when there is no household", async () => {
    const staff = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.agent.email }, select: { id: true } });
    const queries = await countQueries(() => loadDashboard(ctx(), { id: staff.id, accountId: null }));
    expect(queries.length).toBeLessThanOrEqual(4);
  });
});
