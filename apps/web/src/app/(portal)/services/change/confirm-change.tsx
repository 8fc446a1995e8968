"use client";

import { Button } from "@homeport/ui/button";
import Link from "next/link";
import { useActionState } from "react";
import { changePlanAction, type ServicesFormState } from "@/actions/services";
import { FormError } from "@/components/form-error";

/** The confirm step of a plan change; core asks for a fresh sign-in first if the last one is stale. */
export function ConfirmChange({
  kind,
  planId,
  labels,
  errors,
}: {
  kind: string;
  planId: string;
  labels: { confirm: string; cancel: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<ServicesFormState, FormData>(changePlanAction, { status: "idle" });
  const message = state.error ? (errors[state.error] ?? errors.generic ?? state.error) : null;
  return (
    <form action={action} className="flex flex-col gap-4">
      <FormError message={message} answer={state} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="planId" value={planId} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={pending}>
          {labels.confirm}
        </Button>
        <Button asChild variant="ghost">
          <Link href="/services">{labels.cancel}</Link>
        </Button>
      </div>
    </form>
  );
}
