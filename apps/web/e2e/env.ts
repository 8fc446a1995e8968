/** The end-to-end runs' settings (the same variables playwright.config.ts reads). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/homeport_e2e";
/** AUTHZ_DISCOVER=1: record what every visitor gets instead of asserting (to review a new route). */
export const AUTHZ_DISCOVER = process.env.AUTHZ_DISCOVER === "1";
