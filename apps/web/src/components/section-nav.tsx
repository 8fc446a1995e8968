"use client";

import { cn } from "@homeport/ui/cn";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export interface SectionNavItem {
  href: string;
  label: string;
  /** Another path whose pages belong under this tab (a receipt under the payment history). */
  also?: string;
}

/** The section's first tab is its overview and is current only on itself; "/billing/pay" is not "/billing/payments". */
function isActive(pathname: string, item: SectionNavItem, root: string): boolean {
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  if (item.href === root) return pathname === root || (item.also !== undefined && under(item.also));
  return under(item.href) || (item.also !== undefined && under(item.also));
}

/** Tabs between the pages of one portal section (billing, services…). */
export function SectionNav({ label, items }: { label: string; items: SectionNavItem[] }) {
  const root = items[0]?.href ?? "/";
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways; keep the current one in view.
  useEffect(() => {
    nav.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "center" });
  }, [pathname]);
  return (
    <nav ref={nav} aria-label={label} className="-mx-1 overflow-x-auto">
      <ul className="flex min-w-max gap-1 border-b border-border px-1">
        {items.map((item) => {
          const active = isActive(pathname, item, root);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium transition-colors",
                  active ? "border-brand text-fg" : "border-transparent text-fg-muted hover:text-fg",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
