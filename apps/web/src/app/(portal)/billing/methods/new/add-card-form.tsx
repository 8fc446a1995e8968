"use client";

import { Button } from "@homeport/ui/button";
import { useActionState } from "react";
import { addCardAction, type BillingFormState } from "@/actions/billing";
import { CardFields, type CardFieldLabels } from "../../card-fields.tsx";
import { FormError } from "@/components/form-error";

export function AddCardForm({
  labels,
  submit,
  errors,
  returnTo,
}: {
  labels: CardFieldLabels;
  submit: string;
  errors: Record<string, string>;
  returnTo: "autopay" | "methods";
}) {
  const [state, action, pending] = useActionState<BillingFormState, FormData>(addCardAction, { status: "idle" });
  const message = state.error ? (errors[state.error] ?? errors.DECLINED_unknown) : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <FormError message={message} answer={state} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <CardFields labels={labels} values={state.values ?? {}} attempt={state.attempt ?? 0} error={state.error} />
      <Button type="submit" loading={pending} className="self-start">
        {submit}
      </Button>
    </form>
  );
}
