import type { SignedInUser } from "@homeport/core/identity/resolve-session";

/**
 * The portal's areas, in menu order. An area joins the menu when its pages ship (`ready`), so the
 * menu never leads to an empty page.
 */
export interface PortalArea {
  key: string;
  href: string;
  ready: boolean;
  audience: "member" | "staff" | "everyone";
  /** Staff roles that see a staff area (all staff when absent). */
  staffRoles?: readonly string[];
}

export const PORTAL_AREAS: readonly PortalArea[] = [
  { key: "dashboard", href: "/dashboard", ready: true, audience: "member" },
  { key: "billing", href: "/billing", ready: true, audience: "member" },
  { key: "usage", href: "/usage", ready: true, audience: "member" },
  { key: "services", href: "/services", ready: true, audience: "member" },
  { key: "tv", href: "/tv", ready: true, audience: "member" },
  { key: "email", href: "/email", ready: true, audience: "member" },
  { key: "privacy", href: "/privacy", ready: true, audience: "member" },
  { key: "security", href: "/security", ready: true, audience: "everyone" },
  { key: "help", href: "/help", ready: true, audience: "everyone" },
  // The staff console: its own tabs show each staff member the areas their role may use.
  { key: "admin", href: "/admin", ready: true, audience: "staff" },
];

export function visibleAreas(user: Pick<SignedInUser, "staffRole" | "accountId">) {
  return PORTAL_AREAS.filter((area) => {
    if (!area.ready) return false;
    if (area.audience === "staff") {
      return user.staffRole !== null && (!area.staffRoles || area.staffRoles.includes(user.staffRole));
    }
    if (area.audience === "member") return user.accountId !== null || area.key === "dashboard";
    return true;
  });
}

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
