import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as adminAccountActions from "../admin/account-actions.ts";
import * as adminAccounts from "../admin/accounts.ts";
import * as adminActivity from "../admin/activity.ts";
import * as adminAnomalies from "../admin/anomalies.ts";
import * as adminApiKeys from "../admin/api-keys.ts";
import * as adminStaff from "../admin/staff.ts";
import * as billingHistory from "../billing/history.ts";
import * as billingSchemas from "../billing/schemas.ts";
import * as dvrRecordingRules from "../dvr/recording-rules.ts";
import * as dvrRecordings from "../dvr/recordings.ts";
import * as emailMailboxes from "../email/mailboxes.ts";
import * as emailTroubleshoot from "../email/troubleshoot.ts";
import * as identityHousehold from "../identity/household.ts";
import * as identityAccountActivity from "../identity/list-account-activity.ts";
import * as identityPasswordPolicy from "../identity/password-policy.ts";
import * as identityRegistration from "../identity/registration.ts";
import * as identitySchemas from "../identity/schemas.ts";
import * as ids from "../ids.ts";
import * as notificationsOutbox from "../notifications/list-outbox.ts";
import * as privacyRequests from "../privacy/requests.ts";
import * as privacySettings from "../privacy/settings.ts";
import * as privacyStaff from "../privacy/staff.ts";
import * as privacyVerificationRules from "../privacy/verification-rules.ts";
import { charterProfile } from "../provider/charter.ts";
import * as providerProfile from "../provider/profile.ts";
import * as servicesAppointments from "../services/appointments.ts";
import * as servicesCallbackRequest from "../services/callback-request.ts";
import * as servicesEquipmentRequests from "../services/equipment-requests.ts";
import * as servicesOutages from "../services/outages.ts";
import * as servicesPlans from "../services/plans.ts";
import * as servicesStaffTickets from "../services/staff-tickets.ts";
import * as servicesWifiSchema from "../services/wifi-schema.ts";
import * as usageIngest from "../usage/ingest.ts";

/**
 * Every input schema the web layer parses with must answer any input, however hostile, with either
 * a value or issues that say what is wrong and where: a schema that throws turns a typo into a
 * server error. Each schema also has one small sample it must accept, so a schema that refuses
 * everything cannot pass these properties vacuously.
 */

const ID = "3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const OTHER_ID = "9a8b7c6d-5e4f-4321-8fed-cba987654321";

