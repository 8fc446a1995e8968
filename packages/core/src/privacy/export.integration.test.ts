import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createProfile, createUser } from "@homeport/db/factories";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { buildPrivacyExport, type ExportTranslate } from "./export.ts";
import type { PrivacySubject } from "./inventory.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `privacy-export-${name}-${tag}-${(sequence += 1)}`;
const now = new Date("2026-12-03T18:30:00Z");
const t: ExportTranslate = (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key);

afterAll(() => db.$disconnect());

async function household(name: string) {
  const { account, owner, profile } = await createHousehold(db, {
    account: { holderName: `${name} Household`, emailOnFile: `${unique("file")}@example.com` },
    owner: { email: `${unique("owner")}@example.com`, name: `${name} Owner` },
  });
  const member = await createUser(db, { email: `${unique("member")}@example.com`, name: `${name} Member` });
  await addMember(db, account.id, member.id, "MEMBER");
  const memberProfile = await createProfile(db, account.id, `${name} Kid`, { userId: member.id });
  for (const user of [owner, member]) {
    await db.deviceSession.create({
      data: { userId: user.id, userAgent: `Agent ${user.email}`, ip: "203.0.113.9", expiresAt: now },
    });
    await db.notification.create({ data: { userId: user.id, accountId: account.id, messageKey: "test.notice" } });
  }
  await db.recoveryCode.create({ data: { userId: owner.id, digest: unique("digest") } });
  await db.auditEvent.create({
    data: {
      actorUserId: owner.id,
      accountId: account.id,
      action: "auth.sign_in",
      outcome: "SUCCESS",
      ip: "203.0.113.9",
    },
  });
  await db.paymentMethod.create({
    data: {
      accountId: account.id,
      kind: "CARD",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      gateway: "DEMO",
      gatewayRef: unique("pm"),
    },
  });
  await db.recordingRule.create({
    data: {
      accountId: account.id,
      profileId: memberProfile.id,
      kind: "SERIES",
      title: `${name}, "quoted", show`,
      priority: 1,
    },
  });
  await db.recordingRule.create({
    data: { accountId: account.id, profileId: profile.id, kind: "SERIES", title: "=HYPERLINK(1)", priority: 2 },
  });
  await db.usageRecord.create({
    data: {
      id: unique("usage"),
      accountId: account.id,
      intervalStart: now,
      intervalEnd: now,
      bytesDown: 12_345_678_901_234n,
      bytesUp: 1n,
    },
  });
  return { account, owner, member, profile, memberProfile };
}

