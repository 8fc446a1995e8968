import { type DbTx, Prisma } from "@homeport/db";

/**
 * Every table that holds personal data, in the one place the "know" export and the deletion job
 * read (DESIGN.md, Data). inventory.test.ts parses the Prisma schema and fails when a model is in
 * neither PRIVACY_INVENTORY nor NOT_PERSONAL, so a new table cannot silently escape a request.
 */

/** The consumer a request is about: their login and, as account holder, the household's data. */
export type PrivacySubject = {
  userId: string | null;
  accountId: string | null;
  accountRole: "OWNER" | "MEMBER" | null;
};

/**
 * The subject with the values some tables are keyed by (an email in an outbox, the profiles a
 * member's recordings hang from). Resolved once, before anything is erased, so a resumed deletion
 * still finds the rows whose keys an earlier step removed.
 */
export type SubjectKeys = PrivacySubject & {
  email: string | null;
  /** The phone and email on file for the household (owner only): where its texts and mail went. */
  contacts: string[];
  /** Viewing profiles tied to the login, in any household. */
  profileIds: string[];
};

/** The categories of Civ. Code §1798.140(v)(1) (and (ae) for the sensitive ones) that apply here. */
export const CCPA_CATEGORIES = [
  "identifiers",
  "customer_records",
  "commercial",
  "internet_activity",
  "geolocation",
  "sensory",
  "professional",
  "inferences",
  "sensitive_login",
  "sensitive_financial",
] as const;
export type CcpaCategory = (typeof CCPA_CATEGORIES)[number];

