"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { useActionState } from "react";
import { confirmForwardAction, type EmailFormState } from "@/actions/email";
import { FormError } from "@/components/form-error";

export function ConfirmForwardForm({
  token,
  labels,
}: {
  token: string;
  labels: { submit: string; done: string; invalid: string };
}) {
  const [state, action, pending] = useActionState<EmailFormState & { from?: string; to?: string }, FormData>(
    confirmForwardAction,
    { status: "idle" },
  );
  if (state.status === "done") {
    return (
      <div role="status">
        <Alert variant="success">
          {labels.done.replace("{from}", state.from ?? "").replace("{to}", state.to ?? "")}
        </Alert>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={state.status === "error" ? labels.invalid : null} answer={state} />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}
