"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { CheckboxField } from "@homeport/ui/checkbox";
import { useActionState, useState } from "react";
import { type PrivacyFormState, saveChoicesAction } from "@/actions/privacy";
import { FormError } from "@/components/form-error";

type Choice =
  | "marketingEmail"
  | "marketingSms"
  | "marketingCalls"
  | "partnerSharing"
  | "personalizedAds"
  | "optOutSaleSharing"
  | "limitSensitive";

export interface ChoicesFormLabels {
  marketingTitle: string;
  marketingNote: string;
  sharingTitle: string;
  rightsTitle: string;
  save: string;
  saved: string;
  choice: Record<Choice, { label: string; description: string }>;
  errors: Record<string, string>;
}

/** The consumer's choices; opting out of sale/sharing switches the sharing choices off as you tick it. */
export function ChoicesForm({ choices, labels }: { choices: Record<Choice, boolean>; labels: ChoicesFormLabels }) {
  const [state, action, pending] = useActionState<PrivacyFormState, FormData>(saveChoicesAction, { status: "idle" });
  const [optedOut, setOptedOut] = useState(choices.optOutSaleSharing);
  const field = (key: Choice, extra: { disabled?: boolean; onChange?: (checked: boolean) => void } = {}) => (
    <CheckboxField
      key={key}
      name={key}
      label={labels.choice[key].label}
      description={labels.choice[key].description}
      defaultChecked={extra.disabled ? false : choices[key]}
      disabled={extra.disabled}
      onChange={extra.onChange ? (event) => extra.onChange?.(event.currentTarget.checked) : undefined}
    />
  );
  return (
    <form action={action} className="flex flex-col gap-6">
      <FormError
        message={state.status === "error" ? (labels.errors[state.error ?? ""] ?? labels.errors.generic) : null}
        answer={state}
      />
      {state.status === "saved" ? (
        <div role="status">
          <Alert variant="success">{labels.saved}</Alert>
        </div>
      ) : null}
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-base font-semibold">{labels.marketingTitle}</legend>
        <p className="text-sm text-fg-muted">{labels.marketingNote}</p>
        {field("marketingEmail")}
        {field("marketingSms")}
        {field("marketingCalls")}
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-base font-semibold">{labels.sharingTitle}</legend>
        {field("partnerSharing", { disabled: optedOut })}
        {field("personalizedAds", { disabled: optedOut })}
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-base font-semibold">{labels.rightsTitle}</legend>
        {field("optOutSaleSharing", { onChange: setOptedOut })}
        {field("limitSensitive")}
      </fieldset>
      <Button type="submit" loading={pending} className="self-start">
        {labels.save}
      </Button>
    </form>
  );
}
