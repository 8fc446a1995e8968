import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogs } from "../../messages/catalog.ts";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "./locales.ts";

/** Language from the visitor's choice (cookie), else the browser's Accept-Language. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale((await headers()).get("accept-language"));
  return {
    locale,
    messages: catalogs[locale],
  };
});
