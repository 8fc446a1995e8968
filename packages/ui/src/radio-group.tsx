import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { focusRing } from "./internal/styles";

export interface RadioOption {
  value: string;
  label: ReactNode;
  /** A second line: an amount, an expiry date, what the choice means. */
  description?: ReactNode;
  disabled?: boolean;
}

export type RadioGroupProps = Omit<ComponentProps<"fieldset">, "onChange" | "defaultValue"> & {
  legend: ReactNode;
  name: string;
  options: RadioOption[];
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
  hint?: ReactNode;
};

/**
 * Native radio buttons in a fieldset, drawn as selectable cards: works in a plain HTML form
 * before hydration, and arrow keys move between choices as browsers do for radios.
 */
export function RadioGroup({
  legend,
  name,
  options,
  value,
  defaultValue,
  onValueChange,
  hint,
  className,
  ...props
}: RadioGroupProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset className={cn("flex flex-col gap-2", className)} aria-describedby={hintId} {...props}>
      <legend className="mb-1 text-sm font-medium text-fg">{legend}</legend>
      {hint ? (
        <p id={hintId} className="-mt-1 mb-1 text-sm text-fg-muted">
          {hint}
        </p>
      ) : null}
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <label
            key={option.value}
            htmlFor={optionId}
            className={cn(
              "flex cursor-pointer items-start gap-3 rounded-lg border border-border bg-surface p-3 transition-colors",
              "has-[:checked]:border-brand has-[:checked]:bg-brand/5",
              option.disabled && "cursor-not-allowed opacity-60",
            )}
          >
            <input
              id={optionId}
              type="radio"
              name={name}
              value={option.value}
              disabled={option.disabled}
              {...(value !== undefined ? { checked: value === option.value } : {})}
              {...(defaultValue !== undefined ? { defaultChecked: defaultValue === option.value } : {})}
              onChange={onValueChange ? () => onValueChange(option.value) : undefined}
              className={cn("mt-0.5 size-5 shrink-0 cursor-pointer accent-[var(--color-brand)]", focusRing)}
            />
            <span className="flex min-w-0 flex-1 flex-col gap-0.5">
              <span className="text-sm font-medium text-fg">{option.label}</span>
              {option.description ? <span className="text-sm text-fg-muted">{option.description}</span> : null}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
