import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigError, type CoreEnv, readCoreEnv } from "../env.ts";
import { charterProfile } from "./charter.ts";

/**
 * Everything that differs from one provider to the next. Another provider deploys Homeport by
 * writing its own profile (a JSON file named by HOMEPORT_PROFILE) instead of changing code.
 */
const ZSocket = z.enum(["SSL", "STARTTLS", "plain"]);
const ZMailServer = z.object({
  hostname: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  socket: ZSocket,
  /** What the mail client signs in with. */
  username: z.enum(["EMAIL_ADDRESS", "LOCAL_PART"]),
  authentication: z.enum(["password-cleartext", "password-encrypted", "OAuth2"]),
});

const ZLabel = z.object({ en: z.string().min(1), es: z.string().min(1) });
const ZCents = z.number().int().min(0);

/** Billing rules: dates, fees and taxes are the provider's, so they live here rather than in code. */
const ZBilling = z.object({
  /** Days from the statement date to the due date. */
  dueDays: z.number().int().min(1).max(60),
  lateFee: z.object({ amountCents: ZCents, graceDays: z.number().int().min(0).max(60) }),
  /** Whether a subscriber may pay more than the balance (a credit on the next statement). */
  allowPrepay: z.boolean(),
  autopay: z.object({
    /** Changes to autopay this many business days before the draft apply from the next bill. */
    changeCutoffBusinessDays: z.number().int().min(0).max(10),
  }),
  arrangement: z.object({
    maxDaysOut: z.number().int().min(1).max(60),
    minPastDueCents: ZCents,
  }),
  /** Flat monthly fees, charged when a service of the kind is billed in the cycle. */
  fees: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9-]+$/),
      service: z.enum(["INTERNET", "TV", "PHONE"]),
      amountCents: ZCents,
      label: ZLabel,
    }),
  ),
  /** Taxes as a rate (basis points, 825 = 8.25 %) of the named line kinds. */
  taxes: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9-]+$/),
      rateBasisPoints: z.number().int().min(0).max(10_000),
      base: z.array(z.enum(["INTERNET", "TV", "PHONE", "EQUIPMENT"])).min(1),
      label: ZLabel,
    }),
  ),
});

export type BillingRules = z.infer<typeof ZBilling>;

/** Data caps: how a gigabyte is counted, what going over costs, and when subscribers are told. */
const ZUsage = z.object({
  /** 1000000000 (decimal, what most ISPs bill) or 1073741824 (binary); the pages say which. */
  gigabyteBytes: z.union([z.literal(1_000_000_000), z.literal(1_073_741_824)]),
  overage: z.object({
    blockGb: z.number().int().positive(),
    blockCents: ZCents,
    maxCentsPerCycle: ZCents,
    /** Over-cap cycles in any 12 months that are not charged. */
    courtesyCyclesPer12Months: z.number().int().min(0).max(12),
  }),
  alerts: z.object({
    defaultThresholds: z.array(z.number().int().min(1).max(100)).min(1),
    allowedThresholds: z.array(z.number().int().min(1).max(100)).min(1),
  }),
});

export type UsageRules = z.infer<typeof ZUsage>;

const ZHour = z.number().int().min(0).max(24);

/** Service operations: technician visits and outage credits. */
const ZServices = z.object({
  appointments: z.object({
    /** Arrival windows offered each day, as [start hour, end hour) in the provider's time zone. */
    windows: z
      .array(z.tuple([ZHour, ZHour]).refine(([start, end]) => start < end, "a window ends after it starts"))
      .min(1),
    /** Days of the week with visits (0 = Sunday). */
    weekdays: z.array(z.number().int().min(0).max(6)).min(1),
    capacityPerWindow: z.number().int().min(1),
    daysAhead: z.number().int().min(1).max(60),
    /** A window must start at least this many hours from now to be booked or moved into. */
    minLeadHours: z.number().int().min(0),
    /** A visit can be cancelled or moved online until this many hours before its window. */
    changeCutoffHours: z.number().int().min(0),
  }),
  outageCredit: z.object({
    /** An outage shorter than this earns no credit. */
    minimumHours: z.number().positive(),
    /** Each started block of this many hours earns one day of the affected services' price. */
    hoursPerCreditDay: z.number().positive(),
  }),
});

export type ServiceRules = z.infer<typeof ZServices>;

export const ZProviderProfile = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  brandName: z.string().min(1),
  shortName: z.string().min(1),
  supportPhone: z.string().regex(/^\+[1-9]\d{6,14}$/, "use E.164, e.g. +18338761550"),
  timeZone: z.string().refine(isTimeZone, "not an IANA time zone"),
  currency: z.string().length(3),
  billing: ZBilling,
  usage: ZUsage,
  services: ZServices,
  email: z.object({
    domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
    displayName: z.string().min(1),
    displayShortName: z.string().min(1),
    incoming: z.object({ imap: ZMailServer, pop3: ZMailServer }),
    outgoing: z.object({ smtp: ZMailServer }),
    /** Host names older guides still give; recognised so a subscriber can be told what to use now. */
    legacyHostnames: z.array(z.object({ hostname: z.string(), protocol: z.enum(["imap", "pop3", "smtp"]) })),
    /** Port mistakes that circulate in old guides, recognised by the settings troubleshooter. */
    knownWrongPorts: z.array(z.object({ protocol: z.enum(["imap", "pop3", "smtp"]), port: z.number().int() })),
    limits: z.object({
      /** Mailboxes an account may add besides its primary address (Spectrum: 7). */
      mailboxesPerAccount: z.number().int().min(1),
      mailboxQuotaBytes: z.number().int().positive(),
      maxMessageBytes: z.number().int().positive(),
      trashRetentionDays: z.number().int().min(1),
      spamRetentionDays: z.number().int().min(1),
      idleLockDays: z.number().int().min(1),
      /** Addresses one mailbox may forward to. */
      forwardingTargets: z.number().int().min(1).max(10),
      autoReplyMaxChars: z.number().int().min(100).max(10_000),
    }),
  }),
});

export type ProviderProfile = z.infer<typeof ZProviderProfile>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "profile"}: ${issue?.message}`;
}

export function loadProviderProfile(env: CoreEnv = readCoreEnv()): ProviderProfile {
  let base: unknown = charterProfile;
  if (env.HOMEPORT_PROFILE) {
    try {
      base = JSON.parse(readFileSync(env.HOMEPORT_PROFILE, "utf8"));
    } catch (error) {
      throw new ConfigError(
        `HOMEPORT_PROFILE=${env.HOMEPORT_PROFILE} could not be read as JSON: ${(error as Error).message}`,
      );
    }
  }
  const withOverrides = {
    ...(base as object),
    ...(env.HOMEPORT_BRAND_NAME ? { brandName: env.HOMEPORT_BRAND_NAME } : {}),
    ...(env.HOMEPORT_SUPPORT_PHONE ? { supportPhone: env.HOMEPORT_SUPPORT_PHONE } : {}),
    ...(env.HOMEPORT_TIME_ZONE ? { timeZone: env.HOMEPORT_TIME_ZONE } : {}),
  };
  const parsed = ZProviderProfile.safeParse(withOverrides);
  if (!parsed.success) {
    throw new ConfigError(`The provider profile is invalid (${describeIssue(parsed.error)})`);
  }
  return parsed.data;
}

let cached: ProviderProfile | undefined;

export function providerProfile(): ProviderProfile {
  cached ??= loadProviderProfile();
  return cached;
}
