/*
 * Not a client module: a Server Component (the root layout) imports the
 * string below and inlines it in <head>.
 */

/** localStorage key holding "light" | "dark" | "system" (absent = "system"). */
export const THEME_STORAGE_KEY = "homeport-theme";

export type ThemePreference = "light" | "dark" | "system";

/**
 * Inline, render-blocking script that applies the stored theme before first
 * paint (no flash). Usage in app/layout.tsx:
 *
 *   <html lang={locale} suppressHydrationWarning>
 *     <head>
 *       <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
 *     </head>
 *
 * (`suppressHydrationWarning` because the script adds class="dark" to <html>
 * before React hydrates.) Keep the key in sync with THEME_STORAGE_KEY.
 */
export const themeInitScript =
  '(function(){try{var t=localStorage.getItem("homeport-theme");var d=t==="dark"||(t!=="light"&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);}catch(e){}})();';
