import type { listPayments } from "@homeport/core/billing/history";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";

type PaymentRow = Awaited<ReturnType<typeof listPayments>>["rows"][number];

const STATUS_BADGE: Record<PaymentRow["status"], BadgeVariant> = {
  SUCCEEDED: "success",
  PENDING: "info",
  REQUIRES_ACTION: "warning",
  FAILED: "danger",
  REFUNDED: "neutral",
};

export async function PaymentList({
  payments,
  timeZone,
  compact = false,
}: {
  payments: PaymentRow[];
  timeZone: string;
  compact?: boolean;
}) {
  const [t, f] = await Promise.all([getTranslations("billing"), billingFormatter()]);
  if (payments.length === 0) return <p className="text-sm text-fg-muted">{t("history.empty")}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border">
      {payments.map((p) => (
        <li
          key={p.id}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3 first:pt-0 last:pb-0"
        >
          <div className="flex min-w-0 flex-col">
            <Link href={`/billing/payments/${p.id}`} className="font-medium underline-offset-4 hover:underline">
              {f.money(p.amountCents)}
              <span className="sr-only"> {t("history.receiptFor", { receipt: p.receiptNumber })}</span>
            </Link>
            <span className="text-sm text-fg-muted">
              {f.instant(p.createdAt, timeZone)} ·{" "}
              {t("method.short", {
                brand: t.has(`brand.${p.methodBrand}`) ? t(`brand.${p.methodBrand}` as "brand.visa") : p.methodBrand,
                last4: p.methodLast4,
              })}
              {compact ? null : ` · ${t(`source.${p.source}`)}`}
            </span>
          </div>
          <Badge variant={STATUS_BADGE[p.status]}>{t(`status.${p.status}`)}</Badge>
        </li>
      ))}
    </ul>
  );
}
