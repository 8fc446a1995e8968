import type { ComponentProps } from "react";
import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

const sizes = {
  sm: "size-4",
  md: "size-5",
  lg: "size-8",
} as const;

export type SpinnerProps = Omit<ComponentProps<"span">, "children"> & {
  size?: keyof typeof sizes;
  /**
   * Text for screen readers (e.g. "Loading…"). When given, the spinner is a
   * polite `role="status"` region; without it, it is hidden from assistive tech
   * (use that inside a button that already has `aria-busy`).
   */
  label?: string;
};

export function Spinner({ size = "md", label, className, ...props }: SpinnerProps) {
  return (
    <span
      role={label ? "status" : undefined}
      aria-hidden={label ? undefined : true}
      className={cn("inline-flex shrink-0 items-center justify-center", className)}
      {...props}
    >
      <LoaderCircle
        aria-hidden="true"
        focusable="false"
        className={cn(sizes[size], "animate-spin motion-reduce:animate-[spin_1.5s_linear_infinite]")}
      />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
