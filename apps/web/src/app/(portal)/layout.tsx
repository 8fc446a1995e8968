import { coreContext } from "@homeport/core/context";
import { honourPreferenceSignal } from "@homeport/core/privacy/settings";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { HeaderControls } from "@/components/header-controls";
import { PortalShell } from "@/components/portal-shell";
import { SiteFooter } from "@/components/site-footer";
import { visibleAreas } from "@/lib/navigation";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

/** Signed-in pages. Each page still checks the session itself; this layout only frames them. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers();
  const user = await requireUser(requestHeaders.get("x-homeport-path") ?? "/dashboard");
  // §7025: a browser's opt-out preference signal is the known consumer's opt-out, wherever they are.
  if (requestHeaders.get("sec-gpc")?.trim() === "1") {
    await honourPreferenceSignal(
      coreContext(),
      user,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
    );
  }
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
