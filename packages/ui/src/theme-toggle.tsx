"use client";

import { useEffect, useSyncExternalStore } from "react";
import { Check, Monitor, Moon, Sun, SunMoon } from "lucide-react";
import { buttonVariants } from "./button";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";
import { menuItemClass, PopoverMenu } from "./popover-menu";
import { THEME_STORAGE_KEY, type ThemePreference } from "./theme-script";

export type { ThemePreference } from "./theme-script";

/* ------------------------------------------------------------------------ */
/* Store: localStorage + class="dark" on <html>                              */
/* ------------------------------------------------------------------------ */

const DARK_QUERY = "(prefers-color-scheme: dark)";
const listeners = new Set<() => void>();

function readPreference(): ThemePreference {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : "system";
  } catch {
    return "system";
  }
}

function applyPreference(preference: ThemePreference) {
  const dark = preference === "dark" || (preference === "system" && window.matchMedia(DARK_QUERY).matches);
  document.documentElement.classList.toggle("dark", dark);
}

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  // Another tab changed the theme.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    applyPreference(readPreference());
    onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

/** Stores the preference ("homeport-theme" in localStorage) and applies it to <html>. */
export function setThemePreference(preference: ThemePreference) {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Private mode / storage disabled: still apply for this page view.
  }
  applyPreference(preference);
  listeners.forEach((listener) => listener());
}

/**
 * Current preference, or `null` during server render / hydration (unknown
 * until the browser's storage can be read). Follows OS changes in "system".
 */
export function useThemePreference(): [ThemePreference | null, (p: ThemePreference) => void] {
  const preference = useSyncExternalStore<ThemePreference | null>(subscribe, readPreference, () => null);

  useEffect(() => {
    if (preference !== "system") return;
    const media = window.matchMedia(DARK_QUERY);
    const onChange = () => applyPreference("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [preference]);

  return [preference, setThemePreference];
}

/* ------------------------------------------------------------------------ */
/* UI                                                                        */
/* ------------------------------------------------------------------------ */

export type ThemeToggleLabels = {
  /** Name of the control, e.g. "Theme" / "Tema". */
  theme: string;
  light: string;
  dark: string;
  system: string;
};

export type ThemeToggleProps = {
  labels: ThemeToggleLabels;
  /**
   * "menu" (default): an icon button opening a menu of radio items, compact
   * for the header. "segmented": three toggle buttons with `aria-pressed`,
   * for a settings page.
   */
  variant?: "menu" | "segmented";
  className?: string;
};

const options = [
  { value: "light", Icon: Sun },
  { value: "dark", Icon: Moon },
  { value: "system", Icon: Monitor },
] as const;

export function ThemeToggle({ labels, variant = "menu", className }: ThemeToggleProps) {
  const [preference, setPreference] = useThemePreference();

  if (variant === "segmented") {
    return (
      <div
        role="group"
        aria-label={labels.theme}
        className={cn("inline-flex rounded-lg border border-border-strong bg-surface p-0.5", className)}
      >
        {options.map(({ value, Icon }) => {
          const pressed = preference === value;
          return (
            <button
              key={value}
              type="button"
              aria-pressed={preference === null ? undefined : pressed}
              onClick={() => setPreference(value)}
              className={cn(
                "inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-md px-3 text-sm font-medium text-fg-muted transition-colors hover:text-fg",
                pressed && "bg-brand text-brand-foreground hover:text-brand-foreground",
                focusRing,
              )}
            >
              <Icon aria-hidden="true" focusable="false" className="size-4 shrink-0" />
              {labels[value]}
            </button>
          );
        })}
      </div>
    );
  }

  const CurrentIcon =
    preference === "light" ? Sun : preference === "dark" ? Moon : preference === "system" ? Monitor : SunMoon;

  return (
    <PopoverMenu
      triggerClassName={buttonVariants({ variant: "ghost", size: "icon", className })}
      trigger={
        <>
          <CurrentIcon aria-hidden="true" focusable="false" className="size-5" />
          <span className="sr-only">{labels.theme}</span>
        </>
      }
      className="min-w-40"
      header={
        <div role="presentation" className="px-2 py-1.5 text-xs font-semibold text-fg-muted">
          {labels.theme}
        </div>
      }
    >
      {options.map(({ value, Icon }) => (
        <button
          key={value}
          type="button"
          role="menuitemradio"
          aria-checked={preference === value}
          tabIndex={-1}
          data-menu-item=""
          onClick={() => setPreference(value)}
          className={menuItemClass}
        >
          <Icon aria-hidden="true" focusable="false" className="opacity-80" />
          <span className="flex-1">{labels[value]}</span>
          {preference === value ? <Check aria-hidden="true" focusable="false" /> : null}
        </button>
      ))}
    </PopoverMenu>
  );
}
