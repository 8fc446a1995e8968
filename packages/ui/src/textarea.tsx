import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { FieldFrame, splitFieldProps } from "./field";
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

export function TextAreaField(props: TextAreaFieldProps) {
  const [frame, control] = splitFieldProps(props);
  return <FieldFrame {...frame}>{(wiring) => <TextArea {...wiring} {...control} />}</FieldFrame>;
}
