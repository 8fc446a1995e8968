import { describe, expect, it } from "vitest";
import {
  type AuditEventInput,
  bucketStart,
  DAY,
  evaluateAnomalyRules,
  FAILED_SIGN_IN_ACCOUNT_THRESHOLD,
  FAILED_SIGN_IN_IP_THRESHOLD,
  failedSignInBurstByAccount,
  failedSignInBurstByIp,
  HOUR,
  MANY_IPS_THRESHOLD,
  manyIps,
  manyPasswordResets,
  MINUTE,
  newDeviceThenChange,
  PASSWORD_RESET_THRESHOLD,
  scanReadStart,
} from "./anomaly-rules.ts";

const USER = "0190a000-0000-7000-8000-000000000001";
const OTHER = "0190a000-0000-7000-8000-000000000002";
const ACCOUNT = "0190a000-0000-7000-8000-0000000000aa";
/** The start of a 15-minute, hour and day bucket alike. */
const T0 = new Date("2026-03-10T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

let nextId = 0;
function event(fields: Partial<AuditEventInput>): AuditEventInput {
  nextId += 1;
  return {
    id: BigInt(nextId),
    action: "identity.sign_in",
    outcome: "SUCCESS",
    accountId: null,
    actorUserId: null,
    target: null,
    ip: "198.51.100.7",
    userAgent: "Mozilla/5.0",
    occurredAt: T0,
    details: null,
    ...fields,
  };
}

const wrongPassword = (occurredAt: Date, fields: Partial<AuditEventInput> = {}) =>
  event({
    outcome: "FAILURE",
    actorUserId: USER,
    accountId: ACCOUNT,
    target: "victim@example.com",
    occurredAt,
    details: { reason: "wrong_password" },
    ...fields,
  });

const times = (count: number, make: (i: number) => AuditEventInput) => Array.from({ length: count }, (_, i) => make(i));

describe("failed_sign_in_burst_account", () => {
  it.each([
    { count: FAILED_SIGN_IN_ACCOUNT_THRESHOLD - 1, flagged: false },
    { count: FAILED_SIGN_IN_ACCOUNT_THRESHOLD, flagged: true },
    { count: FAILED_SIGN_IN_ACCOUNT_THRESHOLD + 5, flagged: true },
  ])("$count failures in one window → flagged: $flagged", ({ count, flagged }) => {
    const flags = failedSignInBurstByAccount(times(count, (i) => wrongPassword(at(i * 30_000))));
    expect(flags).toHaveLength(flagged ? 1 : 0);
    if (flagged) {
      expect(flags[0]).toMatchObject({
        rule: "failed_sign_in_burst_account",
        subjectKey: `user:${USER}`,
        userId: USER,
        accountId: ACCOUNT,
        ip: "198.51.100.7",
        windowStart: T0,
        firstSeenAt: T0,
        lastSeenAt: at((count - 1) * 30_000),
        eventCount: count,
        severity: 2,
      });
      expect(flags[0]!.details.reasons).toEqual({ wrong_password: count });
    }
  });

  it("counts within fixed 15-minute buckets: a burst split across a boundary is two halves", () => {
    const events = times(FAILED_SIGN_IN_ACCOUNT_THRESHOLD, (i) => wrongPassword(at(10 * MINUTE + i * MINUTE)));
    expect(failedSignInBurstByAccount(events)).toHaveLength(0);
    const inside = times(FAILED_SIGN_IN_ACCOUNT_THRESHOLD, (i) => wrongPassword(at(15 * MINUTE + i * MINUTE)));
    expect(failedSignInBurstByAccount(inside)[0]?.windowStart).toEqual(at(15 * MINUTE));
  });

  it("puts throttled attempts, which name only the email, on the same user", () => {
    const events = [
      ...times(6, (i) => wrongPassword(at(i * 1000))),
      ...times(4, (i) =>
        wrongPassword(at(10_000 + i * 1000), {
          actorUserId: null,
          accountId: null,
          target: "Victim@Example.com",
          details: { reason: "throttled" },
        }),
      ),
    ];
    const [flag] = failedSignInBurstByAccount(events);
    expect(flag).toMatchObject({ subjectKey: `user:${USER}`, eventCount: 10, accountId: ACCOUNT });
    expect(flag!.details.reasons).toEqual({ wrong_password: 6, throttled: 4 });
  });

  it("flags an email without an account under the email, and ignores successes and other users", () => {
    const unknown = times(10, (i) =>
      wrongPassword(at(i * 1000), { actorUserId: null, accountId: null, target: "nobody@example.com" }),
    );
    const noise = [
      ...times(9, (i) => wrongPassword(at(i * 1000), { actorUserId: OTHER, target: "other@example.com" })),
      ...times(5, (i) => event({ actorUserId: USER, occurredAt: at(i * 1000) })),
    ];
    const flags = failedSignInBurstByAccount([...unknown, ...noise]);
    expect(flags.map((f) => f.subjectKey)).toEqual(["email:nobody@example.com"]);
    expect(flags[0]!.userId).toBeNull();
  });

  it("rates twice the threshold as high severity", () => {
    const [flag] = failedSignInBurstByAccount(times(20, (i) => wrongPassword(at(i * 1000))));
    expect(flag!.severity).toBe(3);
  });
});

describe("failed_sign_in_burst_ip", () => {
  const stuffing = (count: number, ip = "203.0.113.9", start = 0) =>
    times(count, (i) =>
      wrongPassword(at(start + i * 20_000), {
        actorUserId: null,
        accountId: null,
        target: `person${i}@example.com`,
        ip,
        details: { reason: "unknown_email" },
      }),
    );

  it.each([
    { count: FAILED_SIGN_IN_IP_THRESHOLD - 1, flagged: false },
    { count: FAILED_SIGN_IN_IP_THRESHOLD, flagged: true },
  ])("$count failures from one address → flagged: $flagged", ({ count, flagged }) => {
    const flags = failedSignInBurstByIp(stuffing(count));
    expect(flags).toHaveLength(flagged ? 1 : 0);
    if (flagged) {
      expect(flags[0]).toMatchObject({
        subjectKey: "ip:203.0.113.9",
        ip: "203.0.113.9",
        accountId: null,
        eventCount: count,
        windowStart: T0,
        severity: 3,
      });
      expect(flags[0]!.details.emailsTried).toBe(count);
    }
  });

  it("keeps addresses apart and ignores failures with no address", () => {
    const events = [...stuffing(10, "203.0.113.1"), ...stuffing(10, "203.0.113.2"), ...stuffing(20, "")];
    expect(failedSignInBurstByIp(events.map((e) => (e.ip === "" ? { ...e, ip: null } : e)))).toHaveLength(0);
  });

  it("uses the 15-minute bucket the failures fall in", () => {
    const [flag] = failedSignInBurstByIp(stuffing(20, "203.0.113.9", 31 * MINUTE));
    expect(flag!.windowStart).toEqual(at(30 * MINUTE));
  });
});

describe("new_device_then_change", () => {
  const newDevice = (occurredAt: Date, userId = USER) =>
    event({ actorUserId: userId, accountId: ACCOUNT, occurredAt, details: { mfa: false, newDevice: true } });
  const change = (action: string, occurredAt: Date, userId = USER) =>
    event({ action, actorUserId: userId, accountId: ACCOUNT, occurredAt });

  it.each([
    { action: "identity.password_change", after: 5 * MINUTE, flagged: true },
    { action: "identity.email_change_request", after: HOUR, flagged: true },
    { action: "identity.two_factor_disable", after: 23 * HOUR, flagged: true },
    { action: "billing.method_add", after: DAY, flagged: true },
    { action: "identity.password_change", after: DAY + 1, flagged: false },
    { action: "identity.password_change", after: -MINUTE, flagged: false },
    { action: "dvr.rule.created", after: MINUTE, flagged: false },
  ])("$action $after ms after a new-device sign-in → flagged: $flagged", ({ action, after, flagged }) => {
    const signInAt = at(2 * HOUR);
    const flags = newDeviceThenChange([newDevice(signInAt), change(action, new Date(signInAt.getTime() + after))]);
    expect(flags).toHaveLength(flagged ? 1 : 0);
    if (flagged) {
      expect(flags[0]).toMatchObject({
        rule: "new_device_then_change",
        subjectKey: `user:${USER}`,
        accountId: ACCOUNT,
        windowStart: T0,
        firstSeenAt: signInAt,
        lastSeenAt: new Date(signInAt.getTime() + after),
        eventCount: 2,
        severity: 3,
      });
      expect(flags[0]!.details.changes).toEqual([action]);
    }
  });

  it("needs the sign-in to be from a new device, the change by the same user, and both successful", () => {
    const known = event({ actorUserId: USER, occurredAt: at(HOUR), details: { mfa: false, newDevice: false } });
    expect(newDeviceThenChange([known, change("identity.password_change", at(2 * HOUR))])).toHaveLength(0);
    expect(
      newDeviceThenChange([newDevice(at(HOUR)), change("identity.password_change", at(2 * HOUR), OTHER)]),
    ).toHaveLength(0);
    const failed = { ...change("billing.method_add", at(2 * HOUR)), outcome: "FAILURE" as const };
    expect(newDeviceThenChange([newDevice(at(HOUR)), failed])).toHaveLength(0);
  });

  it("makes one flag per user and day, counting each change once", () => {
    const flags = newDeviceThenChange([
      newDevice(at(HOUR)),
      newDevice(at(3 * HOUR)),
      change("identity.password_change", at(4 * HOUR)),
      change("identity.two_factor_disable", at(5 * HOUR)),
    ]);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ eventCount: 4, firstSeenAt: at(HOUR), lastSeenAt: at(5 * HOUR) });
    expect(flags[0]!.details.newDeviceSignIns).toBe(2);
  });
});

