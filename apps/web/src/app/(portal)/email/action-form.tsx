"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { type ReactNode, useActionState } from "react";
import type { EmailFormState } from "@/actions/email";
import { FormError } from "@/components/form-error";

export interface ActionFormLabels {
  submit: string;
  done?: string;
  /** Messages by error code, and by "field.problem" for field errors. */
  errors: Record<string, string>;
}

/** The explanation for an answer: the field errors in words, else the error code's message. */
function messageOf(state: EmailFormState, errors: Record<string, string>): string | null {
  if (state.status !== "error") return null;
  const fields = Object.entries(state.fields ?? {}).map(
    ([field, problem]) => errors[`${field}.${problem}`] ?? errors[field] ?? errors.generic,
  );
  if (fields.length > 0) return [...new Set(fields)].join(" ");
  const template = errors[state.error ?? ""] ?? errors.generic ?? "";
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => String(state.detail?.[key] ?? whole));
}

/** A mailbox form: hidden ids, the fields given as children, one answer above the button. */
export function ActionForm({
  action,
  hidden,
  labels,
  children,
  variant = "primary",
}: {
  action: (previous: EmailFormState, formData: FormData) => Promise<EmailFormState>;
  hidden: Record<string, string>;
  labels: ActionFormLabels;
  children?: ReactNode;
  variant?: "primary" | "secondary";
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={messageOf(state, labels.errors)} answer={state} />
      {state.status === "done" && labels.done ? (
        <div role="status">
          <Alert variant="success">{labels.done}</Alert>
        </div>
      ) : null}
      {children}
      <Button type="submit" variant={variant} loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
