import { type CoreEnv, readCoreEnv } from "../env.ts";
import { providerProfile } from "../provider/profile.ts";
import { smtpTransport, type Transports } from "./transports.ts";

/** SMTP when SMTP_URL is set; no SMS provider ships by default, so texts are captured. */
export function configuredTransports(env: CoreEnv = readCoreEnv()): Transports {
  const from =
    env.HOMEPORT_MAIL_FROM ?? `${providerProfile().brandName} <no-reply@${providerProfile().email.domains[0]}>`;
  return env.SMTP_URL ? { EMAIL: smtpTransport(env.SMTP_URL, from) } : {};
}

/**
 * The development outbox page is on where messages are captured rather than sent: by default on
 * the embedded demo database, or when HOMEPORT_DEV_OUTBOX=true.
 */
export function devOutboxEnabled(embeddedDatabase: boolean, env: CoreEnv = readCoreEnv()): boolean {
  if (env.HOMEPORT_DEV_OUTBOX) return env.HOMEPORT_DEV_OUTBOX === "true";
  return embeddedDatabase && !env.SMTP_URL;
}
