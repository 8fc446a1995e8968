import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SectionNav } from "@/components/section-nav";

/** Every billing page: the section's tabs and, with the demo gateway, the notice that no money moves. */
export default async function BillingLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("billing");
  const demo = coreContext().payments.kind === "DEMO";
  return (
    <div className="flex flex-col gap-6">
      <SectionNav
        label={t("nav.label")}
        items={[
          { href: "/billing", label: t("nav.overview") },
          { href: "/billing/statements", label: t("nav.statements") },
          { href: "/billing/pay", label: t("nav.pay") },
          { href: "/billing/history", label: t("nav.history"), also: "/billing/payments" },
          { href: "/billing/methods", label: t("nav.methods") },
          { href: "/billing/autopay", label: t("nav.autopay") },
        ]}
      />
      {demo ? (
        <Alert variant="info" title={t("demo.title")}>
          {t("demo.body")}
        </Alert>
      ) : null}
      {children}
    </div>
  );
}
