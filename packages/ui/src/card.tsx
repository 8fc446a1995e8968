import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type CardProps = ComponentProps<"div">;

/** Bordered surface. Compose with CardHeader / CardContent / CardFooter. */
export function Card({ className, ...props }: CardProps) {
  return (
    <div
      className={cn(
        "flex flex-col gap-4 rounded-lg border border-border bg-surface py-5 text-fg shadow-xs sm:py-6",
        className,
      )}
      {...props}
    />
  );
}

export type CardHeaderProps = ComponentProps<"div"> & {
  /** Right-aligned slot next to the title (e.g. a Badge or a small Button). */
  action?: ReactNode;
};

export function CardHeader({ className, action, children, ...props }: CardHeaderProps) {
  return (
    <div className={cn("flex items-start justify-between gap-3 px-5 sm:px-6", className)} {...props}>
      <div className="flex min-w-0 flex-col gap-1">{children}</div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}

export type CardTitleProps = ComponentProps<"h2"> & {
  /** Heading level to keep the page outline correct. Default h2. */
  as?: "h2" | "h3" | "h4" | "h5" | "h6";
};

export function CardTitle({ as: Heading = "h2", className, ...props }: CardTitleProps) {
  return <Heading className={cn("text-base leading-6 font-semibold text-fg", className)} {...props} />;
}

export type CardDescriptionProps = ComponentProps<"p">;

export function CardDescription({ className, ...props }: CardDescriptionProps) {
  return <p className={cn("text-sm text-fg-muted", className)} {...props} />;
}

export type CardContentProps = ComponentProps<"div">;

export function CardContent({ className, ...props }: CardContentProps) {
  return <div className={cn("px-5 text-sm sm:px-6", className)} {...props} />;
}

export type CardFooterProps = ComponentProps<"div">;

export function CardFooter({ className, ...props }: CardFooterProps) {
  return (
    <div
      className={cn("flex flex-wrap items-center gap-3 border-t border-border px-5 pt-4 sm:px-6", className)}
      {...props}
    />
  );
}
