"use client";

import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { RadioGroup } from "@homeport/ui/radio-group";
import { SelectField } from "@homeport/ui/select";
import { TextAreaField } from "@homeport/ui/textarea";
import { useActionState } from "react";
import { type CallbackFormState, requestCallbackAction } from "@/actions/help";
import { FormError } from "@/components/form-error";

export interface CallbackFormLabels {
  phone: string;
  phoneHint: string;
  date: string;
  dateHint: string;
  slot: string;
  slots: { value: string; label: string; description: string }[];
  topic: string;
  topicPlaceholder: string;
  topics: { value: string; label: string }[];
  details: string;
  detailsHint: string;
  optional: string;
  submit: string;
}

export function CallbackForm({
  defaults,
  range,
  labels,
  errors,
}: {
  defaults: { phone: string; preferredDate: string };
  range: { earliest: string; latest: string };
  labels: CallbackFormLabels;
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<CallbackFormState, FormData>(requestCallbackAction, {
    status: "idle",
  });
  const values = state.values ?? {};
  const fieldError = (field: keyof NonNullable<CallbackFormState["fieldErrors"]>) => {
    const code = state.fieldErrors?.[field];
    return code ? (errors[code] ?? errors.generic) : undefined;
  };
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  const key = (name: string) => `${name}-${state.attempt ?? 0}`;

  return (
    <form action={action} noValidate className="flex flex-col gap-5">
      <FormError message={message} answer={state} />
      <TextField
        key={key("phone")}
        name="phone"
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        label={labels.phone}
        hint={labels.phoneHint}
        defaultValue={values.phone ?? defaults.phone}
        error={fieldError("phone")}
        required
      />
      <TextField
        key={key("date")}
        name="preferredDate"
        type="date"
        label={labels.date}
        hint={labels.dateHint}
        min={range.earliest}
        max={range.latest}
        defaultValue={values.preferredDate ?? defaults.preferredDate}
        error={fieldError("preferredDate")}
        required
      />
      <RadioGroup
        key={key("slot")}
        name="slot"
        legend={labels.slot}
        options={labels.slots}
        defaultValue={values.slot || "asap"}
      />
      {fieldError("slot") ? <p className="text-sm text-danger">{fieldError("slot")}</p> : null}
      <SelectField
        key={key("topic")}
        name="topic"
        label={labels.topic}
        placeholder={labels.topicPlaceholder}
        options={labels.topics}
        defaultValue={values.topic ?? ""}
        error={fieldError("topic")}
        required
      />
      <TextAreaField
        key={key("details")}
        name="details"
        label={labels.details}
        hint={labels.detailsHint}
        optionalText={labels.optional}
        maxLength={1000}
        rows={4}
        defaultValue={values.details ?? ""}
        error={fieldError("details")}
      />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
