import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { HeaderControls } from "@/components/header-controls";
import { PortalShell } from "@/components/portal-shell";
import { SiteFooter } from "@/components/site-footer";
import { visibleAreas } from "@/lib/navigation";
import { requireUser } from "@/lib/session";

/** Signed-in pages. Each page still checks the session itself; this layout only frames them. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser((await headers()).get("x-homeport-path") ?? "/dashboard");
  const t = await getTranslations();
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
