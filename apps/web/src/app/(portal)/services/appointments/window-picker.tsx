"use client";

import { RadioGroup } from "@homeport/ui/radio-group";

export interface WindowDay {
  day: string;
  label: string;
  windows: { id: string; label: string; full: boolean; current?: boolean }[];
}

/**
 * Arrival windows as radio buttons, one group per day; a full window (or the visit's current one)
 * is shown but cannot be chosen. All groups share one name, so exactly one window is picked.
 */
export function WindowPicker({
  days,
  defaultValue,
  labels,
}: {
  days: WindowDay[];
  defaultValue?: string;
  labels: { legend: string; hint: string; open: string; full: string; current: string };
}) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby="window-picker-hint">
      <legend className="mb-1 text-sm font-medium text-fg">{labels.legend}</legend>
      <p id="window-picker-hint" className="-mt-1 text-sm text-fg-muted">
        {labels.hint}
      </p>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3 [&>*]:min-w-0">
        {days.map((day) => (
          <RadioGroup
            key={day.day}
            legend={day.label}
            name="windowId"
            defaultValue={defaultValue ?? ""}
            options={day.windows.map((w) => ({
              value: w.id,
              label: w.label,
              description: w.current ? labels.current : w.full ? labels.full : labels.open,
              disabled: w.full || w.current,
            }))}
          />
        ))}
      </div>
    </fieldset>
  );
}