describe("many_password_resets", () => {
  const reset = (occurredAt: Date, fields: Partial<AuditEventInput> = {}) =>
    event({ action: "identity.password_reset_request", actorUserId: USER, occurredAt, ...fields });

  it.each([
    { count: PASSWORD_RESET_THRESHOLD - 1, flagged: false },
    { count: PASSWORD_RESET_THRESHOLD, flagged: true },
  ])("$count requests in one day → flagged: $flagged", ({ count, flagged }) => {
    const flags = manyPasswordResets(times(count, (i) => reset(at(i * 6 * HOUR))));
    expect(flags).toHaveLength(flagged ? 1 : 0);
    if (flagged) {
      expect(flags[0]).toMatchObject({
        rule: "many_password_resets",
        subjectKey: `user:${USER}`,
        windowStart: T0,
        eventCount: count,
        severity: 1,
      });
    }
  });

  it("counts per calendar day (UTC) and flags unknown emails by the email", () => {
    const split = [reset(at(22 * HOUR)), reset(at(23 * HOUR)), reset(at(25 * HOUR))];
    expect(manyPasswordResets(split)).toHaveLength(0);
    const unknown = times(3, (i) =>
      reset(at(i * HOUR), { actorUserId: null, outcome: "FAILURE", target: "ghost@example.com" }),
    );
    expect(manyPasswordResets(unknown)[0]).toMatchObject({ subjectKey: "email:ghost@example.com", userId: null });
  });
});

