import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { addMember, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { ZodError } from "zod";
import { toDbDate } from "../billing/calendar.ts";
import { IdentityError } from "../identity/errors.ts";
import { createTestContext } from "../testing/test-context.ts";
import { ACCOUNT_SEARCH_LIMIT, AdminAccountError, foldText, openAccount, searchAccounts } from "./accounts.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const email = (name: string) => `accounts-${name}-${tag}-${(sequence += 1)}@example.com`;
const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join("");
const request = { ip: "198.51.100.20", userAgent: "vitest" };
const planId = `acct-view-net-${tag}`;

type StaffRole = "SUPPORT_AGENT" | "PRIVACY_OFFICER" | "ADMIN";
async function staff(role: StaffRole) {
  const user = await createUser(db, { email: email(role.toLowerCase()), name: `Staff ${role}`, staffRole: role });
  return { id: user.id, staffRole: role as string | null, sessionId: randomUUID() };
}

let agent: Awaited<ReturnType<typeof staff>>;
let officer: Awaited<ReturnType<typeof staff>>;
let admin: Awaited<ReturnType<typeof staff>>;
let subscriber: { id: string; staffRole: string | null; sessionId: string };
let target: Awaited<ReturnType<typeof createHousehold>>;
let memberId: string;
const accountNumber = `9${digits(15)}`;
const phone = `+1${digits(10)}`;
const zip = `0${digits(4)}`;

beforeAll(async () => {
  ctx.setNow(new Date());
  [agent, officer, admin] = await Promise.all([staff("SUPPORT_AGENT"), staff("PRIVACY_OFFICER"), staff("ADMIN")]);
  target = await createHousehold(db, {
    account: {
      accountNumber,
      holderName: `Zoë Núñez ${tag}`,
      addressLine1: `2417 Calle Ñandú ${tag}`,
      city: "Sacramento",
      zip,
      phoneOnFile: phone,
      emailOnFile: `billing-${tag}@example.net`,
    },
    owner: { email: `acct-owner-${tag}@example.com`, name: `Zoë Núñez ${tag}` },
  });
  subscriber = { id: target.owner.id, staffRole: null, sessionId: randomUUID() };
  const member = await createUser(db, {
    email: email("member"),
    name: `Ingrid Østergaard ${tag}`,
    emailVerified: false,
  });
  memberId = member.id;
  await addMember(db, target.account.id, member.id, "MEMBER");
});
afterAll(() => db.$disconnect());

const ids = (page: { results: { id: string }[] }) => page.results.map((r) => r.id);
const hit = async (q: string) => {
  const page = await searchAccounts(ctx, agent, q, request);
  return page.results.find((r) => r.id === target.account.id);
};

describe("account lookup", () => {
  it("folds accents and case the same way on both sides", () => {
    expect(foldText("Zoë NÚÑEZ Østergaard Łódź")).toBe("zoe nunez ostergaard lodz");
  });

  it("finds an account by a prefix of its number, with or without spaces", async () => {
    expect((await hit(accountNumber.slice(0, 12)))?.matched).toContain("accountNumber");
    const grouped = accountNumber.replace(/(\d{4})(?=\d)/g, "$1 ");
    const exact = await searchAccounts(ctx, agent, grouped, request);
    expect(exact.results[0]?.id).toBe(target.account.id);
    expect(exact.results[0]?.matched).toContain("accountNumber");
    // Only a prefix: the middle of a number is not an account-number match.
    expect((await hit(accountNumber.slice(3, 12)))?.matched ?? []).not.toContain("accountNumber");
  });

  it("finds the holder or a household user by any part of the name, ignoring case and accents", async () => {
    expect((await hit(`nunez ZOE ${tag}`))?.matched).toEqual(["holderName", "userName"]);
    expect((await hit(`ostergaard ${tag}`))?.matched).toEqual(["userName"]);
    expect((await hit(`Østergaard ${tag.slice(0, 5)}`))?.matched).toEqual(["userName"]);
  });

  it("finds by a sign-in email or the email on file, in part", async () => {
    expect((await hit(`owner-${tag}@exam`))?.matched).toEqual(["email"]);
    expect((await hit(`BILLING-${tag}`))?.matched).toEqual(["email"]);
  });

  it("finds by the last 4 or more digits of the phone, however it is written", async () => {
    expect((await hit(phone.slice(-7)))?.matched).toContain("phone");
    const written = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
    expect((await hit(written))?.matched).toContain("phone");
  });

  it("finds by street, city or ZIP", async () => {
    expect((await hit(`calle nandu ${tag}`))?.matched).toEqual(["address"]);
    expect((await hit(zip))?.matched).toContain("address");
  });

  it("treats LIKE wildcards in the query as text", async () => {
    expect(ids(await searchAccounts(ctx, agent, `%${tag}_%`, request))).toEqual([]);
  });

  it("refuses short queries, and anyone without VIEW_ACCOUNTS, auditing the refusal", async () => {
    await expect(searchAccounts(ctx, agent, " a ", request)).rejects.toBeInstanceOf(ZodError);
    await expect(searchAccounts(ctx, subscriber, "Rivera", request)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    expect(await db.auditEvent.count({ where: { action: "admin.denied", actorUserId: subscriber.id } })).toBe(1);
    expect((await searchAccounts(ctx, officer, `nunez ${tag}`, request)).results.map((r) => r.id)).toEqual([
      target.account.id,
    ]);
  });

  it("returns at most 25 over a few thousand accounts, quickly", async () => {
    const count = 3000;
    const prefix = `7${digits(5)}`;
    const rows = Array.from({ length: count }, (_, i) => ({
      accountNumber: `${prefix}${String(i).padStart(10, "0")}`,
      holderName: `Perf ${["Rivera", "Núñez", "Okafor", "Nguyen"][i % 4]} ${tag} ${i}`,
      addressLine1: `${i} Load Street`,
      city: "Fresno",
      state: "CA",
      zip: "93721",
      timeZone: "America/Los_Angeles",
      phoneOnFile: `+1559${digits(7)}`,
      emailOnFile: `perf-${i}-${tag}@example.org`,
    }));
    await db.serviceAccount.createMany({ data: rows });

    const timings: string[] = [];
    for (const q of [`perf nunez ${tag}`, prefix, `perf-1-${tag}`, "5595551234", "load street 93721"]) {
      const started = performance.now();
      const page = await searchAccounts(ctx, agent, q, request);
      timings.push(
        `${q}: ${page.results.length}${page.truncated ? "+" : ""} in ${(performance.now() - started).toFixed(1)} ms`,
      );
      expect(page.results.length).toBeLessThanOrEqual(ACCOUNT_SEARCH_LIMIT);
    }
    console.log(`account search over ${count} extra accounts:\n  ${timings.join("\n  ")}`);

    const page = await searchAccounts(ctx, agent, `perf nunez ${tag}`, request);
    expect(page.results).toHaveLength(ACCOUNT_SEARCH_LIMIT);
    expect(page.truncated).toBe(true);
    expect(page.results.every((r) => r.matched.includes("holderName"))).toBe(true);
  });
});

describe("opening an account", () => {
  beforeAll(async () => {
    const { account, owner } = target;
    await db.servicePlan.create({
      data: { id: planId, kind: "INTERNET", name: `Internet Gig ${tag}`, monthlyCents: 8000 },
    });
    await db.subscription.create({
      data: { accountId: account.id, planId, priceCents: 8000, startedOn: toDbDate("2026-01-01") },
    });
    for (let i = 0; i < 7; i += 1) {
      const key = `acct-view-${tag}-${i}`;
      await db.payment.create({
        data: {
          accountId: account.id,
          amountCents: 1000 + i,
          status: "SUCCEEDED",
          source: "ONE_TIME",
          gateway: "DEMO",
          methodKind: "CARD",
          methodBrand: "visa",
          methodLast4: "4242",
          idempotencyKey: key,
          receiptNumber: key,
          createdAt: new Date(Date.now() - (10 - i) * 60_000),
        },
      });
    }
    await db.deviceSession.create({
      data: {
        userId: owner.id,
        userAgent:
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15",
        ip: "203.0.113.50",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await db.deviceSession.create({
      data: { userId: owner.id, userAgent: "old", expiresAt: new Date(Date.now() + 3_600_000), revokedAt: new Date() },
    });
    await db.mailbox.create({
      data: {
        accountId: account.id,
        address: `zoe-${tag}@charter.net`,
        displayName: "Zoë",
        primary: true,
        passwordHash: "x",
        quotaBytes: 1_000_000n,
      },
    });
    const base = { channel: "PORTAL" as const, claimed: {}, accountId: account.id, userId: owner.id };
    await db.privacyRequest.create({
      data: { ...base, reference: `PR-${tag}-OPEN`, type: "KNOW_SPECIFIC", dueAt: new Date(Date.now() + 86_400_000) },
    });
    await db.privacyRequest.create({
      data: {
        ...base,
        reference: `PR-${tag}-DONE`,
        type: "DELETE",
        status: "COMPLETED",
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
  });

  it("needs a reason of 10 to 300 characters", async () => {
    const accountId = target.account.id;
    await expect(openAccount(ctx, agent, request, { accountId })).rejects.toBeInstanceOf(ZodError);
    await expect(openAccount(ctx, agent, request, { accountId, reason: "because" })).rejects.toBeInstanceOf(ZodError);
    await expect(openAccount(ctx, agent, request, { accountId, reason: "x".repeat(301) })).rejects.toBeInstanceOf(
      ZodError,
    );
  });

  it("records the access with its reason and returns the read-only view", async () => {
    ctx.setNow(new Date());
    const reason = "Caller asked why their bill went up this month";
    const opened = await openAccount(ctx, agent, request, { accountId: target.account.id, reason });
    expect(opened.reused).toBe(false);

    const event = await db.auditEvent.findUniqueOrThrow({ where: { id: BigInt(opened.accessId) } });
    expect(event).toMatchObject({
      action: "admin.account.viewed",
      outcome: "SUCCESS",
      actorUserId: agent.id,
      accountId: target.account.id,
      ip: "198.51.100.20",
      details: { reason },
    });

    const { view } = opened;
    expect(view.account).toMatchObject({ accountNumber, holderName: `Zoë Núñez ${tag}`, zip, lockedAt: null });
    expect(view.services).toEqual([
      expect.objectContaining({ planName: `Internet Gig ${tag}`, kind: "INTERNET", startedOn: "2026-01-01" }),
    ]);
    expect(view.balance).toMatchObject({ currency: ctx.profile.currency, autopay: false });
    expect(view.payments.map((p) => p.amountCents)).toEqual([1006, 1005, 1004, 1003, 1002]);
    // A card is its brand and last 4, nothing else.
    expect(Object.keys(view.payments[0]!).sort()).toEqual([
      "amountCents",
      "brand",
      "createdAt",
      "id",
      "last4",
      "status",
    ]);
    expect(view.payments[0]).toMatchObject({ brand: "visa", last4: "4242", status: "SUCCEEDED" });

    const owner = view.users.find((u) => u.id === target.owner.id)!;
    expect(owner).toMatchObject({ role: "OWNER", twoFactorEnabled: false, emailVerified: true });
    expect(owner.sessions).toEqual([expect.objectContaining({ browser: "Safari", ip: "203.0.113.50" })]);
    expect(view.users.find((u) => u.id === memberId)).toMatchObject({ role: "MEMBER", emailVerified: false });
    expect(view.mailboxes).toEqual([expect.objectContaining({ address: `zoe-${tag}@charter.net`, status: "ACTIVE" })]);
    expect(view.privacyRequests.map((r) => r.reference)).toEqual([`PR-${tag}-OPEN`]);
    expect(view.activity[0]).toMatchObject({ action: "admin.account.viewed", actor: { id: agent.id, staff: true } });
    expect(view.activity.length).toBeLessThanOrEqual(20);
  });

  it("lets the same person reuse the access for 30 minutes, and nobody else", async () => {
    ctx.setNow(new Date());
    const accountId = target.account.id;
    const first = await openAccount(ctx, agent, request, { accountId, reason: "Checking a disputed payment" });
    const viewed = () => db.auditEvent.count({ where: { action: "admin.account.viewed", accountId } });
    const before = await viewed();

    const again = await openAccount(ctx, agent, request, { accountId, access: first.accessId });
    expect(again).toMatchObject({ reused: true, accessId: first.accessId, reason: "Checking a disputed payment" });
    expect(await viewed()).toBe(before);

    await expect(openAccount(ctx, admin, request, { accountId, access: first.accessId })).rejects.toEqual(
      new AdminAccountError("ACCESS_EXPIRED"),
    );
    const other = await createHousehold(db, { owner: { email: email("other") } });
    await expect(
      openAccount(ctx, agent, request, { accountId: other.account.id, access: first.accessId }),
    ).rejects.toEqual(new AdminAccountError("ACCESS_EXPIRED"));

    ctx.setNow(new Date(Date.now() + 31 * 60_000));
    await expect(openAccount(ctx, agent, request, { accountId, access: first.accessId })).rejects.toEqual(
      new AdminAccountError("ACCESS_EXPIRED"),
    );
    ctx.setNow(new Date());
  });

  it("is for staff with VIEW_ACCOUNTS only, and for accounts that exist", async () => {
    const input = { accountId: target.account.id, reason: "Verifying a privacy request" };
    expect((await openAccount(ctx, officer, request, input)).view.account.id).toBe(target.account.id);
    await expect(openAccount(ctx, subscriber, request, input)).rejects.toEqual(new IdentityError("NOT_ALLOWED"));
    await expect(openAccount(ctx, agent, request, { ...input, accountId: randomUUID() })).rejects.toEqual(
      new AdminAccountError("ACCOUNT_NOT_FOUND"),
    );
  });
});
