import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { describedBy, FieldError, FieldHint, FieldLabel } from "./field";
import { controlBase } from "./internal/styles";

export type TextAreaProps = ComponentProps<"textarea"> & {
  /** Sets `aria-invalid` and the error border. */
  invalid?: boolean;
};

/** Bare textarea. Needs an accessible name from a `<label htmlFor>` or `aria-label`. */
export function TextArea({ invalid, "aria-invalid": ariaInvalid, className, rows = 4, ...props }: TextAreaProps) {
  return (
    <textarea
      rows={rows}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(controlBase, "min-h-24 resize-y py-2", className)}
      {...props}
    />
  );
}

export type TextAreaFieldProps = Omit<ComponentProps<"textarea">, "children"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  hideLabel?: boolean;
  optionalText?: ReactNode;
  /** Class for the wrapping div (`className` goes to the textarea). */
  containerClassName?: string;
};

export function TextAreaField({
  label,
  hint,
  error,
  hideLabel,
  optionalText,
  containerClassName,
  id,
  required,
  "aria-describedby": ariaDescribedBy,
  ...props
}: TextAreaFieldProps) {
  const autoId = useId();
  const inputId = id ?? `${autoId}-textarea`;
  const hintId = hint ? `${autoId}-hint` : undefined;
  const errorId = error ? `${autoId}-error` : undefined;

  return (
    <div className={cn("flex flex-col gap-1.5", containerClassName)}>
      <FieldLabel htmlFor={inputId} required={required} optionalText={optionalText} visuallyHidden={hideLabel}>
        {label}
      </FieldLabel>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      <TextArea
        id={inputId}
        required={required}
        invalid={Boolean(error)}
        aria-describedby={describedBy(hintId, errorId, ariaDescribedBy)}
        {...props}
      />
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  );
}
