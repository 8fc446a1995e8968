import { getTranslations } from "next-intl/server";
import type { CardFieldLabels } from "./card-fields.tsx";

export async function cardFieldLabels(): Promise<CardFieldLabels> {
  const t = await getTranslations("billing.card");
  return {
    number: t("number"),
    expiry: t("expiry"),
    expiryHint: t("expiryHint"),
    cvc: t("cvc"),
    cvcHint: t("cvcHint"),
    name: t("name"),
    postal: t("postal"),
    optional: t("optional"),
  };
}

/** "Visa •••• 4242" in the reader's language. */
export async function methodLabeller() {
  const t = await getTranslations("billing");
  return (m: { brand: string; last4: string; kind?: string }) =>
    t("method.short", {
      brand: t.has(`brand.${m.brand}`) ? t(`brand.${m.brand}` as "brand.visa") : m.brand,
      last4: m.last4,
    });
}
