"use client";

import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { useActionState } from "react";
import { changePasswordAction, type FormState } from "@/actions/security";

export function PasswordForm({
  labels,
  errors,
}: {
  labels: { password: string; hint: string; confirmation: string; submit: string; submitting: string };
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(changePasswordAction, { status: "idle" });
  const problem = state.error === "WEAK_PASSWORD" ? String(state.detail?.problem ?? "generic") : state.error;
  const message = problem ? (errors[problem] ?? errors.generic) : undefined;
  return (
    <form action={action} noValidate className="flex flex-col gap-4">
      <TextField
        label={labels.password}
        hint={labels.hint}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={problem && problem !== "password_mismatch" ? message : undefined}
      />
      <TextField
        label={labels.confirmation}
        name="confirmation"
        type="password"
        autoComplete="new-password"
        required
        error={problem === "password_mismatch" ? message : undefined}
      />
      <Button type="submit" loading={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  );
}
