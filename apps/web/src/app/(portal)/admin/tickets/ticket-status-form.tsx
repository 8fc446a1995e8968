"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { SelectField } from "@homeport/ui/select";
import { TextAreaField } from "@homeport/ui/textarea";
import { useActionState } from "react";
import { type TicketFormState, updateTicketAction } from "@/actions/help";
import { FormError } from "@/components/form-error";

export function TicketStatusForm({
  ticketId,
  reference,
  status,
  options,
  labels,
  errors,
}: {
  ticketId: string;
  reference: string;
  status: string;
  options: { value: string; label: string }[];
  labels: { status: string; note: string; noteHint: string; optional: string; submit: string; saved: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<TicketFormState, FormData>(updateTicketAction, { status: "idle" });
  const message = state.status === "error" ? (errors[state.error ?? "generic"] ?? errors.generic) : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-3" aria-label={reference}>
      <input type="hidden" name="ticketId" value={ticketId} />
      <input type="hidden" name="expectedStatus" value={status} />
      <FormError message={message} answer={state} />
      {state.status === "done" ? <Alert variant="success">{labels.saved}</Alert> : null}
      <SelectField
        key={`status-${status}`}
        name="status"
        label={labels.status}
        options={options}
        defaultValue={status}
      />
      <TextAreaField
        key={`note-${state.attempt ?? 0}-${state.status}`}
        name="note"
        label={labels.note}
        hint={labels.noteHint}
        optionalText={labels.optional}
        rows={2}
        maxLength={1000}
      />
      <Button type="submit" variant="secondary" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
