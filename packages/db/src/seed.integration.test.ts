import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "./client.ts";
import { parseDatabaseUrl } from "./connection.ts";
import { verifyPassword } from "./password-hash.ts";
import { DEMO_ACCOUNT_NUMBER, DEMO_USERS, seedDemo } from "./seed.ts";

const db = createPrismaClient(parseDatabaseUrl(inject("databaseUrl"), 2));
afterAll(() => db.$disconnect());

describe("demo seed on a freshly migrated database", () => {
  it("seeds the demo household once and reads it back", async () => {
    expect(await seedDemo(db)).toEqual({ seeded: true });
    expect(await seedDemo(db)).toEqual({ seeded: false });

    const account = await db.serviceAccount.findUniqueOrThrow({
      where: { accountNumber: DEMO_ACCOUNT_NUMBER },
      include: { memberships: { include: { user: true } }, profiles: true },
    });
    expect(account.holderName).toBe("Maria Rivera");
    expect(account.timeZone).toBe("America/Los_Angeles");
    expect(account.memberships.map((m) => [m.user.email, m.role]).sort()).toEqual([
      [DEMO_USERS.member.email, "MEMBER"],
      [DEMO_USERS.owner.email, "OWNER"],
    ]);
    expect(account.profiles.map((p) => p.name).sort()).toEqual(["Alex", "Maria", "Sofia"]);
    expect(await db.serviceAccount.count()).toBe(3);
  });

  it("never returns the password hash unless asked for", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.owner.email } });
    expect("passwordHash" in user).toBe(false);
    const withSecret = await db.user.findUniqueOrThrow({
      where: { email: DEMO_USERS.owner.email },
      omit: { passwordHash: false },
    });
    expect(await verifyPassword(withSecret.passwordHash, DEMO_USERS.owner.password)).toBe(true);
    expect(await verifyPassword(withSecret.passwordHash, "wrong password")).toBe(false);
  });
});
