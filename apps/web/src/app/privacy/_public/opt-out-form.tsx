"use client";

import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { useActionState } from "react";
import { doNotSellAction, limitUseAction, type PublicFormState } from "@/actions/privacy-public";
import { FormError } from "@/components/form-error";
import { Receipt } from "./receipt.tsx";

export interface OptOutFormLabels {
  legend: string;
  hint: string;
  email: string;
  phone: string;
  accountNumber: string;
  accountNumberHint: string;
  name: string;
  optional: string;
  submit: string;
}

/** §7026(a)(1), §7027(b)(1): a form that asks only for what is needed to find the consumer's records. */
export function OptOutForm({ kind, labels }: { kind: "doNotSell" | "limit"; labels: OptOutFormLabels }) {
  const [state, action, pending] = useActionState<PublicFormState, FormData>(
    kind === "doNotSell" ? doNotSellAction : limitUseAction,
    { status: "idle" },
  );
  const values = state.values ?? {};
  const error = (field: string) => state.fieldErrors?.[field];
  const key = (name: string) => `${name}-${state.attempt ?? 0}`;

  return (
    <div className="flex flex-col gap-5">
      {state.status === "done" && state.receipt ? <Receipt receipt={state.receipt} /> : null}
      <form action={action} noValidate className="flex flex-col gap-5">
        <FormError message={state.status === "error" ? state.message : null} answer={state} />
        <fieldset className="flex min-w-0 flex-col gap-4">
          <legend className="mb-1 text-base font-semibold text-fg">{labels.legend}</legend>
          <p className="-mt-2 text-sm text-fg-muted">{labels.hint}</p>
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
            key={key("name")}
            name="name"
            autoComplete="name"
            label={labels.name}
            optionalText={labels.optional}
            defaultValue={values.name ?? ""}
            error={error("name")}
            maxLength={120}
          />
        </fieldset>
        <Button type="submit" loading={pending} className="self-start">
          {labels.submit}
        </Button>
      </form>
    </div>
  );
}
