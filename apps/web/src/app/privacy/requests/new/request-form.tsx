"use client";

import { Button } from "@homeport/ui/button";
import { Input } from "@homeport/ui/input";
import { NativeSelect } from "@homeport/ui/select";
import { TextArea } from "@homeport/ui/textarea";
import { useActionState } from "react";
import { type PrivacyFormState, submitRequestAction } from "@/actions/privacy";
import { FormError } from "@/components/form-error";

export interface RequestFormLabels {
  submit: string;
  field: string;
  fieldOptions: { value: string; label: string }[];
  value: string;
  details: string;
  errors: Record<string, string>;
}

export function RequestForm({ type, labels }: { type: string; labels: RequestFormLabels }) {
  const [state, action, pending] = useActionState<PrivacyFormState, FormData>(submitRequestAction, {
    status: "idle",
  });
  const error = state.status === "error" ? (labels.errors[state.error ?? ""] ?? labels.errors.generic) : null;
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="type" value={type} />
      <FormError message={error} answer={state} />
      {type === "CORRECT" ? (
        <>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {labels.field}
            <NativeSelect name="field" required defaultValue="" className="sm:w-72">
              <option value="" disabled />
              {labels.fieldOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </NativeSelect>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {labels.value}
            <Input name="value" required maxLength={200} autoComplete="off" />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {labels.details}
            <TextArea name="details" maxLength={1000} rows={3} />
          </label>
        </>
      ) : null}
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
