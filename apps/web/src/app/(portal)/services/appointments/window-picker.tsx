"use client";

import { cn } from "@homeport/ui/cn";
import { RadioGroup } from "@homeport/ui/radio-group";
import { useState } from "react";

export interface WindowDay {
  day: string;
  label: string;
  shortLabel: string;
  windows: { id: string; label: string; full: boolean; current?: boolean }[];
}

const isOpen = (w: WindowDay["windows"][number]) => !w.full && !w.current;

/**
 * Arrival windows in two steps: a row of days (each saying how many windows are open), then that
 * day's windows as radio buttons. A full window (or the visit's current one) is shown but cannot
 * be chosen. Changing the day clears the choice, so what is submitted is always what is shown.
 */
export interface WindowPickerLabels {
  legend: string;
  hint: string;
  day: string;
  open: string;
  full: string;
  current: string;
  /** "No times open", "1 time open"…, indexed by how many windows of the day are open. */
  openCount: string[];
}

export function WindowPicker({
  days,
  defaultValue,
  labels,
}: {
  days: WindowDay[];
  defaultValue?: string;
  labels: WindowPickerLabels;
}) {
  // Rescheduling opens on the visit's own day (its window shown, not choosable), else the first open day.
  const initial =
    days.find((d) => d.windows.some((w) => w.id === defaultValue)) ??
    days.find((d) => d.windows.some((w) => w.current)) ??
    days.find((d) => d.windows.some(isOpen)) ??
    days[0];
  const [selected, setSelected] = useState(initial?.day ?? "");
  const day = days.find((d) => d.day === selected);
  return (
    <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby="window-picker-hint">
      <legend className="mb-1 text-sm font-medium text-fg">{labels.legend}</legend>
      <p id="window-picker-hint" className="-mt-1 text-sm text-fg-muted">
        {labels.hint}
      </p>
      <div role="radiogroup" aria-label={labels.day} className="-mx-1 overflow-x-auto px-1 pb-1 [contain:inline-size]">
        <div className="flex min-w-max gap-2">
          {days.map((d) => {
            const open = d.windows.filter(isOpen).length;
            const checked = d.day === selected;
            return (
              <label
                key={d.day}
                className={cn(
                  "relative flex min-h-11 cursor-pointer flex-col rounded-lg border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand",
                  checked ? "border-brand bg-brand/8" : "border-border bg-surface hover:bg-surface-muted",
                  open === 0 && "text-fg-muted",
                )}
              >
                <input
                  type="radio"
                  name="day"
                  value={d.day}
                  checked={checked}
                  onChange={() => setSelected(d.day)}
                  className="sr-only"
                  aria-label={`${d.label}: ${labels.openCount[open] ?? String(open)}`}
                />
                <span className="font-medium whitespace-nowrap">{d.shortLabel}</span>
                <span className="text-xs whitespace-nowrap text-fg-muted">
                  {labels.openCount[open] ?? String(open)}
                </span>
              </label>
            );
          })}
        </div>
      </div>
      {day ? (
        <RadioGroup
          key={day.day}
          legend={day.label}
          name="windowId"
          defaultValue={day.windows.some((w) => w.id === defaultValue) ? defaultValue : ""}
          options={day.windows.map((w) => ({
            value: w.id,
            label: w.label,
            description: w.current ? labels.current : w.full ? labels.full : labels.open,
            disabled: w.full || w.current,
          }))}
        />
      ) : null}
    </fieldset>
  );
}
