import { createPrismaClient, parseDatabaseUrl } from "@homeport/db";
import { createUser } from "@homeport/db/factories";
import { afterAll, describe, expect, inject, it } from "vitest";
import { enqueueMessage } from "./enqueue-message.ts";
import { listNotifications, markNotificationRead, notifyUser } from "./notify-user.ts";

const db = createPrismaClient(parseDatabaseUrl(inject("databaseUrl"), 2));
afterAll(() => db.$disconnect());

describe("in-app notifications", () => {
  it("are listed newest first and only their owner can mark them read", async () => {
    const owner = await createUser(db);
    const stranger = await createUser(db);
    const first = await notifyUser(db, { userId: owner.id, messageKey: "welcome", values: { name: "Ana" } });
    const second = await notifyUser(db, {
      userId: owner.id,
      messageKey: "welcome",
      values: { name: "Ana" },
      href: "/security",
    });

    expect((await listNotifications(db, owner.id)).map((n) => n.id)).toEqual([second.id, first.id]);
    expect(await markNotificationRead(db, stranger.id, first.id)).toEqual({ updated: 0 });
    expect(await markNotificationRead(db, owner.id, first.id)).toEqual({ updated: 1 });
    expect(await markNotificationRead(db, owner.id, first.id)).toEqual({ updated: 0 });
    const [, read] = await listNotifications(db, owner.id);
    expect(read?.readAt).not.toBeNull();
  });
});

describe("the outbox", () => {
  it("captures messages that have no transport and queues those that do", async () => {
    const captured = await enqueueMessage(db, {}, { channel: "SMS", recipient: "+19165550142", body: "Code 123456" });
    const queued = await enqueueMessage(
      db,
      { EMAIL: { channel: "EMAIL", deliver: async () => {} } },
      { channel: "EMAIL", recipient: "a@example.com", subject: "Hi", body: "Hello" },
    );
    expect(captured.status).toBe("CAPTURED");
    expect(queued.status).toBe("PENDING");
  });
});
