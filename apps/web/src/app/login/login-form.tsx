"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";

export interface LoginFormProps {
  callbackUrl: string;
  labels: { email: string; password: string; submit: string; submitting: string };
  errors: Record<string, string>;
}

type FieldErrors = { email?: string; password?: string; form?: string };

export function LoginForm({ callbackUrl, labels, errors }: LoginFormProps) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const formAlert = useRef<HTMLDivElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const next: FieldErrors = {};
    if (!email) next.email = errors.email_required;
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) next.email = errors.email_invalid;
    if (!password) next.password = errors.password_required;
    setFieldErrors(next);
    if (next.email || next.password) return;

    setPending(true);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setFieldErrors({ form: errors[result?.error ?? ""] ?? errors.generic });
    } catch {
      setFieldErrors({ form: errors.generic });
    }
    setPending(false);
    requestAnimationFrame(() => formAlert.current?.focus());
  }

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {fieldErrors.form ? (
        <div ref={formAlert} tabIndex={-1} className="outline-none">
          <Alert variant="danger">{fieldErrors.form}</Alert>
        </div>
      ) : null}
      <TextField
        label={labels.email}
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        required
        error={fieldErrors.email}
      />
      <TextField
        label={labels.password}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.password}
      />
      <Button type="submit" loading={pending} className="w-full">
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  );
}
