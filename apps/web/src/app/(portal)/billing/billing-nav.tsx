"use client";

import { cn } from "@homeport/ui/cn";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** A receipt belongs with the history, a new card with the methods; "/billing/pay" is not "/billing/payments". */
function isActive(pathname: string, item: { href: string; also?: string }): boolean {
  if (item.href === "/billing") return pathname === "/billing";
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  return under(item.href) || (item.also !== undefined && under(item.also));
}

export function BillingNav({
  label,
  items,
}: {
  label: string;
  items: { href: string; label: string; also?: string }[];
}) {
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
          const active = isActive(pathname, item);
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
