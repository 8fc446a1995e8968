"use client";

import { Button } from "@homeport/ui/button";
import { useActionState } from "react";
import { type AppointmentFormState, rescheduleAppointmentAction } from "@/actions/appointments";
import { FormError } from "@/components/form-error";
import { type WindowDay, WindowPicker, type WindowPickerLabels } from "../../window-picker.tsx";

export function RescheduleForm({
  appointmentId,
  days,
  errors,
  labels,
}: {
  appointmentId: string;
  days: WindowDay[];
  errors: Record<string, string>;
  labels: { submit: string; windows: WindowPickerLabels };
}) {
  const [state, action, pending] = useActionState<AppointmentFormState, FormData>(rescheduleAppointmentAction, {
    status: "idle",
  });
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-5">
      <FormError message={message} answer={state} />
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <WindowPicker
        key={`window-${state.attempt ?? 0}`}
        days={days}
        defaultValue={state.values?.windowId}
        labels={labels.windows}
      />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
