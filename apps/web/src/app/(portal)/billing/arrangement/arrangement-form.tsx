"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { CheckboxField } from "@homeport/ui/checkbox";
import { TextField } from "@homeport/ui/input";
import { useActionState } from "react";
import { type BillingFormState, cancelArrangementAction, createArrangementAction } from "@/actions/billing";
import { ConfirmAction } from "@/components/confirm-action";
import { FormError } from "@/components/form-error";

export function ArrangementForm({
  earliest,
  latest,
  labels,
  errors,
}: {
  earliest: string;
  latest: string;
  labels: { date: string; dateHint: string; termsTitle: string; terms: string[]; agree: string; submit: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<BillingFormState, FormData>(createArrangementAction, {
    status: "idle",
  });
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <FormError message={message} answer={state} />
      <TextField
        key={`date-${state.attempt ?? 0}`}
        type="date"
        name="payBy"
        label={labels.date}
        hint={labels.dateHint}
        min={earliest}
        max={latest}
        defaultValue={state.values?.payBy}
        aria-invalid={state.error?.startsWith("ARRANGEMENT_DATE") || undefined}
      />
      <section aria-labelledby="arrangement-terms" className="rounded-lg border border-border p-4">
        <h3 id="arrangement-terms" className="font-semibold">
          {labels.termsTitle}
        </h3>
        <ul className="mt-2 flex list-disc flex-col gap-1 ps-5 text-sm">
          {labels.terms.map((term) => (
            <li key={term}>{term}</li>
          ))}
        </ul>
      </section>
      <CheckboxField
        key={`agree-${state.attempt ?? 0}`}
        name="agree"
        label={labels.agree}
        aria-invalid={state.error === "TERMS_REQUIRED" || undefined}
      />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}

export function CancelArrangement({
  labels,
  errors,
}: {
  labels: { cancel: string; title: string; body: string; confirm: string; keep: string; cancelled: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<BillingFormState, FormData>(cancelArrangementAction, {
    status: "idle",
  });
  return (
    <div className="flex flex-col gap-2">
      {state.error ? <Alert variant="danger">{errors[state.error] ?? errors.generic}</Alert> : null}
      {state.status === "done" ? <Alert variant="success">{labels.cancelled}</Alert> : null}
      <ConfirmAction
        action={action}
        label={labels.cancel}
        variant="secondary"
        title={labels.title}
        description={labels.body}
        confirmLabel={labels.confirm}
        cancelLabel={labels.keep}
        pending={pending}
      />
    </div>
  );
}
