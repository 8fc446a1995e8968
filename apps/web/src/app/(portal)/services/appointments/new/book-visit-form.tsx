"use client";

import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { SelectField } from "@homeport/ui/select";
import { TextAreaField } from "@homeport/ui/textarea";
import Link from "next/link";
import { useActionState } from "react";
import { type AppointmentFormState, bookAppointmentAction } from "@/actions/appointments";
import { FormError } from "@/components/form-error";
import { type WindowDay, WindowPicker, type WindowPickerLabels } from "../window-picker.tsx";

export function BookVisitForm({
  days,
  issues,
  defaultPhone,
  detailsMax,
  errors,
  labels,
}: {
  days: WindowDay[];
  issues: { value: string; label: string }[];
  defaultPhone: string;
  detailsMax: number;
  errors: Record<string, string>;
  labels: {
    issue: string;
    issuePlaceholder: string;
    details: string;
    detailsHint: string;
    phone: string;
    phoneHint: string;
    submit: string;
    rescheduleInstead: string;
    windows: WindowPickerLabels;
  };
}) {
  const [state, action, pending] = useActionState<AppointmentFormState, FormData>(bookAppointmentAction, {
    status: "idle",
  });
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  const values = state.values;
  // Remount the fields after each answer so they show what was sent.
  const key = state.attempt ?? 0;
  const existingId = state.error === "ALREADY_SCHEDULED" ? state.detail?.appointmentId : undefined;
  return (
    <form action={action} noValidate className="flex flex-col gap-5">
      <FormError message={message} answer={state} />
      {existingId ? (
        <Link className="self-start text-brand underline" href={`/services/appointments/${existingId}/reschedule`}>
          {labels.rescheduleInstead}
        </Link>
      ) : null}
      <SelectField
        key={`issue-${key}`}
        name="issue"
        label={labels.issue}
        placeholder={labels.issuePlaceholder}
        options={issues}
        defaultValue={values?.issue ?? ""}
        required
        aria-invalid={state.error === "issue_required" || undefined}
      />
      <TextAreaField
        key={`details-${key}`}
        name="details"
        label={labels.details}
        hint={labels.detailsHint}
        maxLength={detailsMax}
        defaultValue={values?.details ?? ""}
        aria-invalid={state.error === "details_too_long" || undefined}
      />
      <WindowPicker key={`window-${key}`} days={days} defaultValue={values?.windowId} labels={labels.windows} />
      <TextField
        key={`phone-${key}`}
        name="contactPhone"
        type="tel"
        autoComplete="tel-national"
        inputMode="tel"
        label={labels.phone}
        hint={labels.phoneHint}
        defaultValue={values?.contactPhone ?? defaultPhone}
        required
        containerClassName="max-w-xs"
        aria-invalid={state.error === "phone_invalid" || state.error === "phone_required" || undefined}
      />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