/** Module (path under src) → exported schema name → a short input that schema accepts. */
const SCHEMA_MODULES: Record<string, { module: object; valid: Record<string, unknown> }> = {
  "admin/account-actions.ts": {
    module: adminAccountActions,
    valid: {
      ZLockAccount: { accountId: ID, reason: "security_review", note: "Caller could not verify." },
      ZUnlockAccount: { accountId: ID, note: "Identity verified by phone." },
      ZForceSignOut: { userId: ID, note: "Lost phone, signed out." },
      ZResetTwoFactor: { userId: ID, verification: "Caller gave ZIP and last payment amount." },
      ZResendVerification: { userId: ID },
    },
  },
  "admin/accounts.ts": {
    module: adminAccounts,
    valid: {
      ZAccountSearch: { q: "Rivera" },
      ZOpenAccount: { accountId: ID, reason: "Customer called about a bill" },
    },
  },
  "admin/activity.ts": {
    module: adminActivity,
    valid: { ZActivityFilter: { actor: "agent@example.com", outcome: "FAILURE", limit: "" } },
  },
  "admin/anomalies.ts": {
    module: adminAnomalies,
    valid: { ZAnomalyQueueFilter: { status: "ACTIVE" }, ZAnomalyAction: { flagId: ID, note: "Known traveller" } },
  },
  "admin/api-keys.ts": {
    module: adminApiKeys,
    valid: { ZCreateApiKey: { name: "Usage collector" }, ZRevokeApiKey: { keyId: ID } },
  },
  "admin/staff.ts": {
    module: adminStaff,
    valid: {
      ZInviteStaff: { email: "agent@example.com", name: "Sam Lee", role: "SUPPORT_AGENT" },
      ZChangeStaffRole: { userId: ID, role: "ADMIN" },
      ZStaffTarget: { userId: ID },
      ZAcceptStaffInvite: { token: "invite-token", password: "a long staff passphrase" },
    },
  },
  "billing/history.ts": {
    module: billingHistory,
    valid: { ZPaymentFilter: { status: "SUCCEEDED", source: "", from: "2026-01-01", to: "2026-02-01" } },
  },
  "billing/schemas.ts": {
    module: billingSchemas,
    valid: {
      ZCardInput: {
        number: "4242 4242 4242 4242",
        expiry: "12/30",
        cvc: "123",
        name: "Ana Rivera",
        postalCode: "94110",
      },
      ZAmountChoice: "BALANCE",
      ZPayRequest: { amountChoice: "OTHER", otherAmount: "25.00", method: "new", requestKey: ID },
    },
  },
  "dvr/recording-rules.ts": {
    module: dvrRecordingRules,
    valid: {
      ZRecordingRuleOptions: { keepLatest: "5", paddingAfterMin: 2 },
      ZRecordingRuleInput: { kind: "SERIES", programId: ID },
      ZRecordingRuleUpdate: { ruleId: ID, keep: "UNTIL_DELETED" },
      ZRuleId: { ruleId: ID },
      ZRuleAiring: { ruleId: ID, programId: OTHER_ID },
      ZRuleOrder: [ID, OTHER_ID],
    },
  },
  "dvr/recordings.ts": {
    module: dvrRecordings,
    valid: {
      ZListRecordings: { groupBy: "genre", folderId: "none" },
      ZRecordingIds: { ids: [ID] },
      ZProtectRecording: { recordingId: ID, protected: true },
      ZFolderName: "Movies",
      ZCreateFolder: { name: "Movies" },
      ZRenameFolder: { folderId: ID, name: "Kids" },
      ZFolderId: { folderId: ID },
      ZMoveRecordings: { ids: [ID], folderId: null },
    },
  },
  "email/mailboxes.ts": {
    module: emailMailboxes,
    valid: {
      ZNewMailbox: { localPart: "ana", domain: "charter.net", displayName: "Ana", password: "a good passphrase" },
      ZAutoReply: { enabled: true, subject: "Away", body: "Back Monday.", start: "2026-07-01", end: "2026-07-08" },
      ZBlockedSender: { pattern: "@spam.example" },
      ZSpamSettings: { level: "STANDARD", action: "FOLDER" },
      ZRecovery: { recoveryEmail: "", recoveryPhone: "(916) 555-0142" },
    },
  },
  "email/troubleshoot.ts": {
    module: emailTroubleshoot,
    valid: {
      ZMailAppSettings: {
        incomingType: "IMAP",
        incomingServer: "mobile.charter.net",
        incomingPort: "993",
        incomingSecurity: "SSL",
        username: "ana@charter.net",
        outgoingServer: "mobile.charter.net.",
        outgoingPort: 587,
        outgoingSecurity: "STARTTLS",
        outgoingAuth: true,
      },
    },
  },
  "identity/household.ts": {
    module: identityHousehold,
    valid: {
      ZInvite: { email: "kid@example.com" },
      ZAcceptInvite: { name: "Kai Rivera", password: "a good passphrase" },
    },
  },
  "identity/list-account-activity.ts": {
    module: identityAccountActivity,
    valid: { ZActivityFilter: { group: "security", before: "42" } },
  },
  "identity/password-policy.ts": {
    module: identityPasswordPolicy,
    valid: { ZNewPassword: "correct horse battery staple" },
  },
  "identity/registration.ts": {
    module: identityRegistration,
    valid: {
      ZStartRegistration: { accountNumber: "8352 1000 1234 5678", zip: "94110-1234", channel: "EMAIL" },
      ZVerifyRegistration: { registrationId: ID, code: "123 456" },
      ZCompleteRegistration: {
        registrationId: ID,
        completion: "c".repeat(43),
        name: "Ana Rivera",
        email: "ana@example.com",
        password: "a good passphrase",
      },
    },
  },
  "identity/schemas.ts": {
    module: identitySchemas,
    valid: {
      ZSignInInput: { email: " Ana@Example.com ", password: "a good passphrase", replacesSessionId: "" },
      ZEmailAddress: "ana@example.com",
    },
  },
  "ids.ts": { module: ids, valid: { ZId: ID } },
  "notifications/list-outbox.ts": {
    module: notificationsOutbox,
    valid: { ZOutboxFilter: { recipient: "ana@example.com", limit: "20" } },
  },
  "privacy/requests.ts": {
    module: privacyRequests,
    valid: {
      ZCorrection: { field: "name", value: "Ana Rivera" },
      ZPortalRequest: { type: "CORRECT", correction: { field: "phone", value: "916 555 0142" } },
      ZPublicOptOut: { type: "OPT_OUT_SALE_SHARING", claimed: { email: "ana@example.com" }, locale: "xx" },
      ZPermissionFile: { mediaType: "application/pdf", bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]) },
      ZPublicRequest: { type: "DELETE", claimed: { email: "ana@example.com", zip: "94110" } },
      ZStatusLookup: { reference: "pr-abcd-2345", email: "ana@example.com" },
    },
  },
  "privacy/settings.ts": {
    module: privacySettings,
    valid: {
      ZPrivacyChoices: {
        marketingEmail: false,
        marketingSms: false,
        marketingCalls: false,
        partnerSharing: false,
        personalizedAds: false,
        optOutSaleSharing: true,
        limitSensitive: true,
      },
    },
  },
  "privacy/staff.ts": {
    module: privacyStaff,
    valid: {
      ZPrivacyQueueFilter: { status: "ACTIVE", q: "PR-ABCD" },
      ZAssignPrivacyRequest: { requestId: ID, assigneeId: null },
      ZPrivacyNote: { requestId: ID, note: "Called back." },
      ZVerifyPrivacyRequest: { requestId: ID, accountNumber: "8352 1000 1234 5678", matched: ["email", "zip"] },
      ZExtendPrivacyRequest: { requestId: ID, reason: "Records are archived off-site." },
      ZDenyPrivacyRequest: { requestId: ID, reason: "cannot_verify" },
      ZApplyPrivacyCorrection: { requestId: ID },
      ZCompletePrivacyCorrection: { requestId: ID, outcome: "COMPLIED", note: "Service address updated." },
      ZMetricsYear: "2026",
    },
  },
  "privacy/verification-rules.ts": {
    module: privacyVerificationRules,
    valid: { zClaimed: { email: "ana@example.com", phone: " ", name: "Ana Rivera" } },
  },
  "provider/profile.ts": { module: providerProfile, valid: { ZProviderProfile: charterProfile } },
  "services/appointments.ts": {
    module: servicesAppointments,
    valid: {
      ZUsPhone: "+1 (916) 555-0142",
      ZBookAppointment: { windowId: ID, issue: "wifi", contactPhone: "916.555.0142" },
      ZRescheduleAppointment: { appointmentId: ID, windowId: OTHER_ID },
      ZCancelAppointment: { appointmentId: ID },
    },
  },
  "services/callback-request.ts": {
    module: servicesCallbackRequest,
    valid: {
      ZCallbackRequest: { phone: "916-555-0142", preferredDate: "2026-05-04", slot: "morning", topic: "billing" },
    },
  },
  "services/equipment-requests.ts": {
    module: servicesEquipmentRequests,
    valid: { ZEquipmentRequest: { equipmentId: ID, reason: "damaged", details: "" } },
  },
  "services/outages.ts": {
    module: servicesOutages,
    valid: {
      ZOutageReport: {
        ref: "INC-1042",
        zips: ["94110"],
        services: ["INTERNET"],
        status: "INVESTIGATING",
        startedAt: "2026-05-04T10:00:00Z",
      },
    },
  },
  "services/plans.ts": { module: servicesPlans, valid: { ZPlanChange: { kind: "TV", planId: "none" } } },
  "services/staff-tickets.ts": {
    module: servicesStaffTickets,
    valid: {
      ZTicketFilter: { status: "OPEN", limit: "10" },
      ZUpdateSupportTicket: { ticketId: ID, status: "RESOLVED", note: "" },
    },
  },
  "services/wifi-schema.ts": {
    module: servicesWifiSchema,
    valid: { ZWifiChange: { ssid: "Rivera Home", password: "long enough pass" } },
  },
  "usage/ingest.ts": {
    module: usageIngest,
    valid: {
      ZUsageRecordInput: {
        id: "r-1",
        accountNumber: "8352100012345678",
        intervalStart: "2026-05-04T00:00:00Z",
        intervalEnd: "2026-05-04T01:00:00+00:00",
        bytesDown: "1000",
        bytesUp: 0,
      },
    },
  },
};

