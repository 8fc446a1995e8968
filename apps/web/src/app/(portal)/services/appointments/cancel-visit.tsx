"use client";

import { Alert } from "@homeport/ui/alert";
import { useActionState } from "react";
import { type AppointmentFormState, cancelAppointmentAction } from "@/actions/appointments";
import { ConfirmAction } from "@/components/confirm-action";

/** "Cancel visit", confirmed in a dialog; a refusal (too late, not found) shows beside it. */
export function CancelVisit({
  appointmentId,
  labels,
  errors,
}: {
  appointmentId: string;
  labels: { cancel: string; ariaLabel: string; title: string; body: string; confirm: string; keep: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<AppointmentFormState, FormData>(cancelAppointmentAction, {
    status: "idle",
  });
  return (
    <div className="flex flex-col gap-2">
      {state.error ? <Alert variant="danger">{errors[state.error] ?? errors.generic}</Alert> : null}
      <ConfirmAction
        action={action}
        fields={{ appointmentId }}
        label={labels.cancel}
        ariaLabel={labels.ariaLabel}
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
