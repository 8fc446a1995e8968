import type { ComponentProps } from "react";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";

export type TableProps = ComponentProps<"table"> & {
  /**
   * Accessible name for the scroll container (e.g. the table's caption text).
   * When given, the wrapper becomes a focusable `role="region"` so keyboard
   * users can scroll it horizontally on narrow screens. Recommended.
   */
  regionLabel?: string;
  /** Class for the horizontally scrollable wrapper. */
  containerClassName?: string;
};

/** Table inside a bordered wrapper that scrolls horizontally on phones (the page never does). */
export function Table({ regionLabel, containerClassName, className, ...props }: TableProps) {
  return (
    <div
      role={regionLabel ? "region" : undefined}
      aria-label={regionLabel}
      tabIndex={regionLabel ? 0 : undefined}
      className={cn(
        "relative w-full overflow-x-auto rounded-lg border border-border bg-surface",
        focusRing,
        containerClassName,
      )}
    >
      <table className={cn("w-full border-collapse text-sm text-fg", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("bg-surface-muted", className)} {...props} />;
}

export function TableBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("[&>tr]:border-t [&>tr]:border-border", className)} {...props} />;
}

export function TableFooter({ className, ...props }: ComponentProps<"tfoot">) {
  return <tfoot className={cn("border-t border-border bg-surface-muted font-medium", className)} {...props} />;
}

export function TableRow({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors", className)} {...props} />;
}

/** Header cell; `scope="col"` by default (pass `scope="row"` for row headers). */
export function TableHead({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-11 px-4 text-start align-middle text-xs font-semibold tracking-wide whitespace-nowrap text-fg-muted uppercase",
        scope === "row" && "h-auto py-3 text-sm font-medium tracking-normal text-fg normal-case",
        className,
      )}
      {...props}
    />
  );
}

/** Data cell. Does not wrap by default (the wrapper scrolls); add `whitespace-normal` for long text. */
export function TableCell({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 align-middle whitespace-nowrap", className)} {...props} />;
}

export type TableCaptionProps = ComponentProps<"caption"> & {
  /** Keep the caption for screen readers only. */
  visuallyHidden?: boolean;
};

export function TableCaption({ visuallyHidden, className, ...props }: TableCaptionProps) {
  return (
    <caption
      className={cn(
        visuallyHidden ? "sr-only" : "caption-top px-4 pt-3 pb-2 text-start text-sm font-medium text-fg-muted",
        className,
      )}
      {...props}
    />
  );
}