/** Why the business uses the data (§7011(e)(1)(B) asks the privacy policy to say so per category). */
export const PURPOSES = [
  "provide_service",
  "account_management",
  "billing",
  "security",
  "customer_support",
  "communications",
  "network_operations",
  "tv_recording",
  "legal_obligations",
  "privacy_rights",
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Where the data came from (§7011(e)(1)(C): the categories of sources). */
export const SOURCES = ["consumer", "devices", "provider"] as const;
export type Source = (typeof SOURCES)[number];

/**
 * Why a row outlives a deletion request: Civ. Code §1798.105(d) exceptions, §7022(f) tells the
 * consumer which ones applied.
 *  - billing_records: tax and billing records the law requires (§1798.105(d)(8), legal obligation),
 *    pseudonymised: no names, no card details.
 *  - security_log: audit events (§1798.105(d)(2), security and integrity), actor de-identified.
 *  - privacy_records: the requests and the opt-out choices, 24 months (§7101), so an opt-out keeps
 *    being honoured after the login is gone.
 *  - service_contract: rows needed while service is active (§1798.105(d)(1)); unused today.
 */
export const RETENTION_BASES = ["billing_records", "security_log", "privacy_records", "service_contract"] as const;
export type RetentionBasis = (typeof RETENTION_BASES)[number];

export type DeleteAction =
  | { action: "erase" }
  | { action: "deidentify"; set: Record<string, unknown>; basis: RetentionBasis }
  | { action: "keep"; basis: RetentionBasis };

/** The Prisma client property of a model (`serviceAccount` for ServiceAccount). */
export type DelegateName = Uncapitalize<Prisma.ModelName>;

export interface InventoryEntry {
  model: Prisma.ModelName;
  delegate: DelegateName;
  /** The narrowest subject the rows belong to: a login ("user") or the household ("account"). */
  scope: "user" | "account";
  /** Why the rows are scoped (and erased or kept) as they are. */
  reason: string;
  /** The rows of this subject, or null when the entry does not apply (e.g. the household for a MEMBER). */
  where(subject: SubjectKeys): object | null;
  category: CcpaCategory;
  purposes: readonly Purpose[];
  sources: readonly Source[];
  /** Never a secret: §7024(d) forbids disclosing passwords, security codes and the like. */
  exportFields: readonly string[];
  onDelete: DeleteAction;
  /** Runs in the same transaction just before the rows are erased, to undo what they hold elsewhere. */
  beforeErase?: (tx: DbTx, where: object, now: Date) => Promise<void>;
}

/** What a kept billing record says instead of a name or a card. */
export const DELETED_CUSTOMER = "Deleted customer";
export const REDACTED = "redacted";

const isOwner = (s: PrivacySubject): s is PrivacySubject & { accountId: string } =>
  s.accountRole === "OWNER" && s.accountId !== null;

/** OR of the clauses that apply; null when none does. */
function anyOf<T extends object>(...clauses: (T | null | false)[]): T | { OR: T[] } | null {
  const present = clauses.filter((c): c is T => Boolean(c));
  if (present.length === 0) return null;
  return present.length === 1 ? present[0]! : { OR: present };
}

const householdOnly = (s: SubjectKeys) => (isOwner(s) ? { accountId: s.accountId } : null);

/** Rows that hang off the mailboxes the subject may delete (see the Mailbox entry). */
const mailboxOf = (s: SubjectKeys) => {
  const mailbox = byUserOrHousehold(s);
  return mailbox === null ? null : { mailbox };
};

const byUser = (s: SubjectKeys) => (s.userId ? { userId: s.userId } : null);

const byUserOrHousehold = (s: SubjectKeys) =>
  anyOf<object>(s.userId !== null && { userId: s.userId }, isOwner(s) && { accountId: s.accountId });

/** A member's recordings are those of their own profiles; the holder's are the household's. */
const byProfileOrHousehold = (s: SubjectKeys) =>
  anyOf<object>(
    isOwner(s) && { accountId: s.accountId },
    s.profileIds.length > 0 && { profileId: { in: s.profileIds } },
  );

/** Throttle keys that name the consumer (identity/throttle.ts: `${rule}:${subject}`); IP keys do not. */
function throttleKeys(s: SubjectKeys): string[] {
  const keys: string[] = [];
  if (s.email) keys.push(`signInAccount:${s.email}`, `resetAccount:${s.email}`);
  if (s.userId) keys.push(`code:${s.userId.toLowerCase()}`);
  return keys;
}

/** Listed in deletion order: children before parents, so foreign keys hold at every step. */
export const PRIVACY_INVENTORY: readonly InventoryEntry[] = [
  {
    model: "PrivacyExport",
    delegate: "privacyExport",
    scope: "user",
    reason: "A know-request's ZIP is a copy of the data being deleted; the request itself stays as the §7101 record.",
    where: (s) => {
      const request = byUserOrHousehold(s);
      return request && { request };
    },
    category: "customer_records",
    purposes: ["privacy_rights"],
    sources: ["provider"],
    exportFields: ["fileName", "bytes", "createdAt", "expiresAt", "downloadedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "PrivacyUpload",
    delegate: "privacyUpload",
    scope: "user",
    reason: "An agent's signed permission (§7063) documents how the request was made: part of the §7101 record.",
    where: (s) => {
      const request = byUserOrHousehold(s);
      return request && { request };
    },
    category: "customer_records",
    purposes: ["privacy_rights", "legal_obligations"],
    sources: ["consumer"],
    exportFields: ["mediaType", "bytes", "createdAt"],
    onDelete: { action: "keep", basis: "privacy_records" },
  },
  {
    model: "PrivacyRequestEvent",
    delegate: "privacyRequestEvent",
    scope: "user",
    reason: "The history of a request (notices sent, actions taken) is the §7101 record of how it was handled.",
    where: (s) => {
      const request = byUserOrHousehold(s);
      return request && { request };
    },
    category: "customer_records",
    purposes: ["privacy_rights", "legal_obligations"],
    sources: ["provider"],
    exportFields: ["kind", "createdAt"],
    onDelete: { action: "keep", basis: "privacy_records" },
  },
  {
    model: "PrivacyRequest",
    delegate: "privacyRequest",
    scope: "user",
    reason: "§7101 keeps request records 24 months; the holder's requests also name the household.",
    where: byUserOrHousehold,
    category: "customer_records",
    purposes: ["privacy_rights", "legal_obligations"],
    sources: ["consumer", "provider"],
    exportFields: [
      "reference",
      "type",
      "channel",
      "status",
      "claimed",
      "declarationSignedAt",
      "declarationName",
      "agentName",
      "agentEmail",
      "correction",
      "locale",
      "receivedAt",
      "confirmedAt",
      "verifiedAt",
      "dueAt",
      "extendedAt",
      "extensionReason",
      "completedAt",
      "outcome",
      "denialReason",
    ],
    onDelete: { action: "keep", basis: "privacy_records" },
  },
  {
    model: "PrivacySettingChange",
    delegate: "privacySettingChange",
    scope: "user",
    reason: "The trail of opt-outs shows each was honoured (§7026(f), §7101); it follows its setting.",
    where: (s) => {
      const setting = byUserOrHousehold(s);
      return setting && { setting };
    },
    category: "inferences",
    purposes: ["privacy_rights", "legal_obligations"],
    sources: ["consumer"],
    exportFields: ["field", "value", "source", "createdAt"],
    onDelete: { action: "keep", basis: "privacy_records" },
  },
  {
    model: "PrivacySetting",
    delegate: "privacySetting",
    scope: "user",
    reason:
      "The login's choices, and the household's made without one; kept so an opt-out of sale or sharing keeps being honoured (§7026, §7101).",
    where: byUserOrHousehold,
    category: "inferences",
    purposes: ["privacy_rights", "communications"],
    sources: ["consumer"],
    exportFields: [
      "marketingEmail",
      "marketingSms",
      "marketingCalls",
      "partnerSharing",
      "personalizedAds",
      "optOutSaleSharing",
      "limitSensitive",
      "gpcHonouredAt",
      "createdAt",
      "updatedAt",
    ],
    onDelete: { action: "keep", basis: "privacy_records" },
  },
  {
    model: "OutboxMessage",
    delegate: "outboxMessage",
    scope: "user",
    reason:
      "Mail and texts sent to the login's address, and for the holder to the household's phone and email on file.",
    where: (s) => {
      const recipients = [...(s.email ? [s.email] : []), ...(isOwner(s) ? s.contacts : [])];
      return recipients.length > 0 ? { recipient: { in: recipients } } : null;
    },
    category: "identifiers",
    purposes: ["communications", "security"],
    sources: ["provider"],
    exportFields: ["channel", "recipient", "subject", "status", "createdAt", "deliveredAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "VerificationToken",
    delegate: "verificationToken",
    scope: "user",
    reason:
      "Codes and links sent to the login; for the holder also the household's registration codes and invitations.",
    where: (s) =>
      anyOf<object>(
        s.userId !== null && { userId: s.userId },
        s.email !== null && { email: s.email },
        isOwner(s) && { accountId: s.accountId },
      ),
    category: "identifiers",
    purposes: ["security", "account_management"],
    sources: ["provider"],
    exportFields: ["purpose", "email", "createdAt", "expiresAt", "consumedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "ThrottleCounter",
    delegate: "throttleCounter",
    scope: "user",
    reason: "Counters keyed by the login's email or id; those keyed by an IP address cannot be tied to a consumer.",
    where: (s) => {
      const keys = throttleKeys(s);
      return keys.length > 0 ? { key: { in: keys } } : null;
    },
    category: "internet_activity",
    purposes: ["security"],
    sources: ["provider"],
    exportFields: ["failures", "windowStartedAt", "blockedUntil", "updatedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "Notification",
    delegate: "notification",
    scope: "user",
    reason: "In-app notices belong to the login that reads them, even when they are about the household.",
    where: byUser,
    category: "customer_records",
    purposes: ["communications"],
    sources: ["provider"],
    exportFields: ["messageKey", "values", "href", "createdAt", "readAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "RecoveryCode",
    delegate: "recoveryCode",
    scope: "user",
    reason: "The login's 2FA recovery codes; only when they were made and used is disclosed (§7024(d)).",
    where: byUser,
    category: "sensitive_login",
    purposes: ["security"],
    sources: ["provider"],
    exportFields: ["createdAt", "usedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "DeviceSession",
    delegate: "deviceSession",
    scope: "user",
    reason: "Signed-in devices of the login; deleting them ends every session before the login goes.",
    where: byUser,
    category: "internet_activity",
    purposes: ["security", "account_management"],
    sources: ["devices"],
    exportFields: ["userAgent", "ip", "createdAt", "lastSeenAt", "expiresAt", "revokedAt", "mfa"],
    onDelete: { action: "erase" },
  },
  {
    model: "AnomalyFlag",
    delegate: "anomalyFlag",
    scope: "user",
    reason: "Security flags raised on the login or the household's account, from the audit log.",
    where: (s) => anyOf<object>(s.userId !== null && { userId: s.userId }, isOwner(s) && { accountId: s.accountId }),
    category: "internet_activity",
    purposes: ["security"],
    sources: ["provider"],
    exportFields: ["rule", "status", "firstSeenAt", "lastSeenAt", "eventCount", "createdAt"],
    // Kept for security like the audit log it comes from (§1798.105(d)(2)), without who or where.
    onDelete: {
      action: "deidentify",
      set: { userId: null, ip: null, details: {} },
      basis: "security_log",
    },
  },
  {
    model: "AuditEvent",
    delegate: "auditEvent",
    scope: "user",
    reason:
      "What the login did, what was tried against its email, and for the holder the household's events with no actor (jobs, staff-less notices); other members' actions stay theirs.",
    where: (s) =>
      anyOf<object>(
        s.userId !== null && { actorUserId: s.userId },
        s.email !== null && { target: s.email },
        isOwner(s) && { accountId: s.accountId, actorUserId: null },
      ),
    category: "internet_activity",
    purposes: ["security", "legal_obligations"],
    sources: ["provider", "devices"],
    exportFields: ["occurredAt", "action", "target", "outcome", "ip", "userAgent", "details"],
    onDelete: {
      action: "deidentify",
      // The event and its outcome stay for security (§1798.105(d)(2)); who, from where, and any
      // names or addresses in the target or details go.
      set: {
        actorUserId: null,
        ip: null,
        userAgent: null,
        sessionId: null,
        target: null,
        details: Prisma.DbNull,
      },
      basis: "security_log",
    },
  },
  {
    model: "Recording",
    delegate: "recording",
    scope: "user",
    reason: "Recordings of the member's own profiles; for the holder, the household's whole library.",
    where: byProfileOrHousehold,
    category: "internet_activity",
    purposes: ["tv_recording"],
    sources: ["consumer"],
    exportFields: [
      "title",
      "subtitle",
      "season",
      "episode",
      "genre",
      "channelId",
      "startsAt",
      "endsAt",
      "status",
      "protected",
      "keep",
      "createdAt",
    ],
    onDelete: { action: "erase" },
  },
  {
    model: "SieveScript",
    delegate: "sieveScript",
    scope: "user",
    reason: "A mailbox's compiled rules hold its forwarding targets, blocked senders and auto-reply text.",
    where: (s) => mailboxOf(s),
    category: "customer_records",
    purposes: ["provide_service"],
    sources: ["consumer"],
    exportFields: ["script", "generatedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "MailboxForward",
    delegate: "mailboxForward",
    scope: "user",
    reason: "Where a mailbox forwards its mail: addresses the consumer gave.",
    where: (s) => mailboxOf(s),
    category: "identifiers",
    purposes: ["provide_service"],
    sources: ["consumer"],
    exportFields: ["address", "confirmedAt", "createdAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "MailboxBlockedSender",
    delegate: "mailboxBlockedSender",
    scope: "user",
    reason: "Senders the consumer blocked.",
    where: (s) => mailboxOf(s),
    category: "internet_activity",
    purposes: ["provide_service", "security"],
    sources: ["consumer"],
    exportFields: ["pattern", "createdAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "Mailbox",
    delegate: "mailbox",
    scope: "user",
    reason: "The household's mailboxes (the holder's), or the one a member reads.",
    where: byUserOrHousehold,
    category: "identifiers",
    purposes: ["provide_service", "account_management"],
    sources: ["consumer", "provider"],
    exportFields: [
      "address",
      "displayName",
      "primary",
      "status",
      "lastLoginAt",
      "usedBytes",
      "quotaBytes",
      "recoveryEmail",
      "recoveryPhone",
      "forwardKeepCopy",
      "spamLevel",
      "spamAction",
      "autoReplyEnabled",
      "autoReplySubject",
      "autoReplyBody",
      "autoReplyStart",
      "autoReplyEnd",
      "createdAt",
    ],
    onDelete: { action: "erase" },
  },
  {
    model: "DvrFolder",
    delegate: "dvrFolder",
    scope: "account",
    reason: "Folders are shared by the household, not a profile's: the holder's to delete.",
    where: householdOnly,
    category: "internet_activity",
    purposes: ["tv_recording"],
    sources: ["consumer"],
    exportFields: ["name", "createdAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "RecordingRule",
    delegate: "recordingRule",
    scope: "user",
    reason: "What the member's profiles asked to record; for the holder, every rule of the household.",
    where: byProfileOrHousehold,
    category: "inferences",
    purposes: ["tv_recording"],
    sources: ["consumer"],
    exportFields: [
      "kind",
      "title",
      "seriesRef",
      "channelId",
      "newOnly",
      "keepLatest",
      "keep",
      "paddingBeforeMin",
      "paddingAfterMin",
      "priority",
      "createdAt",
    ],
    onDelete: { action: "erase" },
  },
  {
    model: "SupportTicket",
    delegate: "supportTicket",
    scope: "account",
    reason: "Callbacks and equipment requests are made for the household, which the holder answers for.",
    where: householdOnly,
    category: "customer_records",
    purposes: ["customer_support"],
    sources: ["consumer"],
    exportFields: [
      "reference",
      "kind",
      "status",
      "topic",
      "details",
      "phone",
      "preferredDate",
      "preferredSlot",
      "createdAt",
      "resolvedAt",
    ],
    onDelete: { action: "erase" },
  },
  {
    model: "Appointment",
    delegate: "appointment",
    scope: "account",
    reason: "Technician visits are to the service address, booked for the household.",
    where: householdOnly,
    category: "customer_records",
    purposes: ["customer_support", "provide_service"],
    sources: ["consumer"],
    exportFields: ["kind", "status", "issue", "details", "contactPhone", "createdAt", "cancelledAt"],
    onDelete: { action: "erase" },
    // A visit still to come gives its seat back, or the technician's window would stay full.
    async beforeErase(tx, where, now) {
      const upcoming = await tx.appointment.findMany({
        where: {
          AND: [where as Prisma.AppointmentWhereInput, { status: "SCHEDULED", window: { startsAt: { gt: now } } }],
        },
        select: { windowId: true },
      });
      for (const { windowId } of upcoming) {
        await tx.technicianWindow.updateMany({
          where: { id: windowId, booked: { gt: 0 } },
          data: { booked: { decrement: 1 } },
        });
      }
    },
  },
  {
    model: "UsageAlert",
    delegate: "usageAlert",
    scope: "account",
    reason: "Alerts about the household's data use.",
    where: householdOnly,
    category: "internet_activity",
    purposes: ["network_operations", "communications"],
    sources: ["provider"],
    exportFields: ["cycleStart", "threshold", "usedBytes", "sentAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "UsageAlertSettings",
    delegate: "usageAlertSettings",
    scope: "account",
    reason: "The household's choice of usage alerts.",
    where: householdOnly,
    category: "customer_records",
    purposes: ["communications"],
    sources: ["consumer"],
    exportFields: ["thresholds", "everyBlock", "sms"],
    onDelete: { action: "erase" },
  },
  {
    model: "UsageDay",
    delegate: "usageDay",
    scope: "account",
    reason: "The line's daily data use per device: network activity of the household, not of one login.",
    where: householdOnly,
    category: "internet_activity",
    purposes: ["network_operations", "billing"],
    sources: ["devices"],
    exportFields: ["day", "deviceMac", "bytesDown", "bytesUp"],
    onDelete: { action: "erase" },
  },
  {
    model: "UsageRecord",
    delegate: "usageRecord",
    scope: "account",
    reason: "The meter's raw records for the household's line.",
    where: householdOnly,
    category: "internet_activity",
    purposes: ["network_operations", "billing"],
    sources: ["devices"],
    exportFields: ["deviceMac", "intervalStart", "intervalEnd", "bytesDown", "bytesUp", "receivedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "WifiNetwork",
    delegate: "wifiNetwork",
    scope: "account",
    reason: "The household's network name; the password is a credential and never disclosed (§7024(d)).",
    where: householdOnly,
    category: "customer_records",
    purposes: ["provide_service"],
    sources: ["consumer"],
    exportFields: ["ssid", "security", "changedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "DeviceOperation",
    delegate: "deviceOperation",
    scope: "account",
    reason: "Restarts and WiFi changes of the household's equipment.",
    where: householdOnly,
    category: "internet_activity",
    purposes: ["provide_service", "customer_support"],
    sources: ["consumer", "devices"],
    exportFields: ["kind", "status", "requestedAt", "completedAt", "failureCode"],
    onDelete: { action: "erase" },
  },
  {
    model: "Equipment",
    delegate: "equipment",
    scope: "account",
    reason: "Devices installed at the service address; once the account is closed nothing about them is owed.",
    where: householdOnly,
    category: "commercial",
    purposes: ["provide_service", "billing"],
    sources: ["provider", "devices"],
    exportFields: [
      "kind",
      "model",
      "serialNumber",
      "macAddress",
      "monthlyFeeCents",
      "installedOn",
      "returnedOn",
      "status",
    ],
    onDelete: { action: "erase" },
  },
  {
    model: "Subscription",
    delegate: "subscription",
    scope: "account",
    reason: "The household's plans; what was billed for them stays on the statements.",
    where: householdOnly,
    category: "commercial",
    purposes: ["provide_service", "billing"],
    sources: ["consumer", "provider"],
    exportFields: ["planId", "priceCents", "promoCents", "promoEndsOn", "startedOn", "endedOn"],
    onDelete: { action: "erase" },
  },
  {
    model: "AutopayEnrollment",
    delegate: "autopayEnrollment",
    scope: "account",
    reason: "The household's autopay; a closed account is never charged again.",
    where: householdOnly,
    category: "commercial",
    purposes: ["billing"],
    sources: ["consumer"],
    exportFields: ["enrolledAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "Payment",
    delegate: "payment",
    scope: "account",
    reason:
      "Payments are billing records the law requires (§1798.105(d)(8)); who paid and with which card go, the amount, date and receipt stay.",
    where: householdOnly,
    category: "commercial",
    purposes: ["billing", "legal_obligations"],
    sources: ["consumer", "provider"],
    exportFields: [
      "amountCents",
      "status",
      "source",
      "methodKind",
      "methodBrand",
      "methodLast4",
      "receiptNumber",
      "failureCode",
      "createdAt",
      "settledAt",
    ],
    onDelete: {
      action: "deidentify",
      set: { methodId: null, methodBrand: REDACTED, methodLast4: "XXXX", createdById: null },
      basis: "billing_records",
    },
  },
  {
    model: "PaymentMethod",
    delegate: "paymentMethod",
    scope: "account",
    reason: "Saved cards and bank accounts; payments keep their own copy of what was charged, so these go.",
    where: householdOnly,
    category: "customer_records",
    purposes: ["billing"],
    sources: ["consumer"],
    exportFields: ["kind", "brand", "last4", "expMonth", "expYear", "isDefault", "createdAt", "removedAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "PaymentArrangement",
    delegate: "paymentArrangement",
    scope: "account",
    reason: "A promise to pay a balance is part of the billing record; only who made it goes.",
    where: householdOnly,
    category: "commercial",
    purposes: ["billing", "legal_obligations"],
    sources: ["consumer"],
    exportFields: ["amountCents", "payBy", "status", "createdAt", "resolvedAt"],
    onDelete: { action: "deidentify", set: { createdById: null }, basis: "billing_records" },
  },
  {
    model: "OutageCredit",
    delegate: "outageCredit",
    scope: "account",
    reason: "Explains a credit on a statement: a billing record, with no name in it.",
    where: householdOnly,
    category: "commercial",
    purposes: ["billing"],
    sources: ["provider"],
    exportFields: ["hours", "days", "amountCents", "createdAt"],
    onDelete: { action: "keep", basis: "billing_records" },
  },
  {
    model: "StatementLine",
    delegate: "statementLine",
    scope: "account",
    reason: "Lines of issued statements: tax and billing records (§1798.105(d)(8)), with no name in them.",
    where: (s) => (isOwner(s) ? { statement: { accountId: s.accountId } } : null),
    category: "commercial",
    purposes: ["billing", "legal_obligations"],
    sources: ["provider"],
    exportFields: ["position", "kind", "service", "code", "name", "amountCents", "details"],
    onDelete: { action: "keep", basis: "billing_records" },
  },
  {
    model: "AccountCharge",
    delegate: "accountCharge",
    scope: "account",
    reason: "Charges and credits billed or to be billed: billing records.",
    where: householdOnly,
    category: "commercial",
    purposes: ["billing", "legal_obligations"],
    sources: ["provider"],
    exportFields: ["kind", "code", "amountCents", "chargedOn", "values", "createdAt"],
    onDelete: { action: "keep", basis: "billing_records" },
  },
  {
    model: "Statement",
    delegate: "statement",
    scope: "account",
    reason: "Issued statements: tax and billing records; the name and address they were sent to go with the account's.",
    where: householdOnly,
    category: "commercial",
    purposes: ["billing", "legal_obligations"],
    sources: ["provider"],
    exportFields: [
      "periodStart",
      "periodEnd",
      "issuedAt",
      "dueOn",
      "previousBalanceCents",
      "paymentsCents",
      "newChargesCents",
      "totalDueCents",
    ],
    onDelete: { action: "keep", basis: "billing_records" },
  },
  {
    model: "Profile",
    delegate: "profile",
    scope: "user",
    reason: "The member's own viewing profiles; for the holder, every profile of the household.",
    where: (s) => anyOf<object>(s.userId !== null && { userId: s.userId }, isOwner(s) && { accountId: s.accountId }),
    category: "identifiers",
    purposes: ["tv_recording", "account_management"],
    sources: ["consumer"],
    exportFields: ["name", "isKids", "createdAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "Membership",
    delegate: "membership",
    scope: "user",
    reason: "The login's places in households; the holder closing the household removes everyone's.",
    where: byUserOrHousehold,
    category: "customer_records",
    purposes: ["account_management"],
    sources: ["provider"],
    exportFields: ["role", "createdAt"],
    onDelete: { action: "erase" },
  },
  {
    model: "User",
    delegate: "user",
    scope: "user",
    reason: "The login itself; the password hash and the TOTP secret are never disclosed (§7024(d)).",
    where: (s) => (s.userId ? { id: s.userId } : null),
    category: "identifiers",
    purposes: ["account_management", "security"],
    sources: ["consumer"],
    exportFields: [
      "email",
      "name",
      "emailVerifiedAt",
      "locale",
      "passwordChangedAt",
      "totpEnabledAt",
      "createdAt",
      "updatedAt",
    ],
    onDelete: { action: "erase" },
  },
  {
    model: "ServiceAccount",
    delegate: "serviceAccount",
    scope: "account",
    reason:
      "The household's customer record. Kept statements and payments reference it, so it stays, closed and de-identified.",
    where: (s) => (isOwner(s) ? { id: s.accountId } : null),
    category: "customer_records",
    purposes: ["provide_service", "billing", "account_management"],
    sources: ["consumer", "provider"],
    exportFields: [
      "accountNumber",
      "holderName",
      "addressLine1",
      "addressLine2",
      "city",
      "state",
      "zip",
      "timeZone",
      "status",
      "phoneOnFile",
      "emailOnFile",
      "cycleDay",
      "paperless",
      "createdAt",
    ],
    onDelete: {
      action: "deidentify",
      // City, state and ZIP stay: the kept statements' taxes were computed for that jurisdiction
      // and must remain explainable (§1798.105(d)(8)). The gateway's customer goes with the cards.
      set: {
        holderName: DELETED_CUSTOMER,
        addressLine1: "",
        addressLine2: null,
        phoneOnFile: null,
        emailOnFile: null,
        gatewayCustomerId: null,
        status: "CLOSED",
      },
      basis: "billing_records",
    },
  },
];

/** Every other model, with why it holds no personal data. */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  AnomalyNote: "Staff notes on a security flag; the flag (in the inventory) is what ties it to a person.",
  ServicePlan: "The provider's product catalog.",
  Channel: "The public channel lineup.",
  PlanChannel: "Which channels a package includes: catalog data.",
  ProcessedGatewayEvent: "Ids and types of gateway webhooks already applied; the payments hold the data.",
  IngestionKey: "Keys of the provider's own network systems, not of consumers.",
  Outage: "A network incident by ZIP code area, not about any one household.",
  TechnicianWindow: "Dispatch capacity per area and time; the bookings are Appointments.",
  HelpArticle: "Published help content.",
  Program: "The public program guide.",
};

/** Resolves the keys the entries' `where` needs. Call it before anything of the subject is erased. */
export async function resolveSubjectKeys(db: DbTx, subject: PrivacySubject): Promise<SubjectKeys> {
  const user = subject.userId
    ? await db.user.findUnique({ where: { id: subject.userId }, select: { email: true } })
    : null;
  const account = isOwner(subject)
    ? await db.serviceAccount.findUnique({
        where: { id: subject.accountId },
        select: { phoneOnFile: true, emailOnFile: true },
      })
    : null;
  const profiles = subject.userId
    ? await db.profile.findMany({ where: { userId: subject.userId }, select: { id: true } })
    : [];
  const onFile = [account?.phoneOnFile, account?.emailOnFile?.toLowerCase()].filter((c): c is string => Boolean(c));
  // A phone or address another household or login also uses may have received their messages:
  // those are not this consumer's to see or delete.
  const shared = new Set<string>();
  if (onFile.length > 0) {
    const others = await db.serviceAccount.findMany({
      where: {
        id: { not: subject.accountId! },
        OR: [{ phoneOnFile: { in: onFile } }, { emailOnFile: { in: onFile, mode: "insensitive" } }],
      },
      select: { phoneOnFile: true, emailOnFile: true },
    });
    for (const other of others) {
      if (other.phoneOnFile) shared.add(other.phoneOnFile);
      if (other.emailOnFile) shared.add(other.emailOnFile.toLowerCase());
    }
    const logins = await db.user.findMany({
      where: { email: { in: onFile }, ...(subject.userId ? { id: { not: subject.userId } } : {}) },
      select: { email: true },
    });
    for (const login of logins) shared.add(login.email);
  }
  return {
    ...subject,
    email: user?.email ?? null,
    contacts: onFile.filter((c) => !shared.has(c)),
    profileIds: profiles.map((p) => p.id),
  };
}

/** The operations the export and the deletion use, common to every model delegate. */
export interface ModelDelegate {
  findMany(args: {
    where: object;
    select?: Record<string, true>;
    orderBy?: object;
  }): Promise<Record<string, unknown>[]>;
  count(args: { where: object }): Promise<number>;
  deleteMany(args: { where: object }): Promise<{ count: number }>;
  updateMany(args: { where: object; data: Record<string, unknown> }): Promise<{ count: number }>;
}

/** The entry's delegate on a client or transaction; one cast here instead of one per model. */
export function delegateOf(db: DbTx, entry: InventoryEntry): ModelDelegate {
  return db[entry.delegate] as unknown as ModelDelegate;
}
