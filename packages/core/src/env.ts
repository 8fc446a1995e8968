import { z } from "zod";

/** The one place in packages/core that reads the environment. */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const schema = z.object({
  HOMEPORT_PROFILE: optionalText,
  /** Master key for secrets at rest (TOTP secrets); defaults to NEXTAUTH_SECRET. */
  HOMEPORT_ENCRYPTION_KEY: optionalText,
  NEXTAUTH_SECRET: optionalText,
  /** The portal's public URL, for links in email. */
  NEXTAUTH_URL: optionalText,
  HOMEPORT_BRAND_NAME: optionalText,
  HOMEPORT_SUPPORT_PHONE: optionalText,
  HOMEPORT_TIME_ZONE: optionalText,
  HOMEPORT_MAIL_FROM: optionalText,
  SMTP_URL: optionalText,
  HOMEPORT_OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  HOMEPORT_DEV_OUTBOX: z.enum(["true", "false"]).optional(),
  HOMEPORT_SEED_DEMO: z.enum(["true", "false"]).optional(),
  HOMEPORT_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  HOMEPORT_WORKER: z.enum(["on", "off"]).default("on"),
  /** With a secret key, payments go through Stripe; without one, through the demo gateway. */
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  /** Another Stripe API base URL (a local stand-in for tests), e.g. http://127.0.0.1:12111 */
  STRIPE_API_BASE: optionalText,
  /**
   * How long the simulated device gateway takes to restart a device or change WiFi, "min-max" in
   * milliseconds (default 8000-20000 for a restart, 4000-10000 for WiFi; a real reboot takes 60–120 s).
   */
  HOMEPORT_DEVICE_DELAY_MS: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,7}-\d{1,7}$/, "use min-max in milliseconds, e.g. 8000-20000")
      .refine((v) => {
        const [min, max] = v.split("-").map(Number);
        return (min as number) <= (max as number);
      }, "min must not exceed max")
      .optional(),
  ),
  /** Share of simulated device operations that fail, 0..1 (default 0.08). */
  HOMEPORT_DEVICE_FAILURE_RATE: optionalText.pipe(z.coerce.number<string | undefined>().min(0).max(1).optional()),
  npm_package_version: optionalText,
});

export type CoreEnv = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readCoreEnv(source: NodeJS.ProcessEnv = process.env): CoreEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.path.join(".")} is invalid: ${issue?.message}`);
  }
  return parsed.data;
}