interface SchemaCase {
  title: string;
  schema: z.ZodType;
  valid: unknown;
}

const CASES: SchemaCase[] = Object.entries(SCHEMA_MODULES).flatMap(([path, { module, valid }]) =>
  Object.entries(valid).map(([name, sample]) => {
    const schema: unknown = (module as Record<string, unknown>)[name];
    if (!(schema instanceof z.ZodType)) throw new Error(`${path} exports no schema named ${name}`);
    return { title: `${path} ${name}`, schema, valid: sample };
  }),
);

// --- Hostile values ---------------------------------------------------------------------------

const CONTROL_CHARACTER = fc
  .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((code) => String.fromCharCode(code));

const TRICKY_STRINGS = [
  "",
  " ",
  "\t\n\r",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "-0",
  "1e309",
  "0x1F",
  "9007199254740993",
  "99999999999999999999999",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202egnp.exe",
  "\ufeff",
  "e\u0301\u0301\u0301",
  "𝕳𝖔𝖒𝖊𝖕𝖔𝖗𝖙",
  "👩‍👩‍👧‍👦",
  "2026-02-30",
  "2026-13-01T25:61:61Z",
  "+275760-09-13T00:00:00.001Z",
  "0000-00-00T00:00:00Z",
  "00000000-0000-0000-0000-000000000000",
  "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
  "a@b",
  "@",
  "a@@b.com",
  "<script>alert(1)</script>",
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  "'; DROP TABLE users; --",
  "${process.env}",
  "%s%s%s%n",
];

