"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { Switch as SwitchPrimitive } from "radix-ui";
import { cn } from "./cn";
import { describedBy, FieldError } from "./field";
import { focusRing } from "./internal/styles";

export type SwitchProps = ComponentProps<typeof SwitchPrimitive.Root>;

/**
 * Bare switch (radix, role="switch"). Inside a `<form>` with a `name` it submits
 * `value` (default "on") when on, nothing when off — like a checkbox.
 */
export function Switch({ className, ...props }: SwitchProps) {
  return (
    <SwitchPrimitive.Root
      className={cn(
        "peer relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full border-2 border-transparent transition-colors",
        "bg-border-strong data-[state=checked]:bg-brand",
        "disabled:cursor-not-allowed disabled:opacity-50",
        focusRing,
        className,
      )}
      {...props}
    >
      <SwitchPrimitive.Thumb
        className={cn(
          "pointer-events-none block size-5 rounded-full bg-surface shadow-sm ring-0 transition-transform data-[state=checked]:bg-brand-foreground motion-reduce:transition-none",
          "translate-x-0 data-[state=checked]:translate-x-5 rtl:data-[state=checked]:-translate-x-5",
        )}
      />
    </SwitchPrimitive.Root>
  );
}

export type SwitchFieldProps = Omit<SwitchProps, "children"> & {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  /** Class for the wrapping div (`className` goes to the switch button). */
  containerClassName?: string;
};

/** Label + description on the left, switch on the right. Clicking the label toggles it. */
export function SwitchField({
  label,
  description,
  error,
  containerClassName,
  id,
  "aria-describedby": ariaDescribedBy,
  ...props
}: SwitchFieldProps) {
  const autoId = useId();
  const switchId = id ?? `${autoId}-switch`;
  const labelId = `${autoId}-label`;
  const descriptionId = description ? `${autoId}-description` : undefined;
  const errorId = error ? `${autoId}-error` : undefined;

  return (
    <div className={cn("flex flex-col gap-1.5", containerClassName)}>
      <div className="flex min-h-11 items-center justify-between gap-4">
        <div className="min-w-0 flex-1">
          <label
            id={labelId}
            htmlFor={switchId}
            className={cn(
              "block cursor-pointer text-sm font-medium text-fg",
              props.disabled && "cursor-not-allowed opacity-60",
            )}
          >
            {label}
          </label>
          {description ? (
            <p id={descriptionId} className="text-sm text-fg-muted">
              {description}
            </p>
          ) : null}
        </div>
        <Switch
          id={switchId}
          aria-labelledby={labelId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(descriptionId, errorId, ariaDescribedBy)}
          {...props}
        />
      </div>
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  );
}
