import type { Db } from "./client.ts";
import { addMember, createAccount, createHousehold, createProfile, createUser } from "./factories.ts";

/** The demo sign-ins, named in the README. */
export const DEMO_USERS = {
  owner: { email: "demo@example.com", password: "homeport-demo-2026" },
  member: { email: "alex.rivera@example.com", password: "homeport-demo-2026" },
  admin: { email: "admin@example.com", password: "homeport-admin-demo-2026" },
} as const;

export const DEMO_ACCOUNT_NUMBER = "8352100012345678";

export interface SeedResult {
  seeded: boolean;
}

/**
 * Seeds the demo household once: a database that already holds any service account is left alone,
 * so restarting the portal never duplicates or resets demo data.
 */
export async function seedDemo(db: Db): Promise<SeedResult> {
  if ((await db.serviceAccount.count()) > 0) return { seeded: false };
  await db.$transaction(
    async (tx) => {
      const { account, owner } = await createHousehold(tx, {
        account: {
          accountNumber: DEMO_ACCOUNT_NUMBER,
          holderName: "Maria Rivera",
          addressLine1: "2417 Alder Street",
          city: "Sacramento",
          state: "CA",
          zip: "95816",
          timeZone: "America/Los_Angeles",
          phoneOnFile: "+19165550142",
          emailOnFile: DEMO_USERS.owner.email,
        },
        owner: { email: DEMO_USERS.owner.email, name: "Maria Rivera", password: DEMO_USERS.owner.password },
      });
      const alex = await createUser(tx, {
        email: DEMO_USERS.member.email,
        name: "Alex Rivera",
        password: DEMO_USERS.member.password,
        locale: "es",
      });
      await addMember(tx, account.id, alex.id, "MEMBER");
      await createProfile(tx, account.id, "Alex", { userId: alex.id });
      await createProfile(tx, account.id, "Sofia", { isKids: true });

      // A second household with no online login yet: the one a visitor can register for.
      await createAccount(tx, {
        accountNumber: "8352100087654321",
        holderName: "Tuan Nguyen",
        addressLine1: "88 Riverside Drive",
        city: "Fresno",
        zip: "93721",
        phoneOnFile: "+15595550187",
        emailOnFile: "tuan.nguyen@example.com",
      });

      await createUser(tx, {
        email: DEMO_USERS.admin.email,
        name: "Jordan Ellis",
        password: DEMO_USERS.admin.password,
        staffRole: "ADMIN",
      });

      await tx.notification.create({
        data: {
          userId: owner.id,
          accountId: account.id,
          messageKey: "welcome",
          values: { name: "Maria" },
          href: "/security",
        },
      });
    },
    { timeout: 30_000 },
  );
  return { seeded: true };
}
