"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { useActionState } from "react";
import { type BillingFormState, removeMethodAction, setDefaultMethodAction } from "@/actions/billing";
import { ConfirmAction } from "@/components/confirm-action";

export function MethodActions({
  methodId,
  isDefault,
  usedByAutopay,
  labels,
  errors,
}: {
  methodId: string;
  isDefault: boolean;
  usedByAutopay: boolean;
  labels: {
    makeDefault: string;
    makeDefaultFor: string;
    remove: string;
    removeFor: string;
    removeTitle: string;
    removeBody: string;
    confirm: string;
    cancel: string;
  };
  errors: Record<string, string>;
}) {
  const [defaultState, makeDefault, defaultPending] = useActionState<BillingFormState, FormData>(
    setDefaultMethodAction,
    {
      status: "idle",
    },
  );
  const [removeState, remove, removePending] = useActionState<BillingFormState, FormData>(removeMethodAction, {
    status: "idle",
  });
  const error = defaultState.error ?? removeState.error;
  return (
    <div className="flex flex-col gap-2">
      {error ? <Alert variant="danger">{errors[error] ?? errors.generic}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {isDefault ? null : (
          <form action={makeDefault}>
            <input type="hidden" name="methodId" value={methodId} />
            <Button
              type="submit"
              variant="secondary"
              size="sm"
              loading={defaultPending}
              aria-label={labels.makeDefaultFor}
            >
              {labels.makeDefault}
            </Button>
          </form>
        )}
        {usedByAutopay ? null : (
          <ConfirmAction
            action={remove}
            fields={{ methodId }}
            label={labels.remove}
            ariaLabel={labels.removeFor}
            variant="ghost"
            size="sm"
            title={labels.removeTitle}
            description={labels.removeBody}
            confirmLabel={labels.confirm}
            cancelLabel={labels.cancel}
            pending={removePending}
          />
        )}
      </div>
    </div>
  );
}
