"use client";

import { Button } from "@homeport/ui/button";
import { CheckboxField } from "@homeport/ui/checkbox";
import { TextField } from "@homeport/ui/input";
import { RadioGroup } from "@homeport/ui/radio-group";
import { startTransition, useActionState, useState } from "react";
import { type BillingFormState, payAction } from "@/actions/billing";
import { CardFields, type CardFieldLabels } from "../card-fields.tsx";
import { FormError } from "@/components/form-error";

export interface PayFormProps {
  requestKey: string;
  locale: string;
  currency: string;
  balanceCents: number;
  pastDueCents: number;
  methods: { id: string; label: string; description: string; disabled: boolean; isDefault: boolean }[];
  /** Cards can be typed here (demo gateway) or only added on the gateway's own page. */
  onSiteCards: boolean;
  canSaveCard: boolean;
  labels: {
    amount: string;
    balance: string;
    pastDue: string;
    other: string;
    otherAmount: string;
    otherHint: string;
    method: string;
    newCard: string;
    saveCard: string;
    saveCardHint: string;
    pay: string;
    payAmount: string;
    paying: string;
    card: CardFieldLabels;
  };
  errors: Record<string, string>;
}

export function PayForm(props: PayFormProps) {
  const { labels } = props;
  const [state, formAction, pending] = useActionState<BillingFormState, FormData>(payAction, { status: "idle" });
  const values = state.values ?? {};
  const [choice, setChoice] = useState(values.amountChoice ?? "BALANCE");
  const defaultMethod = props.methods.find((m) => m.isDefault && !m.disabled)?.id ?? (props.onSiteCards ? "new" : "");
  const [method, setMethod] = useState(values.method ?? defaultMethod);
  const [other, setOther] = useState(values.otherAmount ?? "");

  const money = new Intl.NumberFormat(props.locale === "es" ? "es-US" : "en-US", {
    style: "currency",
    currency: props.currency,
  });
  const otherCents = Math.round(Number(other.replace(/[$,\s]/g, "")) * 100);
  const amountCents =
    choice === "BALANCE"
      ? props.balanceCents
      : choice === "PAST_DUE"
        ? props.pastDueCents
        : Number.isFinite(otherCents)
          ? otherCents
          : 0;
  const message = state.error
    ? (props.errors[state.error] ??
      (state.error.startsWith("DECLINED_") ? props.errors.DECLINED_unknown : props.errors.generic))
    : null;
  const maxCents = state.detail?.maxCents;

  return (
    <form
      action={formAction}
      // React resets a form after its action runs, which would uncheck the radio buttons chosen
      // here; submitting by hand keeps the choices (and the form still works before hydration).
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      noValidate
      className="flex flex-col gap-6"
    >
      <FormError
        message={
          message && typeof maxCents === "number" ? message.replace("{max}", money.format(maxCents / 100)) : message
        }
        answer={state}
      />
      <input type="hidden" name="requestKey" value={state.requestKey ?? props.requestKey} />
      <RadioGroup
        legend={labels.amount}
        name="amountChoice"
        value={choice}
        onValueChange={setChoice}
        options={[
          { value: "BALANCE", label: labels.balance, description: money.format(props.balanceCents / 100) },
          ...(props.pastDueCents > 0 && props.pastDueCents < props.balanceCents
            ? [{ value: "PAST_DUE", label: labels.pastDue, description: money.format(props.pastDueCents / 100) }]
            : []),
          { value: "OTHER", label: labels.other },
        ]}
      />
      {choice === "OTHER" ? (
        <TextField
          key={`other-${state.attempt ?? 0}`}
          label={labels.otherAmount}
          name="otherAmount"
          inputMode="decimal"
          autoComplete="off"
          hint={labels.otherHint}
          value={other}
          onChange={(event) => setOther(event.target.value)}
          aria-invalid={state.error === "AMOUNT_INVALID" || state.error === "AMOUNT_TOO_HIGH" || undefined}
        />
      ) : null}
      <RadioGroup
        legend={labels.method}
        name="method"
        value={method}
        onValueChange={setMethod}
        options={[
          ...props.methods.map((m) => ({
            value: m.id,
            label: m.label,
            description: m.description,
            disabled: m.disabled,
          })),
          ...(props.onSiteCards ? [{ value: "new", label: labels.newCard }] : []),
        ]}
      />
      {method === "new" ? (
        <div className="flex flex-col gap-4 rounded-lg border border-border p-4">
          <CardFields labels={labels.card} values={values} attempt={state.attempt ?? 0} error={state.error} />
          {props.canSaveCard ? (
            <CheckboxField
              name="saveCard"
              label={labels.saveCard}
              description={labels.saveCardHint}
              defaultChecked={values.saveCard === "on"}
            />
          ) : null}
        </div>
      ) : null}
      <Button type="submit" loading={pending} disabled={pending} className="self-start">
        {pending
          ? labels.paying
          : amountCents > 0
            ? labels.payAmount.replace("{amount}", money.format(amountCents / 100))
            : labels.pay}
      </Button>
    </form>
  );
}
