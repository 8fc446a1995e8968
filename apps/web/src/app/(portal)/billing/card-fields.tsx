import { TextField } from "@homeport/ui/input";

export interface CardFieldLabels {
  number: string;
  expiry: string;
  expiryHint: string;
  cvc: string;
  cvcHint: string;
  name: string;
  postal: string;
  optional: string;
}

const FIELD_ERRORS: Record<string, string> = {
  card_number_invalid: "cardNumber",
  CARD_NUMBER_INVALID: "cardNumber",
  DECLINED_card_declined: "cardNumber",
  card_expiry_invalid: "cardExpiry",
  CARD_EXPIRY_INVALID: "cardExpiry",
  DECLINED_expired_card: "cardExpiry",
  card_cvc_invalid: "cardCvc",
  DECLINED_incorrect_cvc: "cardCvc",
  card_name_required: "cardName",
  card_postal_invalid: "cardPostal",
};

/** The demo gateway's card form. The number and security code are never sent back to the page. */
export function CardFields({
  labels,
  values,
  attempt,
  error,
}: {
  labels: CardFieldLabels;
  values: Record<string, string>;
  attempt: number;
  error?: string;
}) {
  const invalid = error ? FIELD_ERRORS[error] : undefined;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        key={`number-${attempt}`}
        containerClassName="sm:col-span-2"
        label={labels.number}
        name="cardNumber"
        inputMode="numeric"
        autoComplete="cc-number"
        aria-invalid={invalid === "cardNumber" || undefined}
      />
      <TextField
        key={`expiry-${attempt}`}
        label={labels.expiry}
        name="cardExpiry"
        hint={labels.expiryHint}
        autoComplete="cc-exp"
        inputMode="numeric"
        defaultValue={values.cardExpiry}
        aria-invalid={invalid === "cardExpiry" || undefined}
      />
      <TextField
        key={`cvc-${attempt}`}
        label={labels.cvc}
        name="cardCvc"
        hint={labels.cvcHint}
        autoComplete="cc-csc"
        inputMode="numeric"
        aria-invalid={invalid === "cardCvc" || undefined}
      />
      <TextField
        key={`name-${attempt}`}
        label={labels.name}
        name="cardName"
        autoComplete="cc-name"
        defaultValue={values.cardName}
        aria-invalid={invalid === "cardName" || undefined}
      />
      <TextField
        key={`postal-${attempt}`}
        label={labels.postal}
        optionalText={labels.optional}
        name="cardPostal"
        autoComplete="postal-code"
        inputMode="numeric"
        defaultValue={values.cardPostal}
        aria-invalid={invalid === "cardPostal" || undefined}
      />
    </div>
  );
}