function files(zip: Uint8Array) {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe("buildPrivacyExport", () => {
  it("gives the account holder a copy of their and the household's data, and nothing else", async () => {
    const mine = await household("Ada");
    const theirs = await household("Bea");
    const subject: PrivacySubject = { userId: mine.owner.id, accountId: mine.account.id, accountRole: "OWNER" };

    const result = await buildPrivacyExport(db, subject, { specific: true, now, timeZone: "America/Los_Angeles", t });
    expect(result.fileName).toBe("privacy-data-2026-12-03.zip");
    const content = files(result.zip);
    const names = Object.keys(content);
    expect(names).toContain("summary.html");
    for (const model of ["User", "ServiceAccount", "DeviceSession", "RecoveryCode", "PaymentMethod", "RecordingRule"]) {
      expect(names).toContain(`data/${model}.json`);
      expect(names).toContain(`data/${model}.csv`);
    }

    const users = JSON.parse(content["data/User.json"]!) as Record<string, unknown>[];
    expect(users).toEqual([expect.objectContaining({ email: mine.owner.email, name: "Ada Owner" })]);
    expect(Object.keys(users[0]!)).not.toContain("passwordHash");
    const sessions = JSON.parse(content["data/DeviceSession.json"]!) as { userAgent: string; createdAt: string }[];
    // The member's own sessions are theirs, not the holder's.
    expect(sessions.map((s) => s.userAgent)).toEqual([`Agent ${mine.owner.email}`]);
    expect(sessions[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    const usage = JSON.parse(content["data/UsageRecord.json"]!) as { bytesDown: string }[];
    expect(usage[0]!.bytesDown).toBe("12345678901234");
    expect(JSON.parse(content["data/RecordingRule.json"]!)).toHaveLength(2);

    const csv = content["data/RecordingRule.csv"]!;
    expect(csv.split("\r\n")[0]).toBe(
      "kind,title,seriesRef,channelId,newOnly,keepLatest,keep,paddingBeforeMin,paddingAfterMin,priority,createdAt",
    );
    expect(csv).toContain(`"Ada, ""quoted"", show"`);
    expect(csv).toContain(`'=HYPERLINK(1)`);
    expect(csv.endsWith("\r\n")).toBe(true);

    const secrets = await db.user.findUniqueOrThrow({
      where: { id: mine.owner.id },
      select: { passwordHash: true },
    });
    const digests = await db.recoveryCode.findMany({ where: { userId: mine.owner.id }, select: { digest: true } });
    const gatewayRefs = await db.paymentMethod.findMany({ where: { accountId: mine.account.id } });
    const everything = Object.values(content).join("\n");
    expect(everything).not.toContain(secrets.passwordHash);
    for (const { digest } of digests) expect(everything).not.toContain(digest);
    for (const { gatewayRef } of gatewayRefs) expect(everything).not.toContain(gatewayRef);

    // Another household, and the other member's login, are nowhere in it.
    for (const foreign of [
      theirs.owner.email,
      theirs.member.email,
      theirs.account.accountNumber,
      "Bea",
      mine.member.email,
    ]) {
      expect(everything).not.toContain(foreign);
    }

    const summary = content["summary.html"]!;
    expect(summary).toMatch(/^<!doctype html>/);
    expect(summary).toContain('lang="en-US"');
    expect(summary).toContain("category.identifiers");
    expect(summary).toContain("purpose.security");
    expect(summary).toContain("source.consumer");
    expect(summary).toContain("table.User");
    expect(summary).toContain("notIncludedSecrets");
    expect(summary).toContain("introSpecific");
    expect(summary).toContain(mine.account.accountNumber);
    expect(summary).toContain("data/User.json");
    expect(result.summary).toEqual(
      expect.arrayContaining([
        { category: "identifiers", count: expect.any(Number) },
        { category: "internet_activity", count: expect.any(Number) },
      ]),
    );
    expect(result.summary.every((c) => c.count > 0)).toBe(true);
  });

  it("lists only categories, purposes, sources and counts for a request to know categories", async () => {
    const mine = await household("Cy");
    const subject: PrivacySubject = { userId: mine.owner.id, accountId: mine.account.id, accountRole: "OWNER" };
    const specific = await buildPrivacyExport(db, subject, { specific: true, now, timeZone: "UTC", t });
    const categories = await buildPrivacyExport(db, subject, { specific: false, now, timeZone: "UTC", t });

    expect(categories.fileName).toBe("privacy-categories-2026-12-03.zip");
    const content = files(categories.zip);
    expect(Object.keys(content)).toEqual(["summary.html"]);
    const summary = content["summary.html"]!;
    expect(summary).toContain("introCategories");
    expect(summary).toContain("category.customer_records");
    expect(summary).toContain("recordCount {&#34;count&#34;:2}");
    expect(summary).not.toContain("data/User.json");
    expect(categories.summary).toEqual(specific.summary);
  });

  it("covers only a member's own data", async () => {
    const mine = await household("Dee");
    const subject: PrivacySubject = { userId: mine.member.id, accountId: mine.account.id, accountRole: "MEMBER" };
    const content = files((await buildPrivacyExport(db, subject, { specific: true, now, timeZone: "UTC", t })).zip);
    const names = Object.keys(content);
    expect(names).toContain("data/User.json");
    expect(names).toContain("data/Profile.json");
    expect(names).not.toContain("data/ServiceAccount.json");
    expect(names).not.toContain("data/PaymentMethod.json");
    expect(names).not.toContain("data/UsageRecord.json");
    const rules = JSON.parse(content["data/RecordingRule.json"]!) as { title: string }[];
    expect(rules.map((r) => r.title)).toEqual([`Dee, "quoted", show`]);
    const everything = Object.values(content).join("\n");
    expect(everything).not.toContain(mine.owner.email);
    expect(everything).not.toContain(mine.account.accountNumber);
  });
});
