import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

export type PageHeaderProps = Omit<ComponentProps<"div">, "title"> & {
  /** Rendered as the page's single `<h1>`. */
  title: ReactNode;
  description?: ReactNode;
  /** Buttons/links on the right (below the title on phones). */
  actions?: ReactNode;
  /** Shown above the title, e.g. `<Breadcrumbs>`. */
  breadcrumbs?: ReactNode;
};

export function PageHeader({ title, description, actions, breadcrumbs, className, ...props }: PageHeaderProps) {
  return (
    <div className={cn("mb-6 flex flex-col gap-3 sm:mb-8", className)} {...props}>
      {breadcrumbs ? <div>{breadcrumbs}</div> : null}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-fg sm:text-3xl">{title}</h1>
          {description ? <p className="max-w-3xl text-base text-fg-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
