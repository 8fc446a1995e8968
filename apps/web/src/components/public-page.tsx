import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { BrandMark } from "./brand-mark.tsx";
import { HeaderControls } from "./header-controls.tsx";
import { SiteFooter } from "./site-footer.tsx";

/** Frame for pages seen before signing in: brand, language and theme, content, footer. */
export async function PublicPage({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const t = await getTranslations("shell");
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-brand px-4 py-2 text-brand-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        {t("skipToContent")}
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 sm:px-6">
          <BrandMark />
          <div className="flex items-center gap-2">
            <HeaderControls />
            {actions}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
      <footer className="border-t border-border bg-surface">
        <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6">
          <SiteFooter />
        </div>
      </footer>
    </div>
  );
}
