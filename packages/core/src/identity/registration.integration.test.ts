import { randomBytes, randomInt } from "node:crypto";
import { createAccount, createHousehold, createUser } from "@homeport/db/factories";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { RequestContext } from "../audit/record-audit-event.ts";
import { createTestContext } from "../testing/test-context.ts";
import { IdentityError } from "./errors.ts";
import {
  completeRegistration,
  startRegistration,
  verifyRegistrationCode,
  ZCompleteRegistration,
  ZStartRegistration,
} from "./registration.ts";
import { resolveSession } from "./resolve-session.ts";
import { signIn } from "./sign-in.ts";

const ctx = createTestContext(inject("databaseUrl"));
const db = ctx.db;
afterAll(() => db.$disconnect());
beforeEach(() => ctx.setNow(new Date()));

/** All files share one database for the run: everything here is made unique per test. */
const tag = randomBytes(4).toString("hex");
const emailFor = (name: string) => `reg-${name}-${tag}@example.com`;
const accountNumber = () => `${randomInt(10_000_000, 100_000_000)}${randomInt(10_000_000, 100_000_000)}`;
const phone = () => `+1916${randomInt(1_000_000, 10_000_000)}`;
/** A request from an address of its own, so the per-IP registration throttle of one test never touches another. */
const freshRequest = (): RequestContext => ({
  ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
});
const PASSWORD = "a fresh registration passphrase";

/** What the registration form posts, parsed as the web layer does. */
function startInput(account: { accountNumber: string; zip: string }, channel: "SMS" | "EMAIL" = "SMS") {
  return ZStartRegistration.parse({ accountNumber: account.accountNumber, zip: account.zip.slice(0, 5), channel });
}

function completeInput(fields: {
  registrationId: string;
  completion: string;
  email: string;
  name?: string;
  password?: string;
}) {
  return ZCompleteRegistration.parse({ name: "Rosalind Franklin", password: PASSWORD, ...fields });
}

