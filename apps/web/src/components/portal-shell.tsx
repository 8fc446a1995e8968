"use client";

import { AppShell, type AppShellNavItem } from "@homeport/ui/app-shell";
import { UserMenu } from "@homeport/ui/user-menu";
import { CircleHelp, Gauge, Home, LogOut, Mail, Receipt, Shield, ShieldCheck, Tv, Wrench, Lock } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useRef } from "react";
import { signOutAction } from "@/actions/session";
import { isActive } from "@/lib/navigation";

const ICONS: Record<string, ReactNode> = {
  dashboard: <Home />,
  billing: <Receipt />,
  usage: <Gauge />,
  services: <Wrench />,
  tv: <Tv />,
  email: <Mail />,
  privacy: <Lock />,
  security: <Shield />,
  help: <CircleHelp />,
  admin: <ShieldCheck />,
};

export interface PortalShellProps {
  brand: ReactNode;
  nav: { key: string; href: string; label: string }[];
  user: { name: string; email: string };
  labels: {
    skipToContent: string;
    openMenu: string;
    closeMenu: string;
    primaryNavigation: string;
    userMenu: string;
    signOut: string;
    security: string;
  };
  headerActions: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}

export function PortalShell({ brand, nav, user, labels, headerActions, footer, children }: PortalShellProps) {
  const pathname = usePathname();
  const signOutForm = useRef<HTMLFormElement>(null);
  const items: AppShellNavItem[] = nav.map((item) => ({
    href: item.href,
    label: item.label,
    icon: ICONS[item.key],
    active: isActive(pathname, item.href),
  }));
  return (
    <AppShell
      brand={brand}
      nav={items}
      LinkComponent={Link}
      labels={labels}
      headerActions={<div className="hidden sm:flex">{headerActions}</div>}
      drawerFooter={<div className="sm:hidden">{headerActions}</div>}
      footer={footer}
      userMenu={
        <>
          <form ref={signOutForm} action={signOutAction} hidden />
          <UserMenu
            name={user.name}
            email={user.email}
            triggerLabel={labels.userMenu}
            LinkComponent={Link}
            items={[
              { label: labels.security, href: "/security", icon: <Shield /> },
              {
                label: labels.signOut,
                icon: <LogOut />,
                separatorBefore: true,
                onSelect: () => signOutForm.current?.requestSubmit(),
              },
            ]}
          />
        </>
      }
    >
      {children}
    </AppShell>
  );
}
