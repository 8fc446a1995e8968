import type { Db } from "./client.ts";
import { addMember, createAccount, createHousehold, createProfile, createUser } from "./factories.ts";

/** The demo sign-ins, named in the README. Staff TOTP secrets are for development only. */
export const DEMO_USERS = {
  owner: { email: "demo@example.com", password: "homeport-demo-2026" },
  member: { email: "alex.rivera@example.com", password: "homeport-demo-2026" },
  neighbour: { email: "tuan.nguyen@example.com", password: "homeport-demo-2026" },
  admin: {
    email: "admin@example.com",
    password: "homeport-admin-demo-2026",
    totpSecret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
  },
  agent: {
    email: "agent@example.com",
    password: "homeport-agent-demo-2026",
    totpSecret: "KRUGKIDROVUWG2ZAMJZG653OEBTG66BA",
  },
  privacy: {
    email: "privacy@example.com",
    password: "homeport-privacy-demo-2026",
    totpSecret: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
  },
} as const;

/** An account with no online login yet: the one a visitor can register for. */
export const DEMO_UNREGISTERED_ACCOUNT = { accountNumber: "8352100055501234", zip: "95814" } as const;

export interface SeedOptions {
  /** Seals a TOTP secret for storage; without it staff are seeded without two-step sign-in. */
  sealTotpSecret?: (secret: string, userId: string) => string;
}

export const DEMO_ACCOUNT_NUMBER = "8352100012345678";

export interface SeedResult {
  seeded: boolean;
}

/**
 * Seeds the demo household once: a database that already holds any service account is left alone,
 * so restarting the portal never duplicates or resets demo data.
 */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
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

      // A second household, to show that one household never sees another's data.
      await createHousehold(tx, {
        account: {
          accountNumber: "8352100087654321",
          holderName: "Tuan Nguyen",
          addressLine1: "88 Riverside Drive",
          city: "Fresno",
          zip: "93721",
          phoneOnFile: "+15595550187",
          emailOnFile: DEMO_USERS.neighbour.email,
        },
        owner: { email: DEMO_USERS.neighbour.email, name: "Tuan Nguyen", password: DEMO_USERS.neighbour.password },
      });

      await createAccount(tx, {
        accountNumber: DEMO_UNREGISTERED_ACCOUNT.accountNumber,
        holderName: "Grace Okafor",
        addressLine1: "1500 Capitol Mall",
        city: "Sacramento",
        zip: DEMO_UNREGISTERED_ACCOUNT.zip,
        phoneOnFile: "+19165550199",
        emailOnFile: "grace.okafor@example.com",
      });

      const staff = [
        { ...DEMO_USERS.admin, name: "Jordan Ellis", role: "ADMIN" as const },
        { ...DEMO_USERS.agent, name: "Sam Patel", role: "SUPPORT_AGENT" as const },
        { ...DEMO_USERS.privacy, name: "Avery Chen", role: "PRIVACY_OFFICER" as const },
      ];
      for (const member of staff) {
        const user = await createUser(tx, {
          email: member.email,
          name: member.name,
          password: member.password,
          staffRole: member.role,
        });
        if (options.sealTotpSecret) {
          await tx.user.update({
            where: { id: user.id },
            data: { totpSecret: options.sealTotpSecret(member.totpSecret, user.id), totpEnabledAt: new Date() },
          });
        }
      }

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
