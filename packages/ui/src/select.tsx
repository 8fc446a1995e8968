import { type ComponentProps, type ReactNode } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "./cn";
import { FieldFrame, splitFieldProps } from "./field";
import { controlBase } from "./internal/styles";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type NativeSelectProps = ComponentProps<"select"> & {
  invalid?: boolean;
  /** Convenience alternative to `<option>` children. */
  options?: SelectOption[];
  /** Adds a first, empty-valued option (e.g. translated "Choose…"). */
  placeholder?: string;
};

/** Bare native `<select>` with the design-system look and a chevron. */
export function NativeSelect({
  invalid,
  "aria-invalid": ariaInvalid,
  options,
  placeholder,
  className,
  children,
  ...props
}: NativeSelectProps) {
  return (
    <div className="relative">
      <select
        aria-invalid={invalid || ariaInvalid || undefined}
        className={cn(controlBase, "min-h-11 cursor-pointer appearance-none py-2 pe-10 sm:min-h-10", className)}
        {...props}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        focusable="false"
        className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-fg-muted"
      />
    </div>
  );
}

export type SelectFieldProps = Omit<NativeSelectProps, "invalid"> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  hideLabel?: boolean;
  optionalText?: ReactNode;
  /** Class for the wrapping div (`className` goes to the select). */
  containerClassName?: string;
};

/** Label + native select + hint + error. Native is the most usable picker on phones. */
export function SelectField(props: SelectFieldProps) {
  const [frame, control] = splitFieldProps(props);
  return <FieldFrame {...frame}>{(wiring) => <NativeSelect {...wiring} {...control} />}</FieldFrame>;
}
