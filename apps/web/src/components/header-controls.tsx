import { ThemeToggle } from "@homeport/ui/theme-toggle";
import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES } from "@/i18n/locales";
import { LanguageSwitcher } from "./language-switcher.tsx";

/** Language and theme, in every header. */
export async function HeaderControls() {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return (
    <div className="flex items-center gap-2">
      <LanguageSwitcher
        current={locale}
        label={t("language.label")}
        applyLabel={t("language.apply")}
        options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
      />
      <ThemeToggle
        labels={{ theme: t("theme.label"), light: t("theme.light"), dark: t("theme.dark"), system: t("theme.system") }}
      />
    </div>
  );
}
