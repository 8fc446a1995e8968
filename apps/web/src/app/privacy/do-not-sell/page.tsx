import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OptOutPage } from "../_public/opt-out-page.tsx";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacyPublic");
  return { title: t("doNotSell.title") };
}

export default function DoNotSellPage() {
  return <OptOutPage kind="doNotSell" />;
}
