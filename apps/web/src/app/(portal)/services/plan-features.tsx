import type { CatalogEntry, PlanFeature } from "@homeport/core/services/plans";
import { Check } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";

/** What a plan includes, as a checklist: speeds, channels, DVR, calling, data allowance. */
export async function PlanFeatures({ plan }: { plan: CatalogEntry }) {
  const [t, f] = await Promise.all([getTranslations("services.feature"), billingFormatter()]);
  const items: string[] = [];
  for (const feature of plan.features as unknown as PlanFeature[]) {
    const v = feature.values;
    if (feature.key === "speed") {
      items.push(t("speed", { down: f.number(Number(v.down), 0), up: f.number(Number(v.up), 0) }));
    } else if (feature.key === "calling") {
      items.push(t("calling", { region: String(v.region) }));
    } else if (t.has(feature.key)) {
      items.push(t(feature.key as "modem"));
    }
  }
  if (plan.kind === "INTERNET") {
    items.push(plan.dataCapGb === null ? t("unlimitedData") : t("dataAllowance", { gb: f.number(plan.dataCapGb, 0) }));
  }
  if (plan._count.channels > 0) items.push(t("channels", { count: plan._count.channels }));
  if (plan.dvrHours) items.push(t("dvr", { hours: plan.dvrHours, streams: plan.dvrStreams ?? 1 }));
  return (
    <ul className="flex flex-col gap-1.5 text-sm">
      {items.map((item) => (
        <li key={item} className="flex gap-2">
          <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
          <span>{item}</span>
        </li>
      ))}
    </ul>
  );
}
