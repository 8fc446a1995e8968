"use client";

import { Button } from "@homeport/ui/button";
import { CheckboxField } from "@homeport/ui/checkbox";
import { TextField } from "@homeport/ui/input";
import { RadioGroup, type RadioOption } from "@homeport/ui/radio-group";
import { SelectField } from "@homeport/ui/select";
import { type FormEvent, useActionState, useState } from "react";
import { type PublicFormState, publicRequestAction } from "@/actions/privacy-public";
import { FormError } from "@/components/form-error";
import { Receipt } from "./receipt.tsx";

export interface PublicRequestLabels {
  typeLegend: string;
  types: RadioOption[];
  identityLegend: string;
  identityHint: string;
  name: string;
  email: string;
  phone: string;
  accountNumber: string;
  accountNumberHint: string;
  zip: string;
  addressLine1: string;
  optional: string;
  declarationLegend: string;
  declaration: string;
  declarationName: string;
  correctionLegend: string;
  correctionField: string;
  correctionChoose: string;
  correctionFields: { value: string; label: string }[];
  correctionValue: string;
  agentToggle: string;
  agentToggleHint: string;
  agentLegend: string;
  agentHint: string;
  agentName: string;
  agentEmail: string;
  permission: string;
  permissionHint: string;
  fileTooLarge: string;
  submit: string;
}

/** What the server accepts (§7063(a)); the browser checks the size first so a large file is never sent. */
const PERMISSION_ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg";
const PERMISSION_MAX_BYTES = 5 * 1024 * 1024;

