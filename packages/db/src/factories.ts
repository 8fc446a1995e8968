import type { DbTx } from "./client.ts";
import type { MembershipRole, StaffRole } from "./generated/prisma/client.ts";
import { hashPassword } from "./password-hash.ts";

/** Builders shared by the demo seed and the tests, so both describe households the same way. */

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export interface AccountInput {
  accountNumber?: string;
  holderName?: string;
  addressLine1?: string;
  city?: string;
  state?: string;
  zip?: string;
  timeZone?: string;
  phoneOnFile?: string | null;
  emailOnFile?: string | null;
}

export function buildAccountNumber(): string {
  const digits = `${Date.now()}${Math.floor(Math.random() * 1e6)}`.replace(/\D/g, "");
  return `8352${digits.slice(-12).padStart(12, "0")}`;
}

export function createAccount(db: DbTx, input: AccountInput = {}) {
  return db.serviceAccount.create({
    data: {
      accountNumber: input.accountNumber ?? buildAccountNumber(),
      holderName: input.holderName ?? "Test Household",
      addressLine1: input.addressLine1 ?? "100 Test Street",
      city: input.city ?? "Sacramento",
      state: input.state ?? "CA",
      zip: input.zip ?? "95816",
      timeZone: input.timeZone ?? "America/Los_Angeles",
      phoneOnFile: input.phoneOnFile === undefined ? "+19165550100" : input.phoneOnFile,
      emailOnFile: input.emailOnFile === undefined ? null : input.emailOnFile,
    },
  });
}

export interface UserInput {
  email?: string;
  name?: string;
  password?: string;
  locale?: string;
  staffRole?: StaffRole | null;
  emailVerified?: boolean;
}

export async function createUser(db: DbTx, input: UserInput = {}) {
  return db.user.create({
    data: {
      email: (input.email ?? `user-${next()}@example.com`).toLowerCase(),
      name: input.name ?? "Test User",
      passwordHash: await hashPassword(input.password ?? "correct horse battery"),
      locale: input.locale ?? "en",
      staffRole: input.staffRole ?? null,
      emailVerifiedAt: input.emailVerified === false ? null : new Date(),
    },
  });
}

export function addMember(db: DbTx, accountId: string, userId: string, role: MembershipRole) {
  return db.membership.create({ data: { accountId, userId, role } });
}

export function createProfile(
  db: DbTx,
  accountId: string,
  name: string,
  options: { userId?: string; isKids?: boolean } = {},
) {
  return db.profile.create({
    data: { accountId, name, userId: options.userId ?? null, isKids: options.isKids ?? false },
  });
}

/** An account with an owner who can sign in, and that owner's viewing profile. */
export async function createHousehold(db: DbTx, input: { account?: AccountInput; owner?: UserInput } = {}) {
  const account = await createAccount(db, input.account);
  const owner = await createUser(db, input.owner);
  await addMember(db, account.id, owner.id, "OWNER");
  const profile = await createProfile(db, account.id, owner.name.split(" ")[0] ?? owner.name, {
    userId: owner.id,
  });
  return { account, owner, profile };
}
