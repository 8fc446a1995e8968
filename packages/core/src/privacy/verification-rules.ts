import type { PrivacyRequestType } from "@homeport/db";
import { z } from "zod";
import { isStorableText } from "../storable.ts";

/**
 * Verifying a consumer who is not signed in (§7060–7062): what they tell us is matched against
 * what the business already holds, point by point. Both sides are normalised the same way so that
 * spelling, case and formatting do not decide whether a person is who they say they are.
 */

export const DATA_POINTS = ["email", "phone", "accountNumber", "zip", "name", "addressLine1"] as const;
export type DataPoint = (typeof DATA_POINTS)[number];
export type Claimed = Partial<Record<DataPoint, string>>;
export type KnownRecord = Partial<Record<DataPoint, string | null>>;

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** A NANP number: ten digits, with the country code 1 dropped. Anything else matches nothing. */
export function normalisePhone(value: string): string {
  let digits = value.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  return digits.length === 10 ? digits : "";
}

export function normaliseAccountNumber(value: string): string {
  return value.replace(/\D/g, "");
}

/** ZIP+4 and ZIP compare on the five-digit ZIP; fewer than five digits matches nothing. */
export function normaliseZip(value: string): string {
  const digits = value.replace(/\D/g, "");
  return digits.length >= 5 ? digits.slice(0, 5) : "";
}

export function normaliseName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

const ADDRESS_ABBREVIATIONS: Readonly<Record<string, string>> = {
  street: "st",
  avenue: "ave",
  road: "rd",
  drive: "dr",
  boulevard: "blvd",
  apartment: "apt",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
};

export function normaliseAddressLine1(value: string): string {
  const name = normaliseName(value);
  if (name === "") return "";
  return name
    .split(" ")
    .map((word) => ADDRESS_ABBREVIATIONS[word] ?? word)
    .join(" ");
}

export const NORMALISERS: Readonly<Record<DataPoint, (value: string) => string>> = {
  email: normaliseEmail,
  phone: normalisePhone,
  accountNumber: normaliseAccountNumber,
  zip: normaliseZip,
  name: normaliseName,
  addressLine1: normaliseAddressLine1,
};

export interface DataPointMatch {
  /** In DATA_POINTS order. */
  matched: DataPoint[];
  count: number;
}

/**
 * The points where the claim and the record agree. A point that normalises to nothing on either
 * side proves nothing. `exclude` drops points the consumer is asking to correct: §7060(h) does not
 * allow verifying with the very information in dispute.
 */
export function matchDataPoints(
  claimed: Claimed,
  known: KnownRecord,
  options: { exclude?: readonly DataPoint[] } = {},
): DataPointMatch {
  const excluded = new Set(options.exclude ?? []);
  const matched = DATA_POINTS.filter((point) => {
    if (excluded.has(point)) return false;
    const claim = claimed[point];
    const record = known[point];
    if (claim == null || record == null) return false;
    const normalised = NORMALISERS[point](claim);
    return normalised !== "" && normalised === NORMALISERS[point](record);
  });
  return { matched, count: matched.length };
}

export interface VerificationNeed {
  /** Matching data points required; 0 when the request is not a verifiable one. */
  points: number;
  /** A declaration under penalty of perjury signed by the requestor. */
  declaration: boolean;
}

const NEEDS = {
  // §7062(b): a "reasonable degree of certainty", two points.
  KNOW_CATEGORIES: { points: 2, declaration: false },
  // §7062(c): a "reasonably high degree of certainty", three points and a signed declaration.
  KNOW_SPECIFIC: { points: 3, declaration: true },
  // §7062(d): a household's service, billing and payment data are sensitive, so the higher degree.
  DELETE: { points: 3, declaration: false },
  // §7060(h), §7062(b): the lower degree, with points other than those being corrected.
  CORRECT: { points: 2, declaration: false },
  // §7026(d): an opt-out of sale/sharing is not a verifiable request.
  OPT_OUT_SALE_SHARING: { points: 0, declaration: false },
  // §7027(e): nor is a request to limit the use of sensitive personal information.
  LIMIT_SENSITIVE: { points: 0, declaration: false },
} as const satisfies Record<PrivacyRequestType, VerificationNeed>;

export function verificationNeeded(type: PrivacyRequestType): VerificationNeed {
  const need: VerificationNeed = NEEDS[type];
  return { ...need };
}

/** Whether the request may go ahead; always true for the types that need no verification. */
export function isVerified(type: PrivacyRequestType, match: DataPointMatch, declarationSigned: boolean): boolean {
  const need = verificationNeeded(type);
  return match.count >= need.points && (!need.declaration || declarationSigned);
}

/** Forms post every field; a blank one means "not given" rather than an invalid value. */
function optional<T extends z.ZodType<string>>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" ? value.trim() || undefined : value), schema.optional());
}

/** What a consumer who is not signed in may claim, as a public form posts it. */
export const zClaimed = z
  .object({
    email: optional(z.email().max(254)),
    phone: optional(z.string().regex(/^[\d\s()+\-.]{7,20}$/)),
    accountNumber: optional(z.string().regex(/^[\d\s-]{6,20}$/)),
    zip: optional(z.string().regex(/^\d{5}(-\d{4})?$/)),
    name: optional(z.string().min(1).max(120).refine(isStorableText, "text_invalid")),
    addressLine1: optional(z.string().min(1).max(200).refine(isStorableText, "text_invalid")),
  })
  .superRefine((value, ctx) => {
    // Name and address are shared within a household; one of the account's own identifiers
    // is needed to find the record to match against.
    if (!value.email && !value.phone && !value.accountNumber) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "identifier_required" });
    }
  });

export type ClaimedInput = z.input<typeof zClaimed>;
