"use client";

import { useEffect, useId, useRef, useState, type ElementType, type MouseEventHandler, type ReactNode } from "react";
import { Menu, X } from "lucide-react";
import { buttonVariants } from "./button";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";

export type AppShellNavItem = {
  href: string;
  label: string;
  /** Decorative icon (hidden from screen readers). */
  icon?: ReactNode;
  /** The caller computes this from the pathname; renders aria-current="page". */
  active?: boolean;
};

/** Props the link component (e.g. Next's `Link`) receives. */
export type AppShellLinkProps = {
  href: string;
  className?: string;
  children?: ReactNode;
  onClick?: MouseEventHandler<HTMLAnchorElement>;
  "aria-current"?: "page" | undefined;
};

export type AppShellLabels = {
  /** "Skip to main content" */
  skipToContent: string;
  /** "Open menu" (phone menu button) */
  openMenu: string;
  /** "Close menu" (drawer close button) */
  closeMenu: string;
  /** "Main navigation" (nav landmark + drawer title) */
  primaryNavigation: string;
};

export type AppShellProps = {
  /** Logo / product name (a link to the home page, typically). */
  brand: ReactNode;
  nav: AppShellNavItem[];
  /** Link component for nav items, e.g. Next's `Link`. Defaults to "a". */
  LinkComponent?: ElementType<AppShellLinkProps>;
  /** Right end of the header, e.g. `<UserMenu>`. */
  userMenu?: ReactNode;
  /** Header slot before the user menu, e.g. language switcher + `<ThemeToggle>`. */
  headerActions?: ReactNode;
  /** Site footer (contentinfo landmark) under the main content. */
  footer?: ReactNode;
  /** Extra content at the bottom of the sidebar and the phone drawer. */
  sidebarFooter?: ReactNode;
  /** Extra content at the bottom of the phone drawer only, e.g. header controls that do not fit on a phone. */
  drawerFooter?: ReactNode;
  labels: AppShellLabels;
  /** Class for the inner container of <main> (default: centred, max-w-6xl, padded). */
  mainClassName?: string;
  children: ReactNode;
};

const LG_QUERY = "(min-width: 64rem)";

function NavLinks({
  items,
  LinkComponent,
  onNavigate,
}: {
  items: AppShellNavItem[];
  LinkComponent: ElementType<AppShellLinkProps>;
  onNavigate?: () => void;
}) {
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item) => (
        <li key={item.href}>
          <LinkComponent
            href={item.href}
            aria-current={item.active ? "page" : undefined}
            onClick={onNavigate}
            className={cn(
              "relative flex min-h-11 items-center gap-3 rounded-lg px-3 text-sm font-medium transition-colors [&_svg]:size-5 [&_svg]:shrink-0",
              item.active
                ? "bg-brand/10 font-semibold text-brand before:absolute before:inset-y-2 before:start-0 before:w-1 before:rounded-full before:bg-brand"
                : "text-fg-muted hover:bg-fg/5 hover:text-fg",
              focusRing,
            )}
          >
            {item.icon ? <span aria-hidden="true">{item.icon}</span> : null}
            <span className="min-w-0 truncate">{item.label}</span>
          </LinkComponent>
        </li>
      ))}
    </ul>
  );
}

/**
 * Responsive portal layout. lg+: fixed left sidebar with the nav + top header.
 * Phones/tablets: top bar with a menu button opening the nav in a modal
 * drawer (focus trapped, Escape closes, choosing a link closes).
 * Renders `<main id="main" tabIndex={-1}>` and a skip link to it.
 */
