import { can } from "@homeport/core/admin/permissions";
import { ShieldAlert } from "lucide-react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SectionNav } from "@/components/section-nav";
import { requireUser } from "@/lib/session";
import { ADMIN_AREAS } from "./admin-areas.ts";

/**
 * The staff console looks different from the subscriber portal on purpose (a dark band naming it
 * and saying that actions are recorded), so nobody mistakes one for the other. Each page still
 * checks its own permission; this only frames them.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser("/admin");
  if (!user.staffRole) notFound();
  const t = await getTranslations("adminConsole");
  const areas = ADMIN_AREAS.filter((area) => can(user, area.permission));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg bg-fg px-4 py-3 text-sm text-surface">
        <span className="flex items-center gap-2 font-semibold">
          <ShieldAlert aria-hidden="true" className="size-4" />
          {t("title")}
        </span>
        <span className="opacity-80">{t("recorded", { role: t(`roles.${user.staffRole}` as never) })}</span>
      </div>
      <SectionNav
        label={t("navLabel")}
        items={areas.map((area) => ({ href: area.href, label: t(`areas.${area.key}` as never) }))}
      />
      {children}
    </div>
  );
}
