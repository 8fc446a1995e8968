import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import { afterAll, describe, expect, inject, it } from "vitest";
import { JOBS, startJobWorker } from "./worker.ts";

const connection = parseDatabaseUrl(inject("databaseUrl"), 2);
const db = createPrismaClient(connection);
afterAll(() => db.$disconnect());

async function waitForJob(worker: Awaited<ReturnType<typeof startJobWorker>>, name: string, id: string) {
  for (let i = 0; i < 100; i += 1) {
    const job = await worker.boss.getJobById(name, id);
    if (job && ["completed", "failed"].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`job ${name} did not finish`);
}

describe("job worker on PostgreSQL", () => {
  it("runs the outbox clean-up and delivery jobs", async () => {
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.outboxMessage.createMany({
      data: [
        { channel: "EMAIL", recipient: "old@example.com", body: "old", status: "CAPTURED", createdAt: old },
        { channel: "EMAIL", recipient: "new@example.com", body: "new", status: "CAPTURED" },
        { channel: "EMAIL", recipient: "queued@example.com", subject: "Hi", body: "queued", status: "PENDING" },
      ],
    });
    const delivered: string[] = [];
    const worker = await startJobWorker({
      db,
      connection,
      schedule: false,
      transports: { EMAIL: { channel: "EMAIL", deliver: async (m) => void delivered.push(m.recipient) } },
    });
    try {
      const cleanUp = await worker.send(JOBS.cleanUpOutbox);
      expect((await waitForJob(worker, JOBS.cleanUpOutbox, cleanUp!)).state).toBe("completed");
      const deliver = await worker.send(JOBS.deliverOutbox);
      expect((await waitForJob(worker, JOBS.deliverOutbox, deliver!)).state).toBe("completed");
    } finally {
      await worker.stop();
    }
    const left = await db.outboxMessage.findMany({
      where: { recipient: { in: ["old@example.com", "new@example.com", "queued@example.com"] } },
      orderBy: { recipient: "asc" },
    });
    expect(left.map((m) => [m.recipient, m.status])).toEqual([
      ["new@example.com", "CAPTURED"],
      ["queued@example.com", "SENT"],
    ]);
    // Other test files may leave messages of their own in the shared test database.
    expect(delivered.filter((r) => ["old@example.com", "new@example.com", "queued@example.com"].includes(r))).toEqual([
      "queued@example.com",
    ]);
  });
});
