"use client";

import { Fragment, type ElementType, type MouseEventHandler, type ReactNode } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";
import { menuItemClass, PopoverMenu } from "./popover-menu";

/** Props the link component (e.g. Next's `Link`) receives. */
export type UserMenuLinkProps = {
  href: string;
  className?: string;
  children?: ReactNode;
  onClick?: MouseEventHandler<HTMLAnchorElement>;
  role?: string;
  tabIndex?: number;
};

export type UserMenuItem = {
  label: ReactNode;
  /** Renders the item as a link (through LinkComponent). */
  href?: string;
  /** Called when chosen by click, Enter or Space (e.g. sign out). */
  onSelect?: () => void;
  /** Decorative icon. */
  icon?: ReactNode;
  /** Red text, e.g. for "Sign out". */
  destructive?: boolean;
  /** Draw a divider above this item. */
  separatorBefore?: boolean;
  disabled?: boolean;
};

export type UserMenuProps = {
  /** Display name; visible from `sm` up, always read by screen readers. */
  name: string;
  /** Secondary line shown at the top of the menu (e.g. e-mail). */
  email?: string;
  /** Defaults to the first letters of the first and last words of `name`. */
  initials?: string;
  /** Avatar image URL; falls back to initials. Decorative (alt=""). */
  avatarUrl?: string;
  items: UserMenuItem[];
  /** Translated purpose of the button, read after the name, e.g. "Account menu". */
  triggerLabel: string;
  LinkComponent?: ElementType<UserMenuLinkProps>;
  className?: string;
};

function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** Account menu for the header: avatar/initials + name, then the given items. */
export function UserMenu({
  name,
  email,
  initials,
  avatarUrl,
  items,
  triggerLabel,
  LinkComponent = "a",
  className,
}: UserMenuProps) {
  return (
    <PopoverMenu
      triggerClassName={cn(
        "inline-flex min-h-11 max-w-56 cursor-pointer items-center gap-2 rounded-lg p-1 text-sm font-medium text-fg transition-colors hover:bg-fg/8 sm:min-h-10 sm:pe-2",
        focusRing,
        className,
      )}
      trigger={
        <>
          <span
            aria-hidden="true"
            className="flex size-9 shrink-0 items-center justify-center overflow-hidden rounded-full bg-brand text-sm font-semibold text-brand-foreground sm:size-8"
          >
            {avatarUrl ? (
              <img src={avatarUrl} alt="" className="size-full object-cover" />
            ) : (
              (initials ?? initialsOf(name))
            )}
          </span>
          <span className="sr-only truncate sm:not-sr-only">{name}</span>
          <span className="sr-only">{triggerLabel}</span>
          <ChevronDown aria-hidden="true" focusable="false" className="hidden size-4 shrink-0 text-fg-muted sm:block" />
        </>
      }
      className="min-w-56"
      header={
        <>
          <div role="presentation" className="flex flex-col px-2 py-2">
            <span className="truncate text-sm font-semibold">{name}</span>
            {email ? <span className="truncate text-xs text-fg-muted">{email}</span> : null}
          </div>
          <div role="separator" className="my-1 h-px bg-border" />
        </>
      }
    >
      {items.map((item, i) => {
        const content = (
          <>
            {item.icon ? (
              <span aria-hidden="true" className="opacity-80">
                {item.icon}
              </span>
            ) : null}
            <span className="flex-1 truncate">{item.label}</span>
          </>
        );
        const cls = cn(
          menuItemClass,
          item.destructive &&
            "text-danger hover:bg-danger hover:text-danger-foreground focus:bg-danger focus:text-danger-foreground",
          item.disabled && "pointer-events-none opacity-50",
        );
        const common = {
          role: "menuitem",
          tabIndex: -1,
          "data-menu-item": "",
          "aria-disabled": item.disabled || undefined,
        } as const;
        return (
          <Fragment key={i}>
            {item.separatorBefore ? <div role="separator" className="my-1 h-px bg-border" /> : null}
            {item.href ? (
              <LinkComponent href={item.href} className={cls} onClick={item.onSelect} {...common}>
                {content}
              </LinkComponent>
            ) : (
              <button type="button" className={cls} onClick={item.onSelect} {...common}>
                {content}
              </button>
            )}
          </Fragment>
        );
      })}
    </PopoverMenu>
  );
}
