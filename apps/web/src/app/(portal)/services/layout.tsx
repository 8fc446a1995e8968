import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SectionNav } from "@/components/section-nav";

/** Every services page: the section's tabs. */
export default async function ServicesLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("services.nav");
  return (
    <div className="flex flex-col gap-6">
      <SectionNav
        label={t("label")}
        items={[
          { href: "/services", label: t("overview") },
          { href: "/services/plans", label: t("plans"), also: "/services/change" },
          { href: "/services/equipment", label: t("equipment") },
          { href: "/services/wifi", label: t("wifi") },
          { href: "/services/outages", label: t("outages") },
          { href: "/services/appointments", label: t("appointments") },
        ]}
      />
      {children}
    </div>
  );
}
