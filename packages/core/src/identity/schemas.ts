import { z } from "zod";

export const ZSignInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "email_required").max(320).email("email_invalid"),
  // Never trimmed or truncated: every character of a password counts (ASVS 6.2.8).
  password: z.string().min(1, "password_required").max(1024, "password_too_long"),
  /** TOTP code or recovery code, on the second step when two-step sign-in is on. */
  code: z
    .string()
    .trim()
    .max(32, "code_invalid")
    .transform((v) => (v ? v : undefined))
    .optional(),
  /** On a step-up, the session this sign-in replaces (it is ended). */
  replacesSessionId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export { ZId as ZSessionId } from "../ids.ts";

/** An email address as typed: trimmed and lower-cased. */
export const ZEmailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "email_required")
  .max(320, "email_invalid")
  .email("email_invalid");
