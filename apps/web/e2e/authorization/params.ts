import type { ObjectIds } from "./targets.ts";

/**
 * How each dynamic route is visited: with the demo owner's own objects, so every other visitor
 * (another household, a household member, staff) is tried against ids that are not theirs.
 */
export const ROUTE_PARAMS: Record<string, (ids: ObjectIds) => Record<string, string>> = {
  "(portal)/admin/accounts/[id]/page.tsx": (ids) => ({ id: ids.account }),
  "(portal)/admin/anomalies/[id]/page.tsx": (ids) => ({ id: ids.anomaly }),
  "(portal)/admin/privacy/[id]/page.tsx": (ids) => ({ id: ids.privacyRequest }),
  // No upload exists in the demo: an unknown id, which must be "not found" (or refused) for everyone.
  "(portal)/admin/privacy/upload/[id]/route.ts": () => ({ id: "01900000-0000-7000-8000-000000000000" }),
  "(portal)/billing/payments/[id]/authenticate/page.tsx": (ids) => ({ id: ids.payment }),
  "(portal)/billing/payments/[id]/page.tsx": (ids) => ({ id: ids.payment }),
  "(portal)/billing/statements/[id]/page.tsx": (ids) => ({ id: ids.statement }),
  "(portal)/billing/statements/[id]/pdf/route.ts": (ids) => ({ id: ids.statement }),
  "(portal)/email/mailboxes/[id]/page.tsx": (ids) => ({ id: ids.mailbox }),
  "(portal)/email/mailboxes/[id]/rules.sieve/route.ts": (ids) => ({ id: ids.mailbox }),
  "(portal)/services/appointments/[id]/reschedule/page.tsx": (ids) => ({ id: ids.appointment }),
  "(portal)/services/equipment/[id]/page.tsx": (ids) => ({ id: ids.equipment }),
  "(portal)/services/equipment/[id]/return/page.tsx": (ids) => ({ id: ids.equipment }),
  "(portal)/services/equipment/[id]/troubleshoot/page.tsx": (ids) => ({ id: ids.equipment }),
  "(portal)/tv/program/[id]/page.tsx": (ids) => ({ id: ids.program }),
  "(portal)/tv/series/[ruleId]/page.tsx": (ids) => ({ ruleId: ids.seriesRule }),
  "api/auth/[...nextauth]/route.ts": () => ({ nextauth: "session" }),
  "help/[slug]/page.tsx": (ids) => ({ slug: ids.helpArticle }),
  "invite/[token]/page.tsx": () => ({ token: "not-a-real-invitation-token" }),
  "privacy/requests/[id]/export/route.ts": (ids) => ({ id: ids.privacyRequest }),
  "privacy/requests/[id]/page.tsx": (ids) => ({ id: ids.privacyRequest }),
  "reset-password/[token]/page.tsx": () => ({ token: "not-a-real-reset-token" }),
  "verify-email/[token]/page.tsx": () => ({ token: "not-a-real-verification-token" }),
};

/** Route handlers that take only POST (machines and mail clients); visited with an empty JSON body. */
export const POST_ONLY = new Set([
  "api/outages/route.ts",
  "api/payments/webhook/route.ts",
  "api/usage/records/route.ts",
  "autodiscover/autodiscover.xml/route.ts",
]);
