"use client";

import { Button } from "@homeport/ui/button";
import { RadioGroup } from "@homeport/ui/radio-group";
import { SelectField } from "@homeport/ui/select";
import { TextAreaField } from "@homeport/ui/textarea";
import { useActionState, useState } from "react";
import { type EquipmentFormState, requestEquipmentAction } from "@/actions/equipment";
import { FormError } from "@/components/form-error";

type Kind = "RETURN" | "REPLACE";

export function EquipmentRequestForm({
  equipmentId,
  kinds,
  reasons,
  labels,
  errors,
}: {
  equipmentId: string;
  /** The choices this person may make (a member may only ask for a replacement). */
  kinds: { value: Kind; label: string; description: string }[];
  reasons: Record<Kind, { value: string; label: string }[]>;
  labels: {
    kindLegend: string;
    reason: string;
    reasonPlaceholder: string;
    details: string;
    detailsHint: string;
    optional: string;
    submit: string;
  };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<EquipmentFormState, FormData>(requestEquipmentAction, {
    status: "idle",
  });
  const first = kinds[0]?.value ?? "REPLACE";
  const [kind, setKind] = useState<Kind>(first);
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <FormError message={message} answer={state} />
      <input type="hidden" name="equipmentId" value={equipmentId} />
      <RadioGroup
        key={`kind-${state.attempt ?? 0}`}
        legend={labels.kindLegend}
        name="kind"
        defaultValue={kind}
        onValueChange={(value) => setKind(value as Kind)}
        options={kinds.map((k) => ({ value: k.value, label: k.label, description: k.description }))}
      />
      <SelectField
        key={`reason-${kind}-${state.attempt ?? 0}`}
        name="reason"
        label={labels.reason}
        defaultValue={state.values?.kind === kind ? state.values?.reason : ""}
        error={state.field === "reason" ? message : undefined}
        required
      >
        <option value="">{labels.reasonPlaceholder}</option>
        {reasons[kind].map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        key={`details-${state.attempt ?? 0}`}
        name="details"
        label={labels.details}
        hint={labels.detailsHint}
        optionalText={labels.optional}
        maxLength={1000}
        defaultValue={state.values?.details}
      />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
