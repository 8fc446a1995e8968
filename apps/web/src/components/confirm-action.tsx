"use client";

import { Button, type ButtonProps } from "@homeport/ui/button";
import { ConfirmDialog } from "@homeport/ui/dialog";
import { useId, useState } from "react";

export interface ConfirmActionProps {
  /** The form action to run once confirmed (a server action, or one from useActionState). */
  action: (formData: FormData) => void | Promise<void>;
  fields?: Record<string, string>;
  label: string;
  ariaLabel?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  title: string;
  description: string;
  confirmLabel: string;
  cancelLabel: string;
  pending?: boolean;
}

/** A button that asks "are you sure?" before posting a small form: for irreversible changes. */
export function ConfirmAction({
  action,
  fields,
  label,
  ariaLabel,
  variant = "secondary",
  size,
  title,
  description,
  confirmLabel,
  cancelLabel,
  pending,
}: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  return (
    <>
      <Button type="button" variant={variant} size={size} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <form id={formId} action={action} hidden>
        {Object.entries(fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      </form>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        cancelLabel={cancelLabel}
        destructive
        loading={pending}
        // Close after the submit event has read the form.
        confirmButtonProps={{ type: "submit", form: formId, onClick: () => setTimeout(() => setOpen(false), 0) }}
      />
    </>
  );
}
