import { randomBytes } from "node:crypto";
import { addMember, createHousehold, createProfile, createUser } from "@homeport/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestContext } from "../testing/test-context.ts";
import { eraseSubject, type EraseProgress } from "./erase.ts";
import {
  DELETED_CUSTOMER,
  delegateOf,
  PRIVACY_INVENTORY,
  type PrivacySubject,
  resolveSubjectKeys,
  type SubjectKeys,
} from "./inventory.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
const tag = randomBytes(4).toString("hex");
let sequence = 0;
const unique = (name: string) => `privacy-erase-${name}-${tag}-${(sequence += 1)}`;
const now = new Date("2026-12-03T18:30:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const planId = `privacy-erase-net-${tag}`;

beforeAll(() => db.servicePlan.create({ data: { id: planId, kind: "INTERNET", name: "Net", monthlyCents: 5000 } }));
afterAll(() => db.$disconnect());

/** A household with rows in nearly every table the inventory lists. */
async function household(name: string) {
  const { account, owner, profile } = await createHousehold(db, {
    account: {
      holderName: `${name} Household`,
      emailOnFile: `${unique("file")}@example.com`,
      phoneOnFile: `+1916${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`,
    },
    owner: { email: `${unique("owner")}@example.com`, name: `${name} Owner` },
  });
  const member = await createUser(db, { email: `${unique("member")}@example.com`, name: `${name} Member` });
  await addMember(db, account.id, member.id, "MEMBER");
  const memberProfile = await createProfile(db, account.id, `${name} Kid`, { userId: member.id });
  const accountId = account.id;

  for (const user of [owner, member]) {
    await db.deviceSession.create({
      data: { userId: user.id, userAgent: "Firefox", ip: "203.0.113.9", expiresAt: now },
    });
    await db.notification.create({ data: { userId: user.id, accountId, messageKey: "test.notice" } });
    await db.auditEvent.create({
      data: { actorUserId: user.id, accountId, action: "auth.sign_in", outcome: "SUCCESS", ip: "203.0.113.9" },
    });
    await db.privacySetting.create({ data: { userId: user.id, optOutSaleSharing: true } });
  }
  await db.auditEvent.create({
    data: { accountId, action: "billing.statement_issued", outcome: "SUCCESS", details: { name } },
  });
  await db.auditEvent.create({ data: { action: "auth.reset_requested", outcome: "FAILURE", target: owner.email } });
  await db.recoveryCode.create({ data: { userId: owner.id, digest: unique("digest") } });
  await db.verificationToken.create({
    data: { purpose: "PASSWORD_RESET", secretDigest: unique("secret"), userId: owner.id, expiresAt: now },
  });
  await db.verificationToken.create({
    data: {
      purpose: "HOUSEHOLD_INVITE",
      secretDigest: unique("secret"),
      accountId,
      email: "guest@example.com",
      expiresAt: now,
    },
  });
  await db.throttleCounter.create({ data: { key: `signInAccount:${owner.email}`, failures: 2 } });
  await db.outboxMessage.create({
    data: { channel: "EMAIL", recipient: owner.email, subject: "Hi", body: "Code 123" },
  });
  await db.outboxMessage.create({ data: { channel: "SMS", recipient: account.phoneOnFile!, body: "Code 456" } });

  await db.subscription.create({ data: { accountId, planId, priceCents: 5000, startedOn: day("2026-01-01") } });
  const router = await db.equipment.create({
    data: { accountId, kind: "ROUTER", model: "R1", serialNumber: unique("sn"), installedOn: day("2026-01-01") },
  });
  await db.wifiNetwork.create({
    data: { equipmentId: router.id, accountId, ssid: `${name}-wifi`, passwordSealed: "sealed" },
  });
  await db.deviceOperation.create({
    data: { accountId, equipmentId: router.id, kind: "RESTART", gatewayRef: unique("op"), requestedById: owner.id },
  });

  const method = await db.paymentMethod.create({
    data: { accountId, kind: "CARD", brand: "visa", last4: "4242", gateway: "DEMO", gatewayRef: unique("pm") },
  });
  await db.autopayEnrollment.create({ data: { accountId, paymentMethodId: method.id, enrolledById: owner.id } });
  const statement = await db.statement.create({
    data: {
      accountId,
      periodStart: day("2026-10-01"),
      periodEnd: day("2026-10-31"),
      issuedAt: now,
      dueOn: day("2026-11-21"),
      previousBalanceCents: 0,
      paymentsCents: 0,
      newChargesCents: 5000,
      totalDueCents: 5000,
    },
  });
  await db.statementLine.create({
    data: { statementId: statement.id, position: 1, kind: "SERVICE", code: planId, amountCents: 5000 },
  });
  const charge = await db.accountCharge.create({
    data: {
      accountId,
      kind: "CREDIT",
      code: "outage",
      amountCents: -100,
      chargedOn: day("2026-10-15"),
      sourceKey: unique("charge"),
      statementId: statement.id,
    },
  });
  const outage = await db.outage.create({
    data: { externalRef: unique("outage"), zips: [], services: ["INTERNET"], status: "RESOLVED", startedAt: now },
  });
  await db.outageCredit.create({
    data: { outageId: outage.id, accountId, chargeId: charge.id, hours: 6, days: 1, amountCents: 100 },
  });
  await db.payment.create({
    data: {
      accountId,
      amountCents: 5000,
      status: "SUCCEEDED",
      source: "ONE_TIME",
      gateway: "DEMO",
      methodId: method.id,
      methodKind: "CARD",
      methodBrand: "visa",
      methodLast4: "4242",
      idempotencyKey: unique("idem"),
      receiptNumber: unique("receipt"),
      createdById: owner.id,
    },
  });
  await db.paymentArrangement.create({
    data: { accountId, amountCents: 2500, payBy: day("2026-12-20"), createdById: owner.id },
  });

  await db.usageRecord.create({
    data: { id: unique("usage"), accountId, intervalStart: now, intervalEnd: now, bytesDown: 10n, bytesUp: 1n },
  });
  await db.usageDay.create({ data: { accountId, day: day("2026-12-03"), bytesDown: 10n, bytesUp: 1n } });
  await db.usageAlert.create({ data: { accountId, cycleStart: day("2026-12-01"), threshold: "75", usedBytes: 10n } });
  await db.usageAlertSettings.create({ data: { accountId, thresholds: [75, 90] } });

  const window = await db.technicianWindow.create({
    data: {
      area: unique("area"),
      startsAt: new Date(now.getTime() + 86_400_000),
      endsAt: new Date(now.getTime() + 93_600_000),
      capacity: 2,
      booked: 1,
    },
  });
  await db.appointment.create({
    data: { accountId, windowId: window.id, kind: "SERVICE_ISSUE", issue: "no-internet", contactPhone: "+19165550123" },
  });
  await db.supportTicket.create({
    data: { reference: unique("ticket"), accountId, kind: "CALLBACK", topic: "billing", phone: "+19165550123" },
  });

  const folder = await db.dvrFolder.create({ data: { accountId, name: "Movies" } });
  for (const p of [profile, memberProfile]) {
    const rule = await db.recordingRule.create({
      data: { accountId, profileId: p.id, kind: "SERIES", title: `${p.name} show`, priority: 1 },
    });
    await db.recording.create({
      data: {
        accountId,
        profileId: p.id,
        ruleId: rule.id,
        programRef: unique("program"),
        title: `${p.name} show`,
        channelId: "ch-1",
        startsAt: now,
        endsAt: now,
        status: "COMPLETED",
        folderId: folder.id,
      },
    });
  }

  const setting = await db.privacySetting.create({ data: { accountId, optOutSaleSharing: true } });
  await db.privacySettingChange.create({
    data: { settingId: setting.id, field: "optOutSaleSharing", value: true, source: "PUBLIC_FORM" },
  });
  const know = await privacyRequest(owner.id, accountId, "KNOW_SPECIFIC");
  await db.privacyExport.create({
    data: { requestId: know.id, fileName: "x.zip", bytes: 3, sha256: "0", content: Buffer.from("zip"), expiresAt: now },
  });
  await db.privacyRequestEvent.create({ data: { requestId: know.id, kind: "completed" } });
  const request = await privacyRequest(owner.id, accountId, "DELETE");
  await db.privacyUpload.create({
    data: {
      requestId: request.id,
      storedName: unique("upload"),
      mediaType: "application/pdf",
      bytes: 3,
      sha256: "0",
      content: Buffer.from("pdf"),
    },
  });

  const subject: PrivacySubject = { userId: owner.id, accountId, accountRole: "OWNER" };
  return {
    account,
    window,
    owner,
    member,
    profile,
    memberProfile,
    request,
    subject,
    keys: await resolveSubjectKeys(db, subject),
  };
}

function privacyRequest(userId: string, accountId: string, type: "DELETE" | "KNOW_SPECIFIC") {
  return db.privacyRequest.create({
    data: {
      reference: unique("PR"),
      type,
      channel: "PORTAL",
      userId,
      accountId,
      claimed: { email: "claimed@example.com" },
      dueAt: now,
    },
  });
}

/** Every row the inventory finds for these keys, in a comparable form. */
async function snapshot(keys: SubjectKeys) {
  const state: Record<string, string[]> = {};
  for (const entry of PRIVACY_INVENTORY) {
    const where = entry.where(keys);
    if (where === null) continue;
    const rows = await delegateOf(db, entry).findMany({ where });
    state[entry.model] = rows
      .map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)))
      .sort();
  }
  return state;
}

