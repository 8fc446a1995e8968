"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { CheckboxField } from "@homeport/ui/checkbox";
import { useActionState } from "react";
import { saveAlertSettingsAction, type UsageFormState } from "@/actions/usage";

export function AlertSettingsForm({
  allowed,
  chosen,
  everyBlock,
  sms,
  labels,
  errors,
}: {
  allowed: number[];
  chosen: number[];
  everyBlock: boolean;
  sms: boolean;
  labels: {
    legend: string;
    percent: string[];
    everyBlock: string;
    sms: string;
    smsHint: string;
    save: string;
    saved: string;
  };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<UsageFormState, FormData>(saveAlertSettingsAction, {
    status: "idle",
  });
  return (
    <form action={action} className="flex flex-col gap-4">
      {state.status === "error" ? <Alert variant="danger">{errors[state.error ?? ""] ?? errors.generic}</Alert> : null}
      {state.status === "done" ? <Alert variant="success">{labels.saved}</Alert> : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{labels.legend}</legend>
        {allowed.map((percent, index) => (
          <CheckboxField
            key={percent}
            name="threshold"
            value={String(percent)}
            label={labels.percent[index]}
            defaultChecked={chosen.includes(percent)}
          />
        ))}
      </fieldset>
      <CheckboxField name="everyBlock" label={labels.everyBlock} defaultChecked={everyBlock} />
      <CheckboxField name="sms" label={labels.sms} description={labels.smsHint} defaultChecked={sms} />
      <Button type="submit" variant="secondary" loading={pending} className="self-start">
        {labels.save}
      </Button>
    </form>
  );
}
