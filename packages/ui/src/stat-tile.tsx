import type { ComponentProps, ReactNode } from "react";
import { Minus, TrendingDown, TrendingUp } from "lucide-react";
import { cn } from "./cn";

export type StatTrend = {
  direction: "up" | "down" | "flat";
  /**
   * Full text of the trend, e.g. "Up 12% since last month". The arrow icon is
   * decorative, so the words must carry the meaning.
   */
  label: ReactNode;
  /** Whether the change is good news (green), bad (red) or neutral. Default neutral. */
  tone?: "positive" | "negative" | "neutral";
};

export type StatTileProps = Omit<ComponentProps<"div">, "children"> & {
  label: ReactNode;
  value: ReactNode;
  sublabel?: ReactNode;
  trend?: StatTrend;
  /** Decorative icon shown top-right. */
  icon?: ReactNode;
  /** Slot at the bottom, e.g. `<Button asChild variant="link"><Link href=…>…</Link></Button>`. */
  action?: ReactNode;
  /** Extra content under the value. */
  children?: ReactNode;
};

const toneClass = {
  positive: "text-success",
  negative: "text-danger",
  neutral: "text-fg-muted",
} as const;

const trendIcon = { up: TrendingUp, down: TrendingDown, flat: Minus } as const;

/** A key figure (balance, data used, next bill…) as a description list. */
export function StatTile({
  label,
  value,
  sublabel,
  trend,
  icon,
  action,
  children,
  className,
  ...props
}: StatTileProps) {
  const TrendIcon = trend ? trendIcon[trend.direction] : null;
  return (
    <div
      className={cn("flex flex-col gap-3 rounded-lg border border-border bg-surface p-5 text-fg shadow-xs", className)}
      {...props}
    >
      <div className="flex items-start justify-between gap-3">
        <dl className="flex min-w-0 flex-col">
          <dt className="text-sm font-medium text-fg-muted">{label}</dt>
          <dd className="mt-1 text-2xl font-semibold tracking-tight break-words tabular-nums">{value}</dd>
          {sublabel ? <dd className="mt-1 text-sm text-fg-muted">{sublabel}</dd> : null}
          {trend && TrendIcon ? (
            <dd className={cn("mt-2 flex items-center gap-1 text-sm font-medium", toneClass[trend.tone ?? "neutral"])}>
              <TrendIcon aria-hidden="true" focusable="false" className="size-4 shrink-0" />
              <span>{trend.label}</span>
            </dd>
          ) : null}
        </dl>
        {icon ? (
          <span
            aria-hidden="true"
            className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand/10 text-brand [&_svg]:size-5"
          >
            {icon}
          </span>
        ) : null}
      </div>
      {children}
      {action ? <div className="mt-auto">{action}</div> : null}
    </div>
  );
}