async function progressOf(requestId: string) {
  const { progress } = await db.privacyRequest.findUniqueOrThrow({ where: { id: requestId } });
  return progress as unknown as EraseProgress;
}

type Household = Awaited<ReturnType<typeof household>>;

async function expectOwnerErased(h: Household) {
  const accountId = h.account.id;
  expect(await db.user.findUnique({ where: { id: h.owner.id } })).toBeNull();
  expect(await db.deviceSession.count({ where: { userId: h.owner.id } })).toBe(0);
  expect(await db.recoveryCode.count({ where: { userId: h.owner.id } })).toBe(0);
  expect(await db.notification.count({ where: { userId: h.owner.id } })).toBe(0);
  expect(await db.outboxMessage.count({ where: { recipient: { in: [h.owner.email, h.account.phoneOnFile!] } } })).toBe(
    0,
  );
  expect(await db.verificationToken.count({ where: { OR: [{ userId: h.owner.id }, { accountId }] } })).toBe(0);
  expect(await db.throttleCounter.count({ where: { key: `signInAccount:${h.owner.email}` } })).toBe(0);
  expect(await db.membership.count({ where: { accountId } })).toBe(0);
  expect(await db.profile.count({ where: { accountId } })).toBe(0);

  const account = await db.serviceAccount.findUniqueOrThrow({ where: { id: accountId } });
  expect(account).toMatchObject({
    holderName: DELETED_CUSTOMER,
    addressLine1: "",
    addressLine2: null,
    phoneOnFile: null,
    emailOnFile: null,
    status: "CLOSED",
    accountNumber: h.account.accountNumber,
    city: h.account.city,
    state: h.account.state,
    zip: h.account.zip,
  });

  for (const count of [
    db.subscription.count({ where: { accountId } }),
    db.equipment.count({ where: { accountId } }),
    db.wifiNetwork.count({ where: { accountId } }),
    db.deviceOperation.count({ where: { accountId } }),
    db.paymentMethod.count({ where: { accountId } }),
    db.autopayEnrollment.count({ where: { accountId } }),
    db.usageRecord.count({ where: { accountId } }),
    db.usageDay.count({ where: { accountId } }),
    db.usageAlert.count({ where: { accountId } }),
    db.usageAlertSettings.count({ where: { accountId } }),
    db.appointment.count({ where: { accountId } }),
    db.supportTicket.count({ where: { accountId } }),
    db.recordingRule.count({ where: { accountId } }),
    db.recording.count({ where: { accountId } }),
    db.dvrFolder.count({ where: { accountId } }),
    db.privacyExport.count({ where: { request: { accountId } } }),
  ]) {
    expect(await count).toBe(0);
  }

  // The visit that was still to come gave its seat back.
  expect((await db.technicianWindow.findUniqueOrThrow({ where: { id: h.window.id } })).booked).toBe(0);

  // Billing records stay, with no name or card in them.
  expect(await db.statement.count({ where: { accountId } })).toBe(1);
  expect(await db.statementLine.count({ where: { statement: { accountId } } })).toBe(1);
  expect(await db.accountCharge.count({ where: { accountId } })).toBe(1);
  expect(await db.outageCredit.count({ where: { accountId } })).toBe(1);
  expect(await db.payment.findMany({ where: { accountId } })).toEqual([
    expect.objectContaining({
      amountCents: 5000,
      methodId: null,
      methodBrand: "redacted",
      methodLast4: "XXXX",
      createdById: null,
    }),
  ]);
  expect(await db.paymentArrangement.findMany({ where: { accountId } })).toEqual([
    expect.objectContaining({ amountCents: 2500, createdById: null }),
  ]);

  // The security log keeps what happened, not who or from where.
  const ownEvents = await db.auditEvent.findMany({
    where: { OR: [{ accountId, actorUserId: null }, { target: h.owner.email }] },
  });
  expect(ownEvents.filter((e) => e.accountId === accountId).length).toBeGreaterThanOrEqual(2);
  for (const event of ownEvents.filter((e) => e.accountId === accountId)) {
    expect(event).toMatchObject({ actorUserId: null, ip: null, userAgent: null, target: null, details: null });
  }
  expect(await db.auditEvent.count({ where: { target: h.owner.email } })).toBe(0);

  // Privacy records stay (§7101): the requests and the opt-outs.
  expect(await db.privacyRequest.count({ where: { accountId } })).toBe(2);
  expect(await db.privacyUpload.count({ where: { requestId: h.request.id } })).toBe(1);
  expect(await db.privacySetting.count({ where: { OR: [{ userId: h.owner.id }, { accountId }] } })).toBe(2);
  expect(await db.privacySettingChange.count({ where: { setting: { accountId } } })).toBe(1);

  // The other member keeps their login and everything that is theirs alone.
  expect(await db.user.findUnique({ where: { id: h.member.id } })).not.toBeNull();
  expect(await db.deviceSession.count({ where: { userId: h.member.id } })).toBe(1);
  expect(await db.notification.count({ where: { userId: h.member.id } })).toBe(1);
  expect(await db.privacySetting.count({ where: { userId: h.member.id } })).toBe(1);
  expect(await db.auditEvent.findFirst({ where: { actorUserId: h.member.id } })).toMatchObject({ ip: "203.0.113.9" });
}

