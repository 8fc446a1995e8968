import { COMMON_PASSWORDS } from "../identity/data/common-passwords.ts";

let common: Set<string> | undefined;

/** Whether a password is on the shipped list of common and breached passwords (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS.split("\n").filter((entry) => entry !== ""));
  return common.has(password.toLowerCase());
}