/** The newest captured message to a recipient. */
async function lastMessageTo(recipient: string) {
  return db.outboxMessage.findFirstOrThrow({ where: { recipient }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

const codeIn = (body: string) => /\b(\d{6})\b/.exec(body)![1]!;
const otherCode = (code: string) => (code === "000000" ? "111111" : "000000");

/** An account with no online login yet, its phone (and optionally email) on file unique to the test. */
async function newAccount(fields: { zip?: string; emailOnFile?: string | null; phoneOnFile?: string | null } = {}) {
  return createAccount(db, { accountNumber: accountNumber(), phoneOnFile: phone(), ...fields });
}

/** Starts a registration by SMS and reads the code from the captured text. */
async function started(request = freshRequest()) {
  const account = await newAccount();
  const result = await startRegistration(ctx, startInput(account), request);
  const code = codeIn((await lastMessageTo(account.phoneOnFile!)).body);
  return { account, request, code, ...result };
}

/** A registration whose code was accepted: what the last step needs. */
async function verified() {
  const start = await started();
  const { completion } = await verifyRegistrationCode(
    ctx,
    { registrationId: start.registrationId, code: start.code },
    start.request,
  );
  return { ...start, completion };
}

describe("starting a registration", () => {
  it("refuses an unknown account or a wrong ZIP alike, and audits the failure", async () => {
    const request = freshRequest();
    const account = await newAccount({ zip: "95816" });
    const unknown = accountNumber();
    await expect(startRegistration(ctx, startInput({ accountNumber: unknown, zip: "95816" }), request)).rejects.toEqual(
      new IdentityError("ACCOUNT_NOT_FOUND"),
    );
    await expect(
      startRegistration(ctx, startInput({ accountNumber: account.accountNumber, zip: "95817" }), request),
    ).rejects.toEqual(new IdentityError("ACCOUNT_NOT_FOUND"));

    const failures = await db.auditEvent.findMany({
      where: { action: "identity.register_start", ip: request.ip },
      orderBy: { id: "asc" },
    });
    expect(failures.map((f) => [f.outcome, f.target, f.details])).toEqual([
      ["FAILURE", unknown.slice(-4), { reason: "unknown_account" }],
      ["FAILURE", account.accountNumber.slice(-4), { reason: "zip_mismatch" }],
    ]);
    // Nothing was sent and no registration exists.
    expect(await db.outboxMessage.count({ where: { recipient: account.phoneOnFile! } })).toBe(0);
    expect(await db.verificationToken.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("refuses a closed account as if it did not exist", async () => {
    const account = await newAccount();
    await db.serviceAccount.update({ where: { id: account.id }, data: { status: "CLOSED" } });
    await expect(startRegistration(ctx, startInput(account), freshRequest())).rejects.toMatchObject({
      code: "ACCOUNT_NOT_FOUND",
    });
  });

  it("accepts a ZIP+4, a ZIP+4 on file, and an account number typed with spaces or dashes", async () => {
    const plain = await newAccount({ zip: "95816" });
    const typed = ZStartRegistration.parse({
      accountNumber: plain.accountNumber.replace(/(\d{4})(?=\d)/g, "$1 "),
      zip: " 95816-1234 ",
      channel: "SMS",
    });
    expect(typed).toEqual({ accountNumber: plain.accountNumber, zip: "95816", channel: "SMS" });
    expect((await startRegistration(ctx, typed, freshRequest())).registrationId).toBeTruthy();

    const plusFour = await newAccount({ zip: "95816-0042" });
    const dashed = ZStartRegistration.parse({
      accountNumber: plusFour.accountNumber.replace(/(\d{4})(?=\d)/g, "$1-"),
      zip: "95816",
    });
    expect(dashed.channel).toBe("SMS");
    expect((await startRegistration(ctx, dashed, freshRequest())).registrationId).toBeTruthy();

    expect(ZStartRegistration.safeParse({ accountNumber: "1234", zip: "95816" }).success).toBe(false);
    expect(ZStartRegistration.safeParse({ accountNumber: plain.accountNumber, zip: "9581" }).success).toBe(false);
  });

  it("refuses an account that already has an online owner", async () => {
    const { account } = await createHousehold(db, {
      account: { accountNumber: accountNumber(), phoneOnFile: phone() },
      owner: { email: emailFor("owned") },
    });
    await expect(startRegistration(ctx, startInput(account), freshRequest())).rejects.toEqual(
      new IdentityError("ALREADY_REGISTERED"),
    );
    expect(await db.outboxMessage.count({ where: { recipient: account.phoneOnFile! } })).toBe(0);
  });

  it("refuses a channel with no contact on file", async () => {
    const noEmail = await newAccount({ emailOnFile: null });
    await expect(startRegistration(ctx, startInput(noEmail, "EMAIL"), freshRequest())).rejects.toEqual(
      new IdentityError("NO_CONTACT_ON_FILE"),
    );
    const noPhone = await newAccount({ phoneOnFile: null, emailOnFile: emailFor("onfile-only") });
    await expect(startRegistration(ctx, startInput(noPhone, "SMS"), freshRequest())).rejects.toEqual(
      new IdentityError("NO_CONTACT_ON_FILE"),
    );
    expect(await db.verificationToken.count({ where: { accountId: { in: [noEmail.id, noPhone.id] } } })).toBe(0);
  });

  it("texts a code to the phone on file and shows only its last four digits", async () => {
    const request = freshRequest();
    const account = await newAccount();
    const result = await startRegistration(ctx, startInput(account, "SMS"), request);
    expect(result).toEqual({
      registrationId: expect.any(String),
      channel: "SMS",
      maskedDestination: `•••-•••-${account.phoneOnFile!.slice(-4)}`,
    });

    const sms = await lastMessageTo(account.phoneOnFile!);
    expect(sms).toMatchObject({ channel: "SMS", status: "CAPTURED", subject: null });
    expect(sms.body).toMatch(/^\d{6} is your .+ code/);

    // Only a hash of the code is stored.
    const token = await db.verificationToken.findUniqueOrThrow({ where: { id: result.registrationId } });
    expect(token).toMatchObject({ purpose: "REGISTRATION", accountId: account.id, attempts: 0, consumedAt: null });
    expect(JSON.stringify(token.data)).not.toContain(codeIn(sms.body));
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "identity.register_start", accountId: account.id } }),
    ).toMatchObject({ outcome: "SUCCESS", ip: request.ip, details: { channel: "SMS" } });
  });

  it("emails a code to the email on file when asked to", async () => {
    const onFile = emailFor("onfile");
    const account = await newAccount({ emailOnFile: onFile });
    const result = await startRegistration(ctx, startInput(account, "EMAIL"), freshRequest());
    expect(result.maskedDestination).toBe("r•••@example.com");
    const mail = await lastMessageTo(onFile);
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED", subject: expect.stringContaining("code") });
    expect(mail.body).toMatch(/\b\d{6}\b/);
    expect(await db.outboxMessage.count({ where: { recipient: account.phoneOnFile! } })).toBe(0);
  });

  it("throttles registration attempts per IP: after 10 failed starts the 11th waits", async () => {
    const request = freshRequest();
    const account = await newAccount();
    for (let i = 0; i < 10; i += 1) {
      await expect(
        startRegistration(ctx, startInput({ accountNumber: accountNumber(), zip: "95816" }), request),
      ).rejects.toMatchObject({ code: "ACCOUNT_NOT_FOUND" });
    }
    // Blocked now, even for a real account with the right ZIP.
    await expect(startRegistration(ctx, startInput(account), request)).rejects.toEqual(new IdentityError("THROTTLED"));
    expect(await db.outboxMessage.count({ where: { recipient: account.phoneOnFile! } })).toBe(0);
    // Another address is not affected, and the wait is a minute, not a lock.
    expect((await startRegistration(ctx, startInput(account), freshRequest())).registrationId).toBeTruthy();
    ctx.advance(61_000);
    expect((await startRegistration(ctx, startInput(account), request)).registrationId).toBeTruthy();
  });
});

describe("checking the code", () => {
  it("refuses a wrong code; after 5 attempts even the right code is refused", async () => {
    const { registrationId, code, request, account } = await started();
    const wrong = otherCode(code);
    for (let i = 0; i < 4; i += 1) {
      await expect(verifyRegistrationCode(ctx, { registrationId, code: wrong }, request)).rejects.toEqual(
        new IdentityError("INVALID_CODE"),
      );
    }
    // The fifth wrong attempt ends the registration.
    await expect(verifyRegistrationCode(ctx, { registrationId, code: wrong }, request)).rejects.toEqual(
      new IdentityError("CODE_EXPIRED"),
    );
    await expect(verifyRegistrationCode(ctx, { registrationId, code }, request)).rejects.toEqual(
      new IdentityError("CODE_EXPIRED"),
    );
    expect(await db.verificationToken.findUniqueOrThrow({ where: { id: registrationId } })).toMatchObject({
      attempts: 5,
    });
    expect(
      await db.auditEvent.count({
        where: { action: "identity.register_code", outcome: "FAILURE", accountId: account.id },
      }),
    ).toBe(5);
  });

  it("accepts the right code after a few wrong ones, with spaces typed in it", async () => {
    const { registrationId, code, request } = await started();
    await expect(verifyRegistrationCode(ctx, { registrationId, code: otherCode(code) }, request)).rejects.toEqual(
      new IdentityError("INVALID_CODE"),
    );
    const { completion } = await verifyRegistrationCode(
      ctx,
      { registrationId, code: `${code.slice(0, 3)} ${code.slice(3)}` },
      request,
    );
    expect(completion.length).toBeGreaterThanOrEqual(40);
    // Only a digest of the completion secret is kept.
    const token = await db.verificationToken.findUniqueOrThrow({ where: { id: registrationId } });
    expect(JSON.stringify(token.data)).not.toContain(completion);
  });

  it("expires after 15 minutes", async () => {
    const { registrationId, code, request } = await started();
    ctx.advance(15 * 60_000);
    await expect(verifyRegistrationCode(ctx, { registrationId, code }, request)).rejects.toEqual(
      new IdentityError("CODE_EXPIRED"),
    );
  });

  it("does not know a registration id that was never issued", async () => {
    const { registrationId, code, request } = await started();
    const stranger = registrationId.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    await expect(verifyRegistrationCode(ctx, { registrationId: stranger, code }, request)).rejects.toEqual(
      new IdentityError("CODE_EXPIRED"),
    );
  });
});

describe("completing a registration", () => {
  it("needs the completion secret from the code step", async () => {
    const unverified = await started();
    await expect(
      completeRegistration(
        ctx,
        completeInput({
          registrationId: unverified.registrationId,
          completion: randomBytes(32).toString("base64url"),
          email: emailFor("nosecret"),
        }),
        unverified.request,
      ),
    ).rejects.toEqual(new IdentityError("CODE_EXPIRED"));

    const { registrationId, completion, request } = await verified();
    await expect(
      completeRegistration(
        ctx,
        completeInput({
          registrationId,
          completion: completion.replace(/^./, (c) => (c === "A" ? "B" : "A")),
          email: emailFor("wrongsecret"),
        }),
        request,
      ),
    ).rejects.toEqual(new IdentityError("CODE_EXPIRED"));
    expect(await db.user.count({ where: { email: { in: [emailFor("nosecret"), emailFor("wrongsecret")] } } })).toBe(0);
  });

  it("expires 15 minutes after the start, even with the code checked", async () => {
    const { registrationId, completion, request } = await verified();
    ctx.advance(15 * 60_000);
    await expect(
      completeRegistration(ctx, completeInput({ registrationId, completion, email: emailFor("late") }), request),
    ).rejects.toEqual(new IdentityError("CODE_EXPIRED"));
  });

  it("refuses a weak password and an email that already has a login, and the secret still works after", async () => {
    const { registrationId, completion, request, account } = await verified();
    const email = emailFor("weak");
    for (const [password, problem] of [
      ["short", "too_short"],
      ["password123", "common"],
      [`reg-weak-${tag}`, "matches_email"],
    ] as const) {
      const error = await completeRegistration(
        ctx,
        completeInput({ registrationId, completion, email, password }),
        request,
      ).catch((e: unknown) => e);
      expect(error, password).toBeInstanceOf(IdentityError);
      expect(error, password).toMatchObject({ code: "WEAK_PASSWORD", detail: { problem, minLength: 8 } });
    }

    const taken = await createUser(db, { email: emailFor("taken") });
    await expect(
      completeRegistration(
        ctx,
        completeInput({ registrationId, completion, email: taken.email.toUpperCase() }),
        request,
      ),
    ).rejects.toEqual(new IdentityError("EMAIL_TAKEN"));
    expect(await db.membership.count({ where: { accountId: account.id } })).toBe(0);

    const { userId } = await completeRegistration(ctx, completeInput({ registrationId, completion, email }), request);
    expect(userId).toBeTruthy();
  });

  it("creates the owner with a profile, consumes the registration, audits and sends a verification email", async () => {
    const { registrationId, completion, request, account } = await verified();
    const email = emailFor("done");
    const input = completeInput({ registrationId, completion, email: `  ${email.toUpperCase()} ` });
    expect(input.email).toBe(email);
    const { userId } = await completeRegistration(ctx, input, request);

    const user = await db.user.findUniqueOrThrow({
      where: { id: userId },
      include: { memberships: true, profiles: true },
    });
    expect(user).toMatchObject({
      email,
      name: "Rosalind Franklin",
      emailVerifiedAt: null,
      passwordChangedAt: ctx.now(),
      disabledAt: null,
      staffRole: null,
    });
    expect(user.memberships.map((m) => [m.accountId, m.role])).toEqual([[account.id, "OWNER"]]);
    expect(user.profiles.map((p) => [p.accountId, p.name])).toEqual([[account.id, "Rosalind"]]);

    expect(await db.verificationToken.findUniqueOrThrow({ where: { id: registrationId } })).toMatchObject({
      consumedAt: ctx.now(),
    });
    // The registration works once.
    await expect(
      completeRegistration(ctx, completeInput({ registrationId, completion, email: emailFor("again") }), request),
    ).rejects.toEqual(new IdentityError("CODE_EXPIRED"));
    await expect(verifyRegistrationCode(ctx, { registrationId, code: "123456" }, request)).rejects.toEqual(
      new IdentityError("CODE_EXPIRED"),
    );
    expect(await db.membership.count({ where: { accountId: account.id } })).toBe(1);

    expect(
      await db.auditEvent.findFirstOrThrow({ where: { action: "identity.register", accountId: account.id } }),
    ).toMatchObject({ outcome: "SUCCESS", actorUserId: userId, ip: request.ip });

    const mail = await lastMessageTo(email);
    expect(mail).toMatchObject({ channel: "EMAIL", status: "CAPTURED" });
    expect(mail.body).toContain("Hi Rosalind");
    expect(mail.body).toMatch(/http:\/\/portal\.test\/verify-email\/[A-Za-z0-9_-]{43}/);
    expect(
      await db.verificationToken.count({ where: { purpose: "EMAIL_VERIFICATION", userId, email, consumedAt: null } }),
    ).toBe(1);

    // And a new registration for the account is refused from now on.
    await expect(startRegistration(ctx, startInput(account), freshRequest())).rejects.toMatchObject({
      code: "ALREADY_REGISTERED",
    });
  });

  it("lets the new owner sign in", async () => {
    const { registrationId, completion, request, account } = await verified();
    const email = emailFor("signin");
    const { userId } = await completeRegistration(ctx, completeInput({ registrationId, completion, email }), request);
    const { sessionId } = await signIn(ctx, { email, password: PASSWORD }, request);
    expect(await resolveSession(db, sessionId, ctx.now())).toMatchObject({
      id: userId,
      accountId: account.id,
      membershipRole: "OWNER",
      emailVerified: false,
    });
  });

  it("of two registrations for one account, only the first to finish becomes owner", async () => {
    const request = freshRequest();
    const account = await newAccount();
    const codes = [];
    for (let i = 0; i < 2; i += 1) {
      const { registrationId } = await startRegistration(ctx, startInput(account), request);
      const code = codeIn((await lastMessageTo(account.phoneOnFile!)).body);
      codes.push({ registrationId, ...(await verifyRegistrationCode(ctx, { registrationId, code }, request)) });
    }
    const [first, second] = codes;
    await completeRegistration(ctx, completeInput({ ...first!, email: emailFor("first") }), request);
    await expect(
      completeRegistration(ctx, completeInput({ ...second!, email: emailFor("second") }), request),
    ).rejects.toEqual(new IdentityError("ALREADY_REGISTERED"));
    expect(await db.user.count({ where: { email: emailFor("second") } })).toBe(0);
    expect(await db.membership.count({ where: { accountId: account.id } })).toBe(1);
  });
});