/** Long inputs: enough to expose a super-linear regular expression or an unbounded allocation. */
const LONG_STRINGS = [
  "a".repeat(100_000),
  "9".repeat(20_000),
  `${"a".repeat(50_000)}@`,
  `${"a.".repeat(20_000)}com`,
  `${"-".repeat(30_000)}1`,
  "\u0000".repeat(10_000),
  "😀".repeat(20_000),
  " ".repeat(50_000),
  `${"1".repeat(5_000)}.${"2".repeat(5_000)}`,
  `${"A".repeat(80)}.${"B".repeat(12)}`,
];

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: CONTROL_CHARACTER, maxLength: 20 }),
  fc.constantFrom(...TRICKY_STRINGS),
  fc.constantFrom(...LONG_STRINGS),
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE),
);

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      true,
      false,
      [],
      {},
      new Date(Number.NaN),
      Symbol("input"),
      () => "input",
      Object.create(null),
      new Uint8Array(0),
    ),
  },
);

/** Own keys that would rewrite an object's prototype if a schema copied them naively. */
const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

function withOwnKey(target: object, key: string, value: unknown): object {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * Inputs shaped like what the schema expects, so parsing gets past the first type check: objects
 * with the schema's own keys (each missing, well-typed or hostile), arrays of its elements, its
 * enum members; and anywhere, a hostile value instead.
 */
function shapedInput(schema: z.core.$ZodType, depth = 4): fc.Arbitrary<unknown> {
  if (depth === 0) return hostileValue;
  const inner = (child: z.core.$ZodType) => shapedInput(child, depth - 1);

  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.core.$ZodType>;
    const record = fc.record(Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, inner(child)])), {
      requiredKeys: [],
    });
    return fc.oneof(
      { weight: 4, arbitrary: record },
      {
        weight: 1,
        arbitrary: fc
          .tuple(record, fc.constantFrom(...PROTOTYPE_KEYS), hostileValue)
          .map(([object, key, value]) => withOwnKey(object, key, value)),
      },
      { weight: 1, arbitrary: hostileValue },
    );
  }
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly ||
    schema instanceof z.ZodNonOptional
  ) {
    return shapedInput(schema.unwrap(), depth);
  }
  // A preprocess step takes anything: what matters is the schema after it.
  if (schema instanceof z.ZodPipe)
    return shapedInput(schema.in instanceof z.ZodTransform ? schema.out : schema.in, depth);
  if (schema instanceof z.ZodArray) return fc.oneof(fc.array(inner(schema.element), { maxLength: 5 }), hostileValue);
  if (schema instanceof z.ZodUnion) return fc.oneof(...schema.options.map((option) => inner(option)));
  if (schema instanceof z.ZodEnum) return fc.oneof(fc.constantFrom(...schema.options), hostileValue);
  if (schema instanceof z.ZodLiteral) return fc.oneof(fc.constantFrom(...schema.values), hostileValue);
  if (schema instanceof z.ZodBoolean) return fc.oneof(fc.boolean(), hostileValue);
  return hostileValue;
}

