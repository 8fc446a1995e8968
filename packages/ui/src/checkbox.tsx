import { useId, type ComponentProps, type ReactNode } from "react";
import { Check } from "lucide-react";
import { cn } from "./cn";
import { describedBy, FieldError } from "./field";
import { focusRing } from "./internal/styles";

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  invalid?: boolean;
};

/** Bare native checkbox with the design-system look (works in plain HTML forms). */
export function Checkbox({ invalid, "aria-invalid": ariaInvalid, className, ...props }: CheckboxProps) {
  return (
    <span className="relative inline-flex size-5 shrink-0 items-center justify-center">
      <input
        type="checkbox"
        aria-invalid={invalid || ariaInvalid || undefined}
        className={cn(
          "peer size-5 cursor-pointer appearance-none rounded border border-border-strong bg-surface transition-colors",
          "checked:border-brand checked:bg-brand aria-invalid:border-danger",
          "disabled:cursor-not-allowed disabled:opacity-50",
          focusRing,
          className,
        )}
        {...props}
      />
      <Check
        aria-hidden="true"
        focusable="false"
        strokeWidth={3}
        className="pointer-events-none absolute size-3.5 text-brand-foreground opacity-0 peer-checked:opacity-100"
      />
    </span>
  );
}

export type CheckboxFieldProps = Omit<CheckboxProps, "invalid"> & {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  /** Class for the wrapping div (`className` goes to the input). */
  containerClassName?: string;
};

/** Checkbox + clickable label + optional description and error. */
export function CheckboxField({
  label,
  description,
  error,
  containerClassName,
  id,
  "aria-describedby": ariaDescribedBy,
  ...props
}: CheckboxFieldProps) {
  const autoId = useId();
  const inputId = id ?? `${autoId}-checkbox`;
  const descriptionId = description ? `${autoId}-description` : undefined;
  const errorId = error ? `${autoId}-error` : undefined;

  return (
    <div className={cn("flex flex-col gap-1.5", containerClassName)}>
      <div className="flex items-start gap-3">
        <span className="flex min-h-6 items-center">
          <Checkbox
            id={inputId}
            invalid={Boolean(error)}
            aria-describedby={describedBy(descriptionId, errorId, ariaDescribedBy)}
            {...props}
          />
        </span>
        <div className="min-w-0 flex-1">
          {/* py-0.5 + the row gap give phones a comfortable tap area on the text. */}
          <label
            htmlFor={inputId}
            className={cn(
              "block cursor-pointer py-0.5 text-sm font-medium text-fg",
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
      </div>
      {error ? (
        <FieldError id={errorId} className="ps-8">
          {error}
        </FieldError>
      ) : null}
    </div>
  );
}
