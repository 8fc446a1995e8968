"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { useActionState } from "react";
import { createRuleAction, type DvrFormState } from "@/actions/dvr";
import { FormError } from "@/components/form-error";

/** "Record this airing instead": a SINGLE rule for another airing of a conflicting episode. */
export function RecordAiringButton({
  programId,
  label,
  ariaLabel,
  done,
  errors,
}: {
  programId: string;
  label: string;
  ariaLabel?: string;
  done: string;
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<DvrFormState, FormData>(createRuleAction, { status: "idle" });
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="kind" value="SINGLE" />
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="returnTo" value="/tv/upcoming" />
      <FormError
        message={state.status === "error" ? (errors[state.error ?? ""] ?? errors.generic) : null}
        answer={state}
      />
      {state.status === "done" ? <Alert variant="success">{done}</Alert> : null}
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        loading={pending}
        aria-label={ariaLabel}
        className="self-start"
      >
        {label}
      </Button>
    </form>
  );
}