export function AppShell({
  brand,
  nav,
  LinkComponent = "a",
  userMenu,
  headerActions,
  footer,
  sidebarFooter,
  drawerFooter,
  labels,
  mainClassName,
  children,
}: AppShellProps) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const drawer = useRef<HTMLDialogElement>(null);
  const drawerId = useId();

  // The native modal dialog traps focus, closes on Escape and returns focus to the menu button.
  useEffect(() => {
    const dialog = drawer.current;
    if (!dialog) return;
    if (drawerOpen && !dialog.open) dialog.showModal();
    if (!drawerOpen && dialog.open) dialog.close();
  }, [drawerOpen]);

  // Close the drawer when the route changes (e.g. browser back button)…
  const activeHref = nav.find((item) => item.active)?.href;
  const [lastActiveHref, setLastActiveHref] = useState(activeHref);
  if (lastActiveHref !== activeHref) {
    setLastActiveHref(activeHref);
    setDrawerOpen(false);
  }

  // …and when the viewport grows to the desktop layout, so only one nav is exposed.
  useEffect(() => {
    const media = window.matchMedia(LG_QUERY);
    const onChange = () => {
      if (media.matches) setDrawerOpen(false);
    };
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  return (
    <div className="min-h-dvh bg-surface-muted text-fg">
      <a
        href="#main"
        onClick={() => document.getElementById("main")?.focus()}
        className={cn(
          "sr-only focus:not-sr-only focus:fixed focus:start-3 focus:top-3 focus:z-[100] focus:rounded-lg focus:bg-brand focus:px-4 focus:py-3 focus:text-sm focus:font-semibold focus:text-brand-foreground focus:shadow-lg",
          focusRing,
        )}
      >
        {labels.skipToContent}
      </a>

      {/* Desktop sidebar (the whole column is the nav landmark, so the brand is inside a landmark too). */}
      <nav
        aria-label={labels.primaryNavigation}
        className="hidden border-e border-border bg-surface lg:fixed lg:inset-y-0 lg:start-0 lg:z-40 lg:flex lg:w-64 lg:flex-col"
      >
        <div className="flex h-16 shrink-0 items-center border-b border-border px-6">{brand}</div>
        <div className="flex-1 overflow-y-auto p-3">
          <NavLinks items={nav} LinkComponent={LinkComponent} />
        </div>
        {sidebarFooter ? <div className="shrink-0 border-t border-border p-3">{sidebarFooter}</div> : null}
      </nav>

      <div className="flex min-h-dvh min-w-0 flex-col lg:ps-64">
        <header className="sticky top-0 z-30 border-b border-border bg-surface">
          <div className="flex h-16 items-center gap-2 px-3 sm:px-4 lg:px-8">
            <button
              type="button"
              aria-label={labels.openMenu}
              aria-expanded={drawerOpen}
              aria-controls={drawerId}
              onClick={() => setDrawerOpen(true)}
              className={buttonVariants({ variant: "ghost", size: "icon", className: "shrink-0 lg:hidden" })}
            >
              <Menu aria-hidden="true" focusable="false" className="size-6" />
            </button>
            <dialog
              ref={drawer}
              id={drawerId}
              aria-label={labels.primaryNavigation}
              onClose={() => setDrawerOpen(false)}
              onClick={(event) => {
                // A click on the backdrop lands on the dialog itself.
                if (event.target === event.currentTarget) setDrawerOpen(false);
              }}
              className="fixed inset-y-0 start-0 m-0 h-dvh max-h-none w-[min(20rem,calc(100vw-3rem))] max-w-none flex-col border-0 bg-surface p-0 text-fg shadow-xl outline-none open:flex backdrop:bg-overlay lg:hidden motion-safe:open:animate-hp-drawer-in"
            >
              <div className="flex h-16 shrink-0 items-center justify-between gap-2 border-b border-border ps-4 pe-2">
                <div className="min-w-0 truncate">{brand}</div>
                <button
                  type="button"
                  aria-label={labels.closeMenu}
                  onClick={() => setDrawerOpen(false)}
                  className={buttonVariants({ variant: "ghost", size: "icon", className: "shrink-0" })}
                >
                  <X aria-hidden="true" focusable="false" className="size-6" />
                </button>
              </div>
              <nav aria-label={labels.primaryNavigation} className="flex-1 overflow-y-auto p-3">
                <NavLinks items={nav} LinkComponent={LinkComponent} onNavigate={() => setDrawerOpen(false)} />
              </nav>
              {sidebarFooter || drawerFooter ? (
                <div className="shrink-0 border-t border-border p-3">
                  {sidebarFooter}
                  {drawerFooter}
                </div>
              ) : null}
            </dialog>

            <div className="flex min-w-0 flex-1 items-center lg:hidden">
              <div className="min-w-0 truncate">{brand}</div>
            </div>
            <div className="hidden lg:block lg:flex-1" />

            {headerActions ? <div className="flex shrink-0 items-center gap-1">{headerActions}</div> : null}
            {userMenu ? <div className="shrink-0">{userMenu}</div> : null}
          </div>
        </header>

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          <div className={cn("mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8", mainClassName)}>
            {children}
          </div>
        </main>

        {footer ? (
          <footer className="border-t border-border bg-surface px-4 py-6 text-sm text-fg-muted sm:px-6 lg:px-8">
            {footer}
          </footer>
        ) : null}
      </div>
    </div>
  );
}