describe("many_ips", () => {
  const signIn = (ip: string, occurredAt: Date, fields: Partial<AuditEventInput> = {}) =>
    event({
      actorUserId: USER,
      accountId: ACCOUNT,
      ip,
      occurredAt,
      details: { mfa: false, newDevice: false },
      ...fields,
    });

  it.each([
    { ips: MANY_IPS_THRESHOLD - 1, flagged: false },
    { ips: MANY_IPS_THRESHOLD, flagged: true },
  ])("$ips distinct addresses in an hour → flagged: $flagged", ({ ips, flagged }) => {
    const events = [
      ...times(ips, (i) => signIn(`192.0.2.${i + 1}`, at(i * 5 * MINUTE))),
      signIn("192.0.2.1", at(50 * MINUTE)),
    ];
    const flags = manyIps(events);
    expect(flags).toHaveLength(flagged ? 1 : 0);
    if (flagged) {
      expect(flags[0]).toMatchObject({
        rule: "many_ips",
        subjectKey: `user:${USER}`,
        accountId: ACCOUNT,
        windowStart: T0,
        eventCount: ips + 1,
      });
      expect(flags[0]!.details.distinctIps).toBe(ips);
    }
  });

  it("ignores failures, and addresses spread over two hours", () => {
    const failures = times(5, (i) => signIn(`192.0.2.${i + 1}`, at(i * MINUTE), { outcome: "FAILURE" }));
    expect(manyIps(failures)).toHaveLength(0);
    const spread = times(5, (i) => signIn(`192.0.2.${i + 1}`, at(40 * MINUTE + i * 10 * MINUTE)));
    expect(manyIps(spread)).toHaveLength(0);
  });
});

describe("the rules together", () => {
  it("give the same flags when run twice over the same events", () => {
    const events = times(12, (i) => wrongPassword(at(HOUR + i * 10_000)));
    expect(evaluateAnomalyRules(events)).toEqual(evaluateAnomalyRules([...events].reverse()));
    expect(evaluateAnomalyRules(events)).toHaveLength(1);
  });

  it("reads back far enough to see whole buckets and a day of new-device sign-ins", () => {
    const since = new Date("2026-03-10T10:07:00.000Z");
    const start = scanReadStart(since);
    expect(start.failedSignIns).toEqual(new Date("2026-03-10T10:00:00.000Z"));
    expect(start.successfulSignIns).toEqual(new Date("2026-03-10T10:00:00.000Z"));
    expect(start.resets).toEqual(new Date("2026-03-10T00:00:00.000Z"));
    expect(start.newDeviceSignIns).toEqual(new Date("2026-03-09T00:00:00.000Z"));
    expect(bucketStart(since, 15 * MINUTE)).toEqual(start.failedSignIns);
  });
});
