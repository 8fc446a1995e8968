import type { ExportText } from "@homeport/core/privacy/jobs";
import { createTranslator } from "next-intl";
import { catalogs } from "../../messages/catalog.ts";

/**
 * The privacy export's readable summary, from the same catalogs as the pages: the job that builds
 * the ZIP runs outside a request, so it gets a translator per language instead of the request's.
 */
export const privacyExportText: ExportText = (locale) => {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "privacyExport" });
  return (key, values) => t(key as never, values as never);
};
