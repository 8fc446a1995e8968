"use client";

import { type KeyboardEvent, type ReactNode, type ToggleEvent, useId, useRef, useState } from "react";
import { cn } from "./cn";

export type PopoverMenuProps = {
  /** What the trigger button shows; give it an accessible name (text or sr-only text). */
  trigger: ReactNode;
  triggerClassName?: string;
  /** Extra classes for the panel. */
  className?: string;
  /** The menu's items: elements with role="menuitem" / "menuitemradio" and `data-menu-item`. */
  children: ReactNode;
  /** A heading shown above the items (not focusable). */
  header?: ReactNode;
};

const ITEM_SELECTOR = "[data-menu-item]:not([aria-disabled='true'])";

/**
 * A menu button on the browser's own popover (top layer, light dismiss, Escape), with the menu
 * pattern's keyboard: arrows, Home and End move between items, Tab leaves and closes. It replaces
 * a dropdown library in the header, where every page pays for its JavaScript.
 */
export function PopoverMenu({ trigger, triggerClassName, className, children, header }: PopoverMenuProps) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  const items = () => [...(panel.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? [])];

  function place() {
    const trigger = button.current?.getBoundingClientRect();
    const menu = panel.current;
    if (!trigger || !menu) return;
    // Below the button, or above it when there is no room below (the phone drawer's footer).
    const below = trigger.bottom + 6;
    const fitsBelow = below + menu.offsetHeight <= window.innerHeight - 8;
    menu.style.top = `${Math.round(fitsBelow ? below : Math.max(8, trigger.top - 6 - menu.offsetHeight))}px`;
    // Its end lines up with the button's, but it never runs off the start of the screen.
    const right = Math.max(8, Math.min(window.innerWidth - trigger.right, window.innerWidth - 8 - menu.offsetWidth));
    menu.style.right = `${Math.round(right)}px`;
  }

  function onToggle(event: ToggleEvent<HTMLDivElement>) {
    const opened = event.newState === "open";
    setOpen(opened);
    if (!opened) return;
    place();
    const all = items();
    (all.find((item) => item.getAttribute("aria-checked") === "true") ?? all[0])?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moveTo = (index: number) => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    if (event.key === "ArrowDown") moveTo(at + 1);
    else if (event.key === "ArrowUp") moveTo(at - 1);
    else if (event.key === "Home") moveTo(0);
    else if (event.key === "End") moveTo(all.length - 1);
    else if (event.key === "Tab") panel.current?.hidePopover();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        popoverTarget={id}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        ref={panel}
        id={id}
        popover="auto"
        role="menu"
        onToggle={onToggle}
        onKeyDown={onKeyDown}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest(ITEM_SELECTOR)) panel.current?.hidePopover();
        }}
        className={cn(
          "fixed inset-auto m-0 max-w-[calc(100vw-1rem)] rounded-lg border border-border bg-surface p-1 text-fg shadow-lg",
          "motion-safe:open:animate-hp-fade-in",
          className,
        )}
      >
        {header}
        {children}
      </div>
    </>
  );
}

/** Classes for a menu item: a strong highlight where the keyboard is. */
export const menuItemClass = cn(
  "flex min-h-11 w-full cursor-pointer items-center gap-2 rounded-md px-2 text-start text-sm text-fg outline-none select-none sm:min-h-10",
  "hover:bg-brand hover:text-brand-foreground focus:bg-brand focus:text-brand-foreground",
  "[&_svg]:size-4 [&_svg]:shrink-0",
);
