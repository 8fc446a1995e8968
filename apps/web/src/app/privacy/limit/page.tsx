import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { OptOutPage } from "../_public/opt-out-page.tsx";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacyPublic");
  return { title: t("limit.title") };
}

export default function LimitSensitivePage() {
  return <OptOutPage kind="limit" />;
}
