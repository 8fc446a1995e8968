/**
 * The rules for a new mailbox's address: what the mail platform accepts and what would confuse or
 * impersonate. Pure, so the page can say what is wrong before anything is sent.
 */
export const LOCAL_PART_MIN = 3;
export const LOCAL_PART_MAX = 32;

/** Role and system names (RFC 2142 and the usual platform accounts) nobody may take. */
export const RESERVED_LOCAL_PARTS = new Set([
  "abuse",
  "admin",
  "administrator",
  "billing",
  "help",
  "hostmaster",
  "info",
  "mailer-daemon",
  "noc",
  "no-reply",
  "noreply",
  "postmaster",
  "privacy",
  "root",
  "sales",
  "security",
  "support",
  "webmaster",
]);

export type AddressProblem =
  "too_short" | "too_long" | "characters" | "start_end" | "consecutive_dots" | "reserved" | "domain";

/** A local part: letters, digits, dots, hyphens and underscores; starts and ends with a letter or digit. */
export function localPartProblem(localPart: string): AddressProblem | null {
  const value = localPart.trim().toLowerCase();
  if (value.length < LOCAL_PART_MIN) return "too_short";
  if (value.length > LOCAL_PART_MAX) return "too_long";
  if (!/^[a-z0-9._-]+$/.test(value)) return "characters";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) return "start_end";
  if (/[._-]{2}/.test(value)) return "consecutive_dots";
  if (RESERVED_LOCAL_PARTS.has(value) || RESERVED_LOCAL_PARTS.has(value.replace(/[._-]/g, ""))) return "reserved";
  return null;
}

export function addressProblem(localPart: string, domain: string, domains: readonly string[]): AddressProblem | null {
  if (!domains.includes(domain.trim().toLowerCase())) return "domain";
  return localPartProblem(localPart);
}

export function mailboxAddress(localPart: string, domain: string): string {
  return `${localPart.trim().toLowerCase()}@${domain.trim().toLowerCase()}`;
}

/** A sender to block: a whole address, or a domain written "@example.com" or "example.com". */
export function normaliseBlockedSender(value: string): string | null {
  const text = value.trim().toLowerCase();
  if (text.length === 0 || text.length > 254) return null;
  const domain = /^@?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/.exec(text);
  if (domain) return `@${domain[1]}`;
  if (/^[^\s@"\\<>()[\],;:]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(text)) return text;
  return null;
}
