/**
 * Pure rules over the audit log that pick out patterns worth a person's look: password guessing,
 * credential stuffing, account takeover after a new-device sign-in, reset-link flooding and a
 * session shared across many networks. No I/O: the scan job feeds them events and stores the flags.
 *
 * Every rule counts within fixed buckets (the window start is the time rounded down to the window
 * size), so scanning the same events twice yields the same (rule, subject, windowStart) and the
 * flag's unique key makes the store idempotent. The price is that a burst split across a bucket
 * boundary counts as two smaller ones; thresholds are set low enough for that to be acceptable.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Failed sign-ins for one user (by account or email) within one window: guessing at a password. */
export const FAILED_SIGN_IN_ACCOUNT_THRESHOLD = 10;
/** Failed sign-ins from one address across accounts within one window: credential stuffing. */
export const FAILED_SIGN_IN_IP_THRESHOLD = 20;
export const FAILED_SIGN_IN_WINDOW_MS = 15 * MINUTE;
/** How long after a new-device sign-in a security change counts as a takeover signal. */
export const NEW_DEVICE_FOLLOW_UP_MS = DAY;
export const PASSWORD_RESET_THRESHOLD = 3;
export const PASSWORD_RESET_WINDOW_MS = DAY;
export const MANY_IPS_THRESHOLD = 5;
export const MANY_IPS_WINDOW_MS = HOUR;

export const ANOMALY_RULES = [
  "failed_sign_in_burst_account",
  "failed_sign_in_burst_ip",
  "new_device_then_change",
  "many_password_resets",
  "many_ips",
] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

/** The window each rule counts in; the detail page shows the subject's events over it. */
export const RULE_WINDOW_MS: Record<AnomalyRule, number> = {
  failed_sign_in_burst_account: FAILED_SIGN_IN_WINDOW_MS,
  failed_sign_in_burst_ip: FAILED_SIGN_IN_WINDOW_MS,
  new_device_then_change: NEW_DEVICE_FOLLOW_UP_MS,
  many_password_resets: PASSWORD_RESET_WINDOW_MS,
  many_ips: MANY_IPS_WINDOW_MS,
};

/** The audit actions the rules read, as the identity and billing use cases write them. */
export const SIGN_IN_ACTION = "identity.sign_in";
export const PASSWORD_RESET_REQUEST_ACTION = "identity.password_reset_request";
/** Changes that hand an account to whoever makes them: credentials, the second factor, the way to pay. */
export const SECURITY_CHANGE_ACTIONS = [
  "identity.password_change",
  "identity.email_change_request",
  "identity.email_change",
  "identity.two_factor_enable",
  "identity.two_factor_disable",
  "identity.recovery_codes_regenerate",
  "billing.method_add",
  "billing.method_remove",
  "billing.method_default",
] as const;

/** Severity as staff read it: 1 low, 2 medium, 3 high. */
export type Severity = 1 | 2 | 3;

export interface AuditEventInput {
  id: bigint | number | string;
  action: string;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  accountId: string | null;
  actorUserId: string | null;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  occurredAt: Date;
  details: unknown;
}

export type AnomalyDetails = Record<string, string | number | boolean | string[] | Record<string, number>>;

export interface AnomalyCandidate {
  rule: AnomalyRule;
  subjectKey: string;
  accountId?: string | null;
  userId?: string | null;
  ip?: string | null;
  windowStart: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  eventCount: number;
  details: AnomalyDetails;
  severity: Severity;
}

export function bucketStart(at: Date, sizeMs: number): Date {
  return new Date(Math.floor(at.getTime() / sizeMs) * sizeMs);
}

function detailString(details: unknown, key: string): string | null {
  if (!details || typeof details !== "object" || Array.isArray(details)) return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}

function isNewDeviceSignIn(event: AuditEventInput): boolean {
  if (event.action !== SIGN_IN_ACTION || event.outcome !== "SUCCESS" || !event.actorUserId) return false;
  const details = event.details;
  return !!details && typeof details === "object" && (details as Record<string, unknown>).newDevice === true;
}

