import { connection } from "next/server";
import { getTranslations } from "next-intl/server";

export const metadata = { title: "Reference", robots: { index: false } };

/**
 * The smallest dynamic page the portal serves, through the same root layout as every other page:
 * the benchmark's baseline, so page costs are read as a ratio to what Next itself costs here.
 */
export default async function ReferencePage() {
  await connection();
  const t = await getTranslations("reference");
  return (
    <main id="main" className="p-8">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>
        <time dateTime={new Date().toISOString()}>{new Date().toISOString()}</time>
      </p>
    </main>
  );
}
