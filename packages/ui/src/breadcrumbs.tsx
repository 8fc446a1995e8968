import type { ComponentProps, ElementType, MouseEventHandler, ReactNode } from "react";
import { ChevronRight } from "lucide-react";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";

/** Props the link component (e.g. Next's `Link`) receives. */
export type BreadcrumbLinkProps = {
  href: string;
  className?: string;
  children?: ReactNode;
  onClick?: MouseEventHandler<HTMLAnchorElement>;
};

export type BreadcrumbItem = { label: ReactNode; href?: string };

export type BreadcrumbsProps = Omit<ComponentProps<"nav">, "children"> & {
  /** Translated landmark name, e.g. "Breadcrumb". */
  label: string;
  /** Last item is the current page (rendered with aria-current="page", no link). */
  items: BreadcrumbItem[];
  LinkComponent?: ElementType<BreadcrumbLinkProps>;
};

export function Breadcrumbs({ label, items, LinkComponent = "a", className, ...props }: BreadcrumbsProps) {
  return (
    <nav aria-label={label} className={cn("text-sm", className)} {...props}>
      <ol className="flex flex-wrap items-center gap-1.5 text-fg-muted">
        {items.map((item, i) => {
          const isLast = i === items.length - 1;
          return (
            <li key={i} className="flex items-center gap-1.5">
              {isLast || !item.href ? (
                <span aria-current={isLast ? "page" : undefined} className={cn(isLast && "font-medium text-fg")}>
                  {item.label}
                </span>
              ) : (
                <LinkComponent
                  href={item.href}
                  className={cn("rounded-sm underline-offset-4 hover:text-fg hover:underline", focusRing)}
                >
                  {item.label}
                </LinkComponent>
              )}
              {isLast ? null : (
                <ChevronRight aria-hidden="true" focusable="false" className="size-4 shrink-0 rtl:rotate-180" />
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