const isFailedSignIn = (event: AuditEventInput) => event.action === SIGN_IN_ACTION && event.outcome === "FAILURE";

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function span(events: readonly AuditEventInput[]): { firstSeenAt: Date; lastSeenAt: Date } {
  let first = events[0]!.occurredAt;
  let last = first;
  for (const event of events) {
    if (event.occurredAt < first) first = event.occurredAt;
    if (event.occurredAt > last) last = event.occurredAt;
  }
  return { firstSeenAt: first, lastSeenAt: last };
}

function tally(values: readonly (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value ?? "unknown"] = (counts[value ?? "unknown"] ?? 0) + 1;
  return counts;
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => !!value))].sort();
}

/** The most frequent non-null value, so a flag about a user carries the account it happened on. */
function mostCommon(values: readonly (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  for (const [value, count] of counts) if (best === null || count > counts.get(best)!) best = value;
  return best;
}

/**
 * Sign-in failures name the email typed (target); when the password was checked they also name
 * the user. A throttled attempt names only the email, so the email is mapped back to the user
 * seen with it, keeping one subject for one victim.
 */
function emailOwners(events: readonly AuditEventInput[]): Map<string, { userId: string; accountId: string | null }> {
  const owners = new Map<string, { userId: string; accountId: string | null }>();
  for (const event of events) {
    if (!isFailedSignIn(event) || !event.actorUserId || !event.target) continue;
    owners.set(event.target.toLowerCase(), { userId: event.actorUserId, accountId: event.accountId });
  }
  return owners;
}

/** ≥ 10 failures on one user in 15 min: someone is guessing that account's password (ASVS 2.2.1). */
export function failedSignInBurstByAccount(events: readonly AuditEventInput[]): AnomalyCandidate[] {
  const failures = events.filter(isFailedSignIn);
  const owners = emailOwners(failures);
  const subject = (event: AuditEventInput): string | null => {
    if (event.actorUserId) return `user:${event.actorUserId}`;
    if (!event.target) return null;
    const email = event.target.toLowerCase();
    const owner = owners.get(email);
    return owner ? `user:${owner.userId}` : `email:${email}`;
  };
  const out: AnomalyCandidate[] = [];
  const groups = groupBy(
    failures,
    (event) => `${subject(event)}|${bucketStart(event.occurredAt, FAILED_SIGN_IN_WINDOW_MS).toISOString()}`,
  );
  for (const [key, group] of groups) {
    if (group.length < FAILED_SIGN_IN_ACCOUNT_THRESHOLD) continue;
    const subjectKey = key.slice(0, key.lastIndexOf("|"));
    if (subjectKey === "null") continue;
    const userId = subjectKey.startsWith("user:") ? subjectKey.slice("user:".length) : null;
    const emails = distinct(group.map((event) => event.target?.toLowerCase() ?? null));
    const accountId =
      mostCommon(group.map((event) => event.accountId)) ??
      emails.map((email) => owners.get(email)?.accountId ?? null).find(Boolean) ??
      null;
    const ips = distinct(group.map((event) => event.ip));
    out.push({
      rule: "failed_sign_in_burst_account",
      subjectKey,
      accountId,
      userId,
      ip: ips.length === 1 ? ips[0] : null,
      windowStart: bucketStart(group[0]!.occurredAt, FAILED_SIGN_IN_WINDOW_MS),
      ...span(group),
      eventCount: group.length,
      details: {
        threshold: FAILED_SIGN_IN_ACCOUNT_THRESHOLD,
        windowMinutes: FAILED_SIGN_IN_WINDOW_MS / MINUTE,
        emails,
        ips,
        reasons: tally(group.map((event) => detailString(event.details, "reason"))),
      },
      severity: group.length >= 2 * FAILED_SIGN_IN_ACCOUNT_THRESHOLD ? 3 : 2,
    });
  }
  return out;
}

/** ≥ 20 failures from one address in 15 min, whichever accounts they aimed at: credential stuffing. */
export function failedSignInBurstByIp(events: readonly AuditEventInput[]): AnomalyCandidate[] {
  const out: AnomalyCandidate[] = [];
  const groups = groupBy(events.filter(isFailedSignIn), (event) =>
    event.ip ? `${event.ip}|${bucketStart(event.occurredAt, FAILED_SIGN_IN_WINDOW_MS).toISOString()}` : null,
  );
  for (const group of groups.values()) {
    if (group.length < FAILED_SIGN_IN_IP_THRESHOLD) continue;
    const ip = group[0]!.ip!;
    const targets = distinct(group.map((event) => event.target?.toLowerCase() ?? null));
    const accounts = distinct(group.map((event) => event.accountId));
    out.push({
      rule: "failed_sign_in_burst_ip",
      subjectKey: `ip:${ip}`,
      // One account hit from one address is still about that account; many are not about any.
      accountId: accounts.length === 1 ? accounts[0] : null,
      userId: null,
      ip,
      windowStart: bucketStart(group[0]!.occurredAt, FAILED_SIGN_IN_WINDOW_MS),
      ...span(group),
      eventCount: group.length,
      details: {
        threshold: FAILED_SIGN_IN_IP_THRESHOLD,
        windowMinutes: FAILED_SIGN_IN_WINDOW_MS / MINUTE,
        emailsTried: targets.length,
        accountsTried: accounts.length,
        reasons: tally(group.map((event) => detailString(event.details, "reason"))),
      },
      // Many different accounts from one place is the stuffing pattern, worse than one account.
      severity: targets.length >= 5 || group.length >= 2 * FAILED_SIGN_IN_IP_THRESHOLD ? 3 : 2,
    });
  }
  return out;
}

/**
 * A sign-in from a device the user had not used before (sign-in.ts writes `newDevice: true`),
 * followed within 24 h by a change of password, email, two-step sign-in or payment method by the
 * same user: the classic account-takeover sequence. One flag per user per day of new-device sign-ins.
 */
export function newDeviceThenChange(events: readonly AuditEventInput[]): AnomalyCandidate[] {
  const changes = events.filter(
    (event) =>
      event.outcome === "SUCCESS" &&
      !!event.actorUserId &&
      (SECURITY_CHANGE_ACTIONS as readonly string[]).includes(event.action),
  );
  const changesByUser = groupBy(changes, (event) => event.actorUserId);
  const signIns = events.filter(isNewDeviceSignIn);
  const groups = groupBy(
    signIns,
    (event) => `${event.actorUserId}|${bucketStart(event.occurredAt, NEW_DEVICE_FOLLOW_UP_MS).toISOString()}`,
  );
  const out: AnomalyCandidate[] = [];
  for (const group of groups.values()) {
    const userId = group[0]!.actorUserId!;
    const userChanges = changesByUser.get(userId) ?? [];
    const matchedSignIns: AuditEventInput[] = [];
    const followUps = new Map<string, AuditEventInput>();
    for (const signIn of group) {
      const start = signIn.occurredAt.getTime();
      const after = userChanges.filter((change) => {
        const at = change.occurredAt.getTime();
        return at >= start && at <= start + NEW_DEVICE_FOLLOW_UP_MS;
      });
      if (after.length === 0) continue;
      matchedSignIns.push(signIn);
      for (const change of after) followUps.set(String(change.id), change);
    }
    if (matchedSignIns.length === 0) continue;
    const involved = [...matchedSignIns, ...followUps.values()];
    const ips = distinct(matchedSignIns.map((event) => event.ip));
    out.push({
      rule: "new_device_then_change",
      subjectKey: `user:${userId}`,
      accountId: mostCommon(involved.map((event) => event.accountId)),
      userId,
      ip: ips.length === 1 ? ips[0] : null,
      windowStart: bucketStart(group[0]!.occurredAt, NEW_DEVICE_FOLLOW_UP_MS),
      ...span(involved),
      eventCount: involved.length,
      details: {
        followUpHours: NEW_DEVICE_FOLLOW_UP_MS / HOUR,
        newDeviceSignIns: matchedSignIns.length,
        ips,
        userAgents: distinct(matchedSignIns.map((event) => event.userAgent)),
        changes: distinct([...followUps.values()].map((event) => event.action)),
      },
      severity: 3,
    });
  }
  return out;
}

/**
 * ≥ 3 password-reset requests for one user (or one unknown email) in a day: someone fishing for a
 * reset link, or mail bombing the owner.
 */
export function manyPasswordResets(events: readonly AuditEventInput[]): AnomalyCandidate[] {
  const requests = events.filter((event) => event.action === PASSWORD_RESET_REQUEST_ACTION);
  const subject = (event: AuditEventInput) =>
    event.actorUserId ? `user:${event.actorUserId}` : event.target ? `email:${event.target.toLowerCase()}` : null;
  const groups = groupBy(requests, (event) => {
    const key = subject(event);
    return key ? `${key}|${bucketStart(event.occurredAt, PASSWORD_RESET_WINDOW_MS).toISOString()}` : null;
  });
  const out: AnomalyCandidate[] = [];
  for (const group of groups.values()) {
    if (group.length < PASSWORD_RESET_THRESHOLD) continue;
    const subjectKey = subject(group[0]!)!;
    const ips = distinct(group.map((event) => event.ip));
    out.push({
      rule: "many_password_resets",
      subjectKey,
      accountId: mostCommon(group.map((event) => event.accountId)),
      userId: group[0]!.actorUserId,
      ip: ips.length === 1 ? ips[0] : null,
      windowStart: bucketStart(group[0]!.occurredAt, PASSWORD_RESET_WINDOW_MS),
      ...span(group),
      eventCount: group.length,
      details: {
        threshold: PASSWORD_RESET_THRESHOLD,
        windowHours: PASSWORD_RESET_WINDOW_MS / HOUR,
        ips,
        outcomes: tally(group.map((event) => event.outcome)),
      },
      severity: group.length >= 2 * PASSWORD_RESET_THRESHOLD ? 2 : 1,
    });
  }
  return out;
}

/** Successful sign-ins for one user from ≥ 5 addresses in an hour: a shared or stolen login. */
export function manyIps(events: readonly AuditEventInput[]): AnomalyCandidate[] {
  const signIns = events.filter(
    (event) => event.action === SIGN_IN_ACTION && event.outcome === "SUCCESS" && !!event.actorUserId && !!event.ip,
  );
  const groups = groupBy(
    signIns,
    (event) => `${event.actorUserId}|${bucketStart(event.occurredAt, MANY_IPS_WINDOW_MS).toISOString()}`,
  );
  const out: AnomalyCandidate[] = [];
  for (const group of groups.values()) {
    const ips = distinct(group.map((event) => event.ip));
    if (ips.length < MANY_IPS_THRESHOLD) continue;
    const userId = group[0]!.actorUserId!;
    out.push({
      rule: "many_ips",
      subjectKey: `user:${userId}`,
      accountId: mostCommon(group.map((event) => event.accountId)),
      userId,
      ip: null,
      windowStart: bucketStart(group[0]!.occurredAt, MANY_IPS_WINDOW_MS),
      ...span(group),
      eventCount: group.length,
      details: {
        threshold: MANY_IPS_THRESHOLD,
        windowMinutes: MANY_IPS_WINDOW_MS / MINUTE,
        ips,
        distinctIps: ips.length,
      },
      severity: ips.length >= 2 * MANY_IPS_THRESHOLD ? 3 : 2,
    });
  }
  return out;
}

/** Every rule over the same events, in a stable order. */
export function evaluateAnomalyRules(events: readonly AuditEventInput[]): AnomalyCandidate[] {
  return [
    ...failedSignInBurstByAccount(events),
    ...failedSignInBurstByIp(events),
    ...newDeviceThenChange(events),
    ...manyPasswordResets(events),
    ...manyIps(events),
  ];
}

/**
 * How far before `since` the scan must read so that every bucket touching [since, now] is seen
 * whole, and a change after `since` can still find a new-device sign-in up to a day before it
 * (together with the rest of that sign-in's day, which the flag is keyed on).
 */
export function scanReadStart(
  since: Date,
): Record<"failedSignIns" | "successfulSignIns" | "newDeviceSignIns" | "resets" | "changes", Date> {
  const newDeviceStart = bucketStart(new Date(since.getTime() - NEW_DEVICE_FOLLOW_UP_MS), NEW_DEVICE_FOLLOW_UP_MS);
  return {
    failedSignIns: bucketStart(since, FAILED_SIGN_IN_WINDOW_MS),
    successfulSignIns: bucketStart(since, MANY_IPS_WINDOW_MS),
    newDeviceSignIns: newDeviceStart,
    resets: bucketStart(since, PASSWORD_RESET_WINDOW_MS),
    changes: newDeviceStart,
  };
}
