import { buttonVariants } from "@homeport/ui/button";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { HeaderControls } from "@/components/header-controls";
import { PortalShell } from "@/components/portal-shell";
import { PublicPage } from "@/components/public-page";
import { SiteFooter } from "@/components/site-footer";
import { visibleAreas } from "@/lib/navigation";
import { currentUser } from "@/lib/session";

/**
 * Privacy: the public CCPA pages (do not sell or share, limit, requests) work without an account,
 * inside the public frame; signed in, they and the privacy center appear inside the portal. Pages
 * that need a session (the privacy center) check it themselves.
 */
export default async function PrivacyLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const t = await getTranslations();
  if (!user) {
    return (
      <PublicPage
        actions={
          <Link
            href="/login?callbackUrl=%2Fprivacy"
            className={buttonVariants({ variant: "primary", size: "sm", className: "hidden sm:inline-flex" })}
          >
            {t("privacyPublic.signIn")}
          </Link>
        }
      >
        <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-10">{children}</div>
      </PublicPage>
    );
  }
  return (
    <PortalShell
      brand={<BrandMark href="/dashboard" />}
      nav={visibleAreas(user).map((area) => ({ key: area.key, href: area.href, label: t(`nav.${area.key}`) }))}
      user={{ name: user.name, email: user.email }}
      labels={{
        skipToContent: t("shell.skipToContent"),
        openMenu: t("shell.openMenu"),
        closeMenu: t("shell.closeMenu"),
        primaryNavigation: t("shell.primaryNavigation"),
        userMenu: t("shell.userMenu", { name: user.name }),
        signOut: t("shell.signOut"),
        security: t("shell.security"),
      }}
      headerActions={<HeaderControls />}
      footer={<SiteFooter />}
    >
      {children}
    </PortalShell>
  );
}