describe("eraseSubject", () => {
  it("erases the account holder, keeps the billing and privacy records pseudonymised, and touches no one else", async () => {
    const mine = await household("Ada");
    const theirs = await household("Bea");
    const before = await snapshot(theirs.keys);

    const report = await eraseSubject(db, { requestId: mine.request.id, subject: mine.subject, now });

    await expectOwnerErased(mine);
    expect(await snapshot(theirs.keys)).toEqual(before);
    expect(report.erased).toMatchObject({
      User: 1,
      DeviceSession: 1,
      Membership: 2,
      Profile: 2,
      RecordingRule: 2,
      Recording: 2,
      OutboxMessage: 2,
      VerificationToken: 2,
      PrivacyExport: 1,
    });
    expect(report.deidentified).toMatchObject({ ServiceAccount: 1, Payment: 1, PaymentArrangement: 1 });
    expect(report.deidentified.AuditEvent).toBe(3);
    expect(report.kept).toEqual(
      expect.arrayContaining([
        { model: "Statement", basis: "billing_records" },
        { model: "StatementLine", basis: "billing_records" },
        { model: "PrivacyRequest", basis: "privacy_records" },
        { model: "PrivacySetting", basis: "privacy_records" },
      ]),
    );
    const progress = await progressOf(mine.request.id);
    expect(progress.done).toEqual(PRIVACY_INVENTORY.map((e) => e.model));
    expect(progress.report).toEqual(report);
    expect(progress.keys).toBeUndefined();
  });

  it("resumes after a crash where it stopped, with the same result, and changes nothing when run again", async () => {
    const crashed = await household("Cy");
    const clean = await household("Dee");
    const cleanReport = await eraseSubject(db, { requestId: clean.request.id, subject: clean.subject, now });

    const steps: string[] = [];
    const crashAfterThree = (model: string) => {
      steps.push(model);
      if (steps.length === 3) throw new Error("worker died");
    };
    await expect(
      eraseSubject(db, { requestId: crashed.request.id, subject: crashed.subject, now, afterEntry: crashAfterThree }),
    ).rejects.toThrow("worker died");
    const partial = await progressOf(crashed.request.id);
    expect(partial.done).toEqual(PRIVACY_INVENTORY.slice(0, 3).map((e) => e.model));
    expect(partial.keys?.email).toBe(crashed.owner.email);
    expect(await db.user.findUnique({ where: { id: crashed.owner.id } })).not.toBeNull();

    const resumed: string[] = [];
    const report = await eraseSubject(db, {
      requestId: crashed.request.id,
      subject: crashed.subject,
      now,
      afterEntry: (model) => void resumed.push(model),
    });
    expect(resumed).toEqual(PRIVACY_INVENTORY.slice(3).map((e) => e.model));
    expect(report).toEqual(cleanReport);
    await expectOwnerErased(crashed);

    const after = await snapshot(crashed.keys);
    const again: string[] = [];
    const repeat = await eraseSubject(db, {
      requestId: crashed.request.id,
      subject: crashed.subject,
      now,
      afterEntry: (model) => void again.push(model),
    });
    expect(again).toEqual([]);
    expect(repeat).toEqual(report);
    expect(await snapshot(crashed.keys)).toEqual(after);
  });

  it("erases only a member's own data", async () => {
    const h = await household("Eve");
    const request = await privacyRequest(h.member.id, h.account.id, "DELETE");
    const subject: PrivacySubject = { userId: h.member.id, accountId: h.account.id, accountRole: "MEMBER" };
    const owner = await snapshot(h.keys);

    const report = await eraseSubject(db, { requestId: request.id, subject, now });

    expect(await db.user.findUnique({ where: { id: h.member.id } })).toBeNull();
    expect(await db.profile.findUnique({ where: { id: h.memberProfile.id } })).toBeNull();
    expect(await db.recordingRule.count({ where: { profileId: h.memberProfile.id } })).toBe(0);
    expect(await db.recording.count({ where: { profileId: h.memberProfile.id } })).toBe(0);
    expect(report.erased).toMatchObject({ User: 1, Membership: 1, Profile: 1, RecordingRule: 1, Recording: 1 });
    expect(report.erased.ServiceAccount).toBeUndefined();
    expect(report.deidentified.ServiceAccount).toBeUndefined();

    // The holder's and the household's rows are as they were.
    const after = await snapshot(h.keys);
    for (const model of [
      "ServiceAccount",
      "Payment",
      "Subscription",
      "DvrFolder",
      "User",
      "DeviceSession",
      "Notification",
    ]) {
      expect(after[model], model).toEqual(owner[model]);
    }
    expect(await db.membership.count({ where: { accountId: h.account.id } })).toBe(1);
    expect(await db.recordingRule.count({ where: { profileId: h.profile.id } })).toBe(1);
  });
});
