import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { FieldFrame } from "./field";
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
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      hideLabel={hideLabel}
      optionalText={optionalText}
      containerClassName={containerClassName}
      id={id}
      required={required}
      aria-describedby={ariaDescribedBy}
    >
      {(control) => <TextArea {...control} {...props} />}
    </FieldFrame>
  );
}
