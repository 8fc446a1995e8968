"use client";

import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { type ReactNode, useActionState, useEffect } from "react";
import type { AccountFormState } from "@/actions/account";
import { FormError } from "@/components/form-error";

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "tel";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "email" | "tel";
  hint?: string;
  defaultValue?: string;
}

export interface AccountFormProps {
  action: (state: AccountFormState, formData: FormData) => Promise<AccountFormState>;
  fields: FieldSpec[];
  hidden?: Record<string, string>;
  submitLabel: string;
  /** Message per error code; WEAK_PASSWORD is looked up by its problem (too_short, common, ...). */
  errors: Record<string, string>;
  /** Shown instead of the form once the action reports done. */
  done?: ReactNode;
  /** Told once when the action reports done (e.g. to move a multi-step flow on). */
  onDone?: (state: AccountFormState) => void;
  children?: ReactNode;
}

/** A small form over one server action: fields, one error message that takes focus, a done state. */
export function AccountForm({ action, fields, hidden, submitLabel, errors, done, onDone, children }: AccountFormProps) {
  // The server action returns what was typed with an error (React resets a form after its action
  // runs); keying the fields by attempt makes them show it. A server action keeps the form working
  // before hydration.
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useEffect(() => {
    if (state.status === "done") onDone?.(state);
  }, [state, onDone]);
  if (state.status === "done" && done) return <>{done}</>;
  const code = state.error === "WEAK_PASSWORD" ? String(state.detail?.problem ?? "generic") : state.error;
  const message = code ? (errors[code] ?? errors.generic) : null;
  return (
    <form action={formAction} noValidate className="flex flex-col gap-4">
      <FormError message={message} answer={state} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => (
        <TextField
          key={`${field.name}-${state.attempt ?? 0}`}
          label={field.label}
          name={field.name}
          type={field.type ?? "text"}
          autoComplete={field.autoComplete}
          inputMode={field.inputMode}
          hint={field.hint}
          defaultValue={state.values?.[field.name] ?? field.defaultValue}
          required
        />
      ))}
      {children}
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}
