import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SectionNav } from "@/components/section-nav";

/** Every email page: the household's mailboxes, the server settings and the settings troubleshooter. */
export default async function EmailLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("email.nav");
  return (
    <div className="flex flex-col gap-6">
      <SectionNav
        label={t("label")}
        items={[
          { href: "/email", label: t("mailboxes"), also: "/email/mailboxes" },
          { href: "/email/settings", label: t("settings") },
          { href: "/email/troubleshoot", label: t("troubleshoot") },
        ]}
      />
      {children}
    </div>
  );
}
