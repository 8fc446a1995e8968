import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { FieldFrame, splitFieldProps } from "./field";
import { controlBase } from "./internal/styles";

export type InputProps = ComponentProps<"input"> & {
  /** Sets `aria-invalid` and the error border. */
  invalid?: boolean;
};

/** Bare text input. Needs an accessible name from a `<label htmlFor>` or `aria-label`. */
export function Input({ invalid, "aria-invalid": ariaInvalid, className, type = "text", ...props }: InputProps) {
  return (
    <input
      type={type}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(controlBase, "min-h-11 py-2 sm:min-h-10", className)}
      {...props}
    />
  );
}

export type TextFieldProps = Omit<ComponentProps<"input">, "children"> & {
  label: ReactNode;
  /** Help text under the label, linked via aria-describedby. */
  hint?: ReactNode;
  /** Error message; sets aria-invalid and is linked via aria-describedby. */
  error?: ReactNode;
  /** Keep the label for screen readers only. */
  hideLabel?: boolean;
  /** Translated "(optional)" suffix for the label. */
  optionalText?: ReactNode;
  /** Class for the wrapping div (`className` goes to the input). */
  containerClassName?: string;
};

export function TextField(props: TextFieldProps) {
  const [frame, control] = splitFieldProps(props);
  return <FieldFrame {...frame}>{(wiring) => <Input {...wiring} {...control} />}</FieldFrame>;
}