export function PublicRequestForm({ labels }: { labels: PublicRequestLabels }) {
  const [state, action, pending] = useActionState<PublicFormState, FormData>(publicRequestAction, {
    status: "idle",
  });
  const values = state.values ?? {};
  const [type, setType] = useState(values.type ?? "");
  const [agent, setAgent] = useState(values.agent === "on");
  const [fileError, setFileError] = useState<string | null>(null);
  const error = (field: string) => state.fieldErrors?.[field];
  const key = (name: string) => `${name}-${state.attempt ?? 0}`;

  function checkFile(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("permission");
    if (!(input instanceof HTMLInputElement)) return;
    const file = input.files?.[0];
    if (file && file.size > PERMISSION_MAX_BYTES) {
      event.preventDefault();
      setFileError(labels.fileTooLarge);
      input.focus();
    } else {
      setFileError(null);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      {state.status === "done" && state.receipt ? <Receipt receipt={state.receipt} /> : null}
      <form action={action} onSubmit={checkFile} noValidate className="flex flex-col gap-6">
        <FormError message={state.status === "error" ? state.message : null} answer={state} />
        <div className="flex flex-col gap-1.5">
          <RadioGroup
            name="type"
            legend={labels.typeLegend}
            options={labels.types}
            value={type}
            onValueChange={setType}
            aria-describedby={error("type") ? "request-type-error" : undefined}
          />
          {error("type") ? (
            <p id="request-type-error" className="text-sm font-medium text-danger">
              {error("type")}
            </p>
          ) : null}
        </div>

        <fieldset className="flex min-w-0 flex-col gap-4">
          <legend className="mb-1 text-base font-semibold text-fg">{labels.identityLegend}</legend>
          <p className="-mt-2 text-sm text-fg-muted">{labels.identityHint}</p>
          <TextField
            key={key("name")}
            name="name"
            autoComplete="name"
            label={labels.name}
            defaultValue={values.name ?? ""}
            error={error("name")}
            maxLength={120}
          />
          <TextField
            key={key("email")}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            label={labels.email}
            defaultValue={values.email ?? ""}
            error={error("email")}
            maxLength={254}
          />
          <TextField
            key={key("phone")}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            label={labels.phone}
            defaultValue={values.phone ?? ""}
            error={error("phone")}
            maxLength={20}
          />
          <TextField
            key={key("accountNumber")}
            name="accountNumber"
            inputMode="numeric"
            autoComplete="off"
            label={labels.accountNumber}
            hint={labels.accountNumberHint}
            defaultValue={values.accountNumber ?? ""}
            error={error("accountNumber")}
            maxLength={20}
          />
          <TextField
            key={key("zip")}
            name="zip"
            inputMode="numeric"
            autoComplete="postal-code"
            label={labels.zip}
            defaultValue={values.zip ?? ""}
            error={error("zip")}
            maxLength={10}
          />
          <TextField
            key={key("addressLine1")}
            name="addressLine1"
            autoComplete="address-line1"
            label={labels.addressLine1}
            defaultValue={values.addressLine1 ?? ""}
            error={error("addressLine1")}
            maxLength={200}
          />
        </fieldset>

        {type === "KNOW_SPECIFIC" ? (
          // §7062(c): specific pieces need a signed declaration under penalty of perjury.
          <fieldset className="flex min-w-0 flex-col gap-4">
            <legend className="mb-1 text-base font-semibold text-fg">{labels.declarationLegend}</legend>
            <CheckboxField
              key={key("declaration")}
              name="declaration"
              label={labels.declaration}
              defaultChecked={values.declaration === "on"}
              aria-invalid={error("declarationName") ? true : undefined}
            />
            <TextField
              key={key("declarationName")}
              name="declarationName"
              autoComplete="name"
              label={labels.declarationName}
              defaultValue={values.declarationName ?? ""}
              error={error("declarationName")}
              maxLength={120}
            />
          </fieldset>
        ) : null}

        {type === "CORRECT" ? (
          <fieldset className="flex min-w-0 flex-col gap-4">
            <legend className="mb-1 text-base font-semibold text-fg">{labels.correctionLegend}</legend>
            <SelectField
              key={key("correctionField")}
              name="correctionField"
              label={labels.correctionField}
              placeholder={labels.correctionChoose}
              options={labels.correctionFields}
              defaultValue={values.correctionField ?? ""}
              error={error("correctionField")}
            />
            <TextField
              key={key("correctionValue")}
              name="correctionValue"
              label={labels.correctionValue}
              defaultValue={values.correctionValue ?? ""}
              error={error("correctionValue")}
              maxLength={200}
            />
          </fieldset>
        ) : null}

        <CheckboxField
          name="agent"
          label={labels.agentToggle}
          description={labels.agentToggleHint}
          checked={agent}
          onChange={(event) => setAgent(event.currentTarget.checked)}
        />
        {agent ? (
          // §7063(a): an authorised agent shows the consumer's signed permission.
          <fieldset className="flex min-w-0 flex-col gap-4">
            <legend className="mb-1 text-base font-semibold text-fg">{labels.agentLegend}</legend>
            <p className="-mt-2 text-sm text-fg-muted">{labels.agentHint}</p>
            <TextField
              key={key("agentName")}
              name="agentName"
              autoComplete="name"
              label={labels.agentName}
              defaultValue={values.agentName ?? ""}
              error={error("agentName")}
              maxLength={120}
            />
            <TextField
              key={key("agentEmail")}
              name="agentEmail"
              type="email"
              inputMode="email"
              autoComplete="email"
              label={labels.agentEmail}
              defaultValue={values.agentEmail ?? ""}
              error={error("agentEmail")}
              maxLength={254}
            />
            <TextField
              key={key("permission")}
              name="permission"
              type="file"
              accept={PERMISSION_ACCEPT}
              label={labels.permission}
              hint={labels.permissionHint}
              error={fileError ?? error("permission")}
              onChange={() => setFileError(null)}
              className="py-2 file:me-3 file:rounded-md file:border-0 file:bg-surface-muted file:px-3 file:py-1 file:text-sm file:font-medium"
            />
          </fieldset>
        ) : null}

        <Button type="submit" loading={pending} className="self-start">
          {labels.submit}
        </Button>
      </form>
    </div>
  );
}
