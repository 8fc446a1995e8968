import type { ComponentProps } from "react";
import { cn } from "./cn";

export type SkeletonProps = ComponentProps<"div">;

/**
 * Loading placeholder, hidden from assistive tech. Announce loading on the
 * container instead (e.g. `aria-busy="true"` or a `<Spinner label=…>`).
 */
export function Skeleton({ className, ...props }: SkeletonProps) {
  return (
    <div aria-hidden="true" className={cn("h-4 rounded-md bg-fg/10 motion-safe:animate-pulse", className)} {...props} />
  );
}

export type SkeletonTextProps = ComponentProps<"div"> & {
  /** Number of lines. Default 3; the last one is shorter. */
  lines?: number;
};

export function SkeletonText({ lines = 3, className, ...props }: SkeletonTextProps) {
  return (
    <div aria-hidden="true" className={cn("flex flex-col gap-2", className)} {...props}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn("h-4", i === lines - 1 && lines > 1 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}
