import { can, type Permission } from "@homeport/core/admin/permissions";

/**
 * The console's areas in tab order, each shown only to the roles whose permission it needs. The
 * work queues come first: the console opens on the first one the role may use.
 */
export const ADMIN_AREAS: { key: string; href: string; permission: Permission }[] = [
  { key: "tickets", href: "/admin/tickets", permission: "WORK_TICKETS" },
  { key: "privacy", href: "/admin/privacy", permission: "WORK_PRIVACY" },
  { key: "accounts", href: "/admin/accounts", permission: "VIEW_ACCOUNTS" },
  { key: "activity", href: "/admin/activity", permission: "VIEW_ACTIVITY" },
  { key: "anomalies", href: "/admin/anomalies", permission: "REVIEW_ANOMALIES" },
  { key: "staff", href: "/admin/staff", permission: "MANAGE_STAFF" },
  { key: "keys", href: "/admin/keys", permission: "MANAGE_API_KEYS" },
];

export function firstAdminArea(user: { staffRole: string | null }): string | null {
  return ADMIN_AREAS.find((area) => can(user, area.permission))?.href ?? null;
}
