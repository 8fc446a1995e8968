import { recordAuditEvent, type RequestContext } from "../audit/record-audit-event.ts";
import type { DbTx } from "@homeport/db";
import { IdentityError } from "../identity/errors.ts";

/**
 * Who on the staff may do what. Every admin page, action and route asks `can` or
 * `requirePermission` on the server; the menu only mirrors this table.
 */
export const STAFF_ROLES = ["SUPPORT_AGENT", "PRIVACY_OFFICER", "ADMIN"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  "VIEW_ACCOUNTS",
  "VIEW_ACTIVITY",
  "REVIEW_ANOMALIES",
  "LOCK_ACCOUNTS",
  "FORCE_SIGN_OUT",
  "RESET_TWO_FACTOR",
  "RESEND_VERIFICATION",
  "WORK_TICKETS",
  "WORK_PRIVACY",
  "MANAGE_STAFF",
  "MANAGE_API_KEYS",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_MATRIX: Record<StaffRole, readonly Permission[]> = {
  // Support answers the phone: finds the account, sees what happened, and secures it.
  SUPPORT_AGENT: [
    "VIEW_ACCOUNTS",
    "VIEW_ACTIVITY",
    "REVIEW_ANOMALIES",
    "LOCK_ACCOUNTS",
    "FORCE_SIGN_OUT",
    "RESET_TWO_FACTOR",
    "RESEND_VERIFICATION",
    "WORK_TICKETS",
  ],
  // The privacy officer finds the consumer to verify a request, and works the privacy queue.
  PRIVACY_OFFICER: ["VIEW_ACCOUNTS", "WORK_PRIVACY"],
  ADMIN: PERMISSIONS,
};

export function isStaffRole(role: string | null | undefined): role is StaffRole {
  return STAFF_ROLES.includes(role as StaffRole);
}

export function can(actor: { staffRole: string | null } | null | undefined, permission: Permission): boolean {
  const role = actor?.staffRole;
  return isStaffRole(role) && PERMISSION_MATRIX[role].includes(permission);
}

/**
 * Throws NOT_ALLOWED (and records the refusal) unless the actor's role has the permission; a
 * subscriber or a signed-out visitor never has one.
 */
export async function requirePermission(
  db: DbTx,
  actor: { id: string; staffRole: string | null },
  request: RequestContext,
  permission: Permission,
): Promise<void> {
  if (can(actor, permission)) return;
  await recordAuditEvent(db, request, {
    action: "admin.denied",
    outcome: "DENIED",
    target: actor.id,
    details: { permission, role: actor.staffRole },
  });
  throw new IdentityError("NOT_ALLOWED");
}

/** The admin console's pages and routes, each with the permission it needs (the access test walks it). */
export const ADMIN_ROUTES: readonly { path: string; permission: Permission; kind: "page" | "download" }[] = [
  { path: "/admin/accounts", permission: "VIEW_ACCOUNTS", kind: "page" },
  { path: "/admin/activity", permission: "VIEW_ACTIVITY", kind: "page" },
  { path: "/admin/activity/export", permission: "VIEW_ACTIVITY", kind: "download" },
  { path: "/admin/anomalies", permission: "REVIEW_ANOMALIES", kind: "page" },
  { path: "/admin/tickets", permission: "WORK_TICKETS", kind: "page" },
  { path: "/admin/privacy", permission: "WORK_PRIVACY", kind: "page" },
  { path: "/admin/privacy/metrics", permission: "WORK_PRIVACY", kind: "page" },
  { path: "/admin/privacy/metrics/csv", permission: "WORK_PRIVACY", kind: "download" },
  { path: "/admin/staff", permission: "MANAGE_STAFF", kind: "page" },
  { path: "/admin/keys", permission: "MANAGE_API_KEYS", kind: "page" },
];
