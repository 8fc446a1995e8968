"use client";

import { Alert } from "@homeport/ui/alert";
import { useActionState } from "react";
import type { AccountFormState } from "@/actions/account";
import { removeMemberAction } from "@/actions/household";
import { ConfirmAction } from "@/components/confirm-action";

export function RemoveMember({
  userId,
  labels,
}: {
  userId: string;
  labels: { remove: string; removeLabel: string; title: string; body: string; cancel: string; done: string };
}) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(removeMemberAction, { status: "idle" });
  if (state.status === "done") return <Alert variant="success">{labels.done}</Alert>;
  return (
    <ConfirmAction
      action={action}
      fields={{ userId }}
      label={labels.remove}
      ariaLabel={labels.removeLabel}
      size="sm"
      title={labels.title}
      description={labels.body}
      confirmLabel={labels.remove}
      cancelLabel={labels.cancel}
      pending={pending}
    />
  );
}
