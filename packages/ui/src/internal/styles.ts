/** Visible keyboard focus indicator shared by every interactive element. */
export const focusRing = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand";

/** Base look of text-like form controls (input, textarea, select). */
export const controlBase =
  "block w-full rounded-lg border border-border-strong bg-surface px-3 text-base text-fg shadow-xs transition-colors placeholder:text-fg-muted focus-visible:border-brand disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger sm:text-sm " +
  focusRing;
