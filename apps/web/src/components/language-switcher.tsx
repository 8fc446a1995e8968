"use client";

import { useId, useRef } from "react";
import { usePathname } from "next/navigation";
import { setLocale } from "@/actions/locale";

export interface LanguageSwitcherProps {
  current: string;
  label: string;
  applyLabel: string;
  options: { value: string; label: string }[];
}

/** A plain form (works without JavaScript); with JavaScript it applies as soon as a language is picked. */
export function LanguageSwitcher({ current, label, applyLabel, options }: LanguageSwitcherProps) {
  const form = useRef<HTMLFormElement>(null);
  const pathname = usePathname();
  const selectId = useId();
  return (
    <form ref={form} action={setLocale} className="flex items-center gap-1">
      <input type="hidden" name="returnTo" value={pathname} />
      <label htmlFor={selectId} className="sr-only">
        {label}
      </label>
      <select
        id={selectId}
        name="locale"
        defaultValue={current}
        onChange={() => form.current?.requestSubmit()}
        className="min-h-10 rounded-md border border-border bg-surface px-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="min-h-10 rounded-md border border-border px-2 text-sm">
          {applyLabel}
        </button>
      </noscript>
    </form>
  );
}
