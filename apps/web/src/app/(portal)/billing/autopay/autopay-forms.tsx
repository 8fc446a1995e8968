"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { RadioGroup } from "@homeport/ui/radio-group";
import { useActionState } from "react";
import { type BillingFormState, cancelAutopayAction, enrollAutopayAction } from "@/actions/billing";
import { ConfirmAction } from "@/components/confirm-action";

export function AutopayForms({
  enrolled,
  currentMethodId,
  methods,
  labels,
  errors,
}: {
  enrolled: boolean;
  currentMethodId: string | null;
  methods: { id: string; label: string; isDefault: boolean }[];
  labels: Record<
    | "method"
    | "enroll"
    | "change"
    | "cancel"
    | "cancelTitle"
    | "cancelBody"
    | "cancelConfirm"
    | "keep"
    | "saved"
    | "cancelled"
    | "noMethods",
    string
  >;
  errors: Record<string, string>;
}) {
  const [enrollState, enroll, enrolling] = useActionState<BillingFormState, FormData>(enrollAutopayAction, {
    status: "idle",
  });
  const [cancelState, cancel, cancelling] = useActionState<BillingFormState, FormData>(cancelAutopayAction, {
    status: "idle",
  });
  const error = enrollState.error ?? cancelState.error;
  const initial = currentMethodId ?? methods.find((m) => m.isDefault)?.id ?? methods[0]?.id;
  return (
    <div className="flex flex-col gap-4">
      {error ? <Alert variant="danger">{errors[error] ?? errors.generic}</Alert> : null}
      {enrollState.status === "done" ? <Alert variant="success">{labels.saved}</Alert> : null}
      {cancelState.status === "done" ? <Alert variant="success">{labels.cancelled}</Alert> : null}
      {methods.length === 0 ? (
        <p className="text-sm">{labels.noMethods}</p>
      ) : (
        <form action={enroll} className="flex flex-col gap-4">
          <RadioGroup
            legend={labels.method}
            name="methodId"
            defaultValue={initial}
            options={methods.map((m) => ({ value: m.id, label: m.label }))}
          />
          <Button type="submit" loading={enrolling} className="self-start">
            {enrolled ? labels.change : labels.enroll}
          </Button>
        </form>
      )}
      {enrolled ? (
        <ConfirmAction
          action={cancel}
          label={labels.cancel}
          variant="secondary"
          title={labels.cancelTitle}
          description={labels.cancelBody}
          confirmLabel={labels.cancelConfirm}
          cancelLabel={labels.keep}
          pending={cancelling}
        />
      ) : null}
    </div>
  );
}
