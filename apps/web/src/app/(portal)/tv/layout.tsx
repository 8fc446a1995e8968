import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SectionNav } from "@/components/section-nav";

/** Every TV page: the guide, what will record, the series manager and the library. */
export default async function TvLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("tv.nav");
  return (
    <div className="flex flex-col gap-6">
      <SectionNav
        label={t("label")}
        items={[
          { href: "/tv", label: t("guide") },
          { href: "/tv/upcoming", label: t("upcoming") },
          { href: "/tv/series", label: t("series") },
          { href: "/tv/recordings", label: t("recordings") },
        ]}
      />
      {children}
    </div>
  );
}
