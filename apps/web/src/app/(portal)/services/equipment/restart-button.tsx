"use client";

import { Alert } from "@homeport/ui/alert";
import { useActionState } from "react";
import { type EquipmentFormState, restartEquipmentAction } from "@/actions/equipment";
import { ConfirmAction } from "@/components/confirm-action";

export function RestartButton({
  equipmentId,
  labels,
  errors,
}: {
  equipmentId: string;
  labels: { restart: string; ariaLabel: string; title: string; body: string; confirm: string; cancel: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<EquipmentFormState, FormData>(restartEquipmentAction, {
    status: "idle",
  });
  return (
    <div className="flex flex-col gap-2">
      {state.error ? <Alert variant="danger">{errors[state.error] ?? errors.generic}</Alert> : null}
      <ConfirmAction
        action={action}
        fields={{ equipmentId }}
        label={labels.restart}
        ariaLabel={labels.ariaLabel}
        variant="secondary"
        title={labels.title}
        description={labels.body}
        confirmLabel={labels.confirm}
        cancelLabel={labels.cancel}
        pending={pending}
      />
    </div>
  );
}
