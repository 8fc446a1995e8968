import type { ComponentProps, ReactNode } from "react";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "./cn";

const variants = {
  info: { box: "border-info/30 bg-info/8", icon: "text-info", Icon: Info },
  success: {
    box: "border-success/30 bg-success/8",
    icon: "text-success",
    Icon: CircleCheck,
  },
  warning: {
    box: "border-warning/30 bg-warning/8",
    icon: "text-warning",
    Icon: TriangleAlert,
  },
  danger: {
    box: "border-danger/30 bg-danger/8",
    icon: "text-danger",
    Icon: CircleAlert,
  },
} as const;

export type AlertVariant = keyof typeof variants;

export type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  variant?: AlertVariant;
  title?: ReactNode;
  /** Replace the default icon, or `false` for none. */
  icon?: ReactNode | false;
  /** Slot on the right (or below on phones), e.g. a Button. */
  action?: ReactNode;
};

/**
 * Inline message. `role="alert"` for danger (announced immediately),
 * `role="status"` (polite) otherwise; override with `role` if needed.
 */
export function Alert({ variant = "info", title, icon, action, className, children, ...props }: AlertProps) {
  const v = variants[variant];
  const IconComponent = v.Icon;
  return (
    <div
      role={variant === "danger" ? "alert" : "status"}
      className={cn(
        "flex flex-col gap-3 rounded-lg border p-4 text-sm text-fg sm:flex-row sm:items-start",
        v.box,
        className,
      )}
      {...props}
    >
      <div className="flex min-w-0 flex-1 gap-3">
        {icon === false ? null : (
          <span aria-hidden="true" className={cn("mt-0.5 shrink-0 [&_svg]:size-5", v.icon)}>
            {icon ?? <IconComponent focusable="false" />}
          </span>
        )}
        <div className="flex min-w-0 flex-col gap-1">
          {title ? <p className="font-semibold">{title}</p> : null}
          {children ? <div className="[&_a]:font-medium [&_a]:underline">{children}</div> : null}
        </div>
      </div>
      {action ? <div className="shrink-0 ps-8 sm:ps-0">{action}</div> : null}
    </div>
  );
}
