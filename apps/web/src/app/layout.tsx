import { themeInitScript } from "@homeport/ui/theme-script";
import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ErrorTextProvider } from "@/components/error-text";
import { brand } from "@/lib/brand";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  const { name } = brand();
  return {
    title: { default: t("title", { brand: name }), template: `%s · ${name}` },
    description: t("description", { brand: name }),
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1220" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, t, nonce] = await Promise.all([
    getLocale(),
    getTranslations("errors"),
    headers().then((h) => h.get("x-nonce") ?? undefined),
  ]);
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="min-h-dvh bg-surface-muted font-sans text-fg antialiased">
        {/* Client components get their words as props; the catalog stays on the server. */}
        <ErrorTextProvider value={{ errorTitle: t("errorTitle"), errorBody: t("errorBody"), retry: t("retry") }}>
          {children}
        </ErrorTextProvider>
      </body>
    </html>
  );
}
