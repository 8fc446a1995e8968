import type { ComponentProps } from "react";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";
import { Slot } from "./slot";
import { Spinner } from "./spinner";

const variants = {
  primary: "bg-brand text-brand-foreground shadow-xs hover:bg-brand-hover",
  secondary: "border border-border-strong bg-surface text-fg shadow-xs hover:bg-surface-muted",
  ghost: "text-fg hover:bg-fg/8",
  danger: "bg-danger text-danger-foreground shadow-xs hover:bg-danger/90",
  link: "text-brand underline underline-offset-4 hover:decoration-2",
} as const;

const sizes = {
  // Phones get >= 44px targets; from `sm` up the default tightens to 40px.
  sm: "min-h-9 gap-1.5 px-3 text-sm",
  md: "min-h-11 gap-2 px-4 text-base sm:min-h-10 sm:text-sm",
  lg: "min-h-12 gap-2 px-6 text-base",
  icon: "size-11 sm:size-10",
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

/** Class names of a button, for elements that cannot use `<Button asChild>`. */
export function buttonVariants({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return cn(
    "inline-flex cursor-pointer items-center justify-center rounded-lg font-medium whitespace-nowrap transition-colors select-none",
    "disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50",
    "[&_svg]:shrink-0",
    focusRing,
    variants[variant],
    variant === "link" ? "min-h-0 px-0 sm:min-h-0" : sizes[size],
    className,
  );
}

export type ButtonProps = ComponentProps<"button"> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * Render the single child element (e.g. Next's `<Link>`) with the button
   * styles instead of a `<button>`.
   */
  asChild?: boolean;
  /**
   * Shows a spinner, sets `aria-busy` and disables the button. With `asChild`
   * only `aria-busy`/`aria-disabled` are set (links cannot be disabled).
   */
  loading?: boolean;
};

export function Button({
  variant = "primary",
  size = "md",
  asChild = false,
  loading = false,
  disabled,
  type,
  className,
  children,
  ...props
}: ButtonProps) {
  const classes = buttonVariants({ variant, size, className });

  if (asChild) {
    return (
      <Slot
        className={classes}
        aria-busy={loading || undefined}
        aria-disabled={loading || disabled || undefined}
        {...props}
      >
        {children}
      </Slot>
    );
  }

  return (
    <button
      type={type ?? "button"}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...props}
    >
      {loading ? <Spinner size={size === "lg" ? "md" : "sm"} /> : null}
      {children}
    </button>
  );
}
