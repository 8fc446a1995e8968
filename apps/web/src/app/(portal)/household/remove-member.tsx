"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { ConfirmDialog } from "@homeport/ui/dialog";
import { useActionState, useId, useState } from "react";
import type { AccountFormState } from "@/actions/account";
import { removeMemberAction } from "@/actions/household";

export function RemoveMember({
  userId,
  labels,
}: {
  userId: string;
  labels: { remove: string; removeLabel: string; title: string; body: string; cancel: string; done: string };
}) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(removeMemberAction, { status: "idle" });
  const [open, setOpen] = useState(false);
  const formId = useId();
  if (state.status === "done") return <Alert variant="success">{labels.done}</Alert>;
  return (
    <>
      <Button type="button" variant="secondary" size="sm" aria-label={labels.removeLabel} onClick={() => setOpen(true)}>
        {labels.remove}
      </Button>
      <form id={formId} action={action} hidden>
        <input type="hidden" name="userId" value={userId} />
      </form>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={labels.title}
        description={labels.body}
        confirmLabel={labels.remove}
        cancelLabel={labels.cancel}
        destructive
        loading={pending}
        confirmButtonProps={{ type: "submit", form: formId, onClick: () => setTimeout(() => setOpen(false), 0) }}
      />
    </>
  );
}
