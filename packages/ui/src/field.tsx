import { useId, type ComponentProps, type ReactNode } from "react";
import { CircleAlert } from "lucide-react";
import { cn } from "./cn";

/*
 * Building blocks shared by TextField, TextAreaField, SelectField,
 * CheckboxField and SwitchField. Also usable on their own for custom controls.
 */

export type FieldLabelProps = ComponentProps<"label"> & {
  /** Shows a visual "*" (hidden from screen readers; the control itself carries `required`). */
  required?: boolean;
  /** Optional suffix such as a translated "(optional)". */
  optionalText?: ReactNode;
  /** Keep the label for screen readers only. */
  visuallyHidden?: boolean;
};

export function FieldLabel({ required, optionalText, visuallyHidden, className, children, ...props }: FieldLabelProps) {
  return (
    <label className={cn(visuallyHidden ? "sr-only" : "block text-sm font-medium text-fg", className)} {...props}>
      {children}
      {required ? (
        <span aria-hidden="true" className="ms-0.5 text-danger">
          *
        </span>
      ) : null}
      {optionalText ? <span className="ms-1 font-normal text-fg-muted">{optionalText}</span> : null}
    </label>
  );
}

export type FieldHintProps = ComponentProps<"p">;

export function FieldHint({ className, ...props }: FieldHintProps) {
  return <p className={cn("text-sm text-fg-muted", className)} {...props} />;
}

export type FieldErrorProps = ComponentProps<"p">;

/** Error message with an icon; pair it with `aria-invalid` + `aria-describedby` on the control. */
export function FieldError({ className, children, ...props }: FieldErrorProps) {
  return (
    <p className={cn("flex items-start gap-1.5 text-sm font-medium text-danger", className)} {...props}>
      <CircleAlert aria-hidden="true" focusable="false" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

/** Joins ids for aria-describedby, skipping empty ones; returns undefined when none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

/** What a labelled field passes to its control: its id, and the hint/error wiring. */
export type FieldControlProps = {
  id: string;
  required?: boolean;
  invalid: boolean;
  "aria-describedby"?: string;
};

export type FieldFrameProps = {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  hideLabel?: boolean;
  optionalText?: ReactNode;
  containerClassName?: string;
  id?: string;
  required?: boolean;
  "aria-describedby"?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/** Label, hint, control and error, wired with ids; shared by TextField, TextAreaField and SelectField. */
export function FieldFrame({
  label,
  hint,
  error,
  hideLabel,
  optionalText,
  containerClassName,
  id,
  required,
  "aria-describedby": ariaDescribedBy,
  children,
}: FieldFrameProps) {
  const autoId = useId();
  const controlId = id ?? `${autoId}-control`;
  const hintId = hint ? `${autoId}-hint` : undefined;
  const errorId = error ? `${autoId}-error` : undefined;
  return (
    <div className={cn("flex flex-col gap-1.5", containerClassName)}>
      <FieldLabel htmlFor={controlId} required={required} optionalText={optionalText} visuallyHidden={hideLabel}>
        {label}
      </FieldLabel>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      {children({
        id: controlId,
        required,
        invalid: Boolean(error),
        "aria-describedby": describedBy(hintId, errorId, ariaDescribedBy),
      })}
      {error ? <FieldError id={errorId}>{error}</FieldError> : null}
    </div>
  );
}

/** The props every labelled field takes besides its control's own. */
export type FieldFrameOwnProps = Omit<FieldFrameProps, "children">;

/** Splits a labelled field's props into the frame's and the control's (`id` and `required` go to both). */
export function splitFieldProps<P extends FieldFrameOwnProps>(
  props: P,
): [FieldFrameOwnProps, Omit<P, keyof FieldFrameOwnProps>] {
  const {
    label,
    hint,
    error,
    hideLabel,
    optionalText,
    containerClassName,
    id,
    required,
    "aria-describedby": ariaDescribedBy,
    ...control
  } = props;
  return [
    {
      label,
      hint,
      error,
      hideLabel,
      optionalText,
      containerClassName,
      id,
      required,
      "aria-describedby": ariaDescribedBy,
    },
    control,
  ];
}