// --- The properties ---------------------------------------------------------------------------

const NUM_RUNS = 200;

function expectExplainedOutcome(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (!result.success) {
    expect(result.error.issues.length).toBeGreaterThan(0);
    for (const issue of result.error.issues) {
      expect(typeof issue.message).toBe("string");
      expect(issue.message.trim()).not.toBe("");
      expect(Array.isArray(issue.path)).toBe(true);
    }
  }
  // Parsing must never leak an input's keys onto every object in the process.
  expect(Object.keys(Object.prototype)).toEqual([]);
}

describe.each(CASES)("$title", ({ schema, valid }) => {
  it("accepts its known-valid sample", () => {
    const result = schema.safeParse(valid);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it("answers any value without throwing, with a message and a path for every issue", () => {
    fc.assert(
      fc.property(hostileValue, (input) => expectExplainedOutcome(schema, input)),
      { numRuns: NUM_RUNS },
    );
  });

  it("answers its own fields filled with hostile values without throwing", () => {
    fc.assert(
      fc.property(shapedInput(schema), (input) => expectExplainedOutcome(schema, input)),
      { numRuns: NUM_RUNS },
    );
  });
});

// --- Coverage ---------------------------------------------------------------------------------

const SOURCE_ROOT = join(import.meta.dirname, "..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("schema coverage", () => {
  it("fuzzes every exported input schema in the source tree", () => {
    // Any export named like a schema (ZSomething, zSomething), however its definition is laid out.
    const exported = sourceFiles(SOURCE_ROOT).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/^export const ([zZ][A-Z]\w*)\s*=/gm)].map(
        (match) => `${relative(SOURCE_ROOT, file)} ${match[1]}`,
      ),
    );
    const covered = CASES.map((entry) => entry.title);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((title) => !covered.includes(title))).toEqual([]);
  });
});
