"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { signInWithCredentials } from "@/lib/credentials-sign-in";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";

export interface LoginFormProps {
  callbackUrl: string;
  labels: {
    email: string;
    password: string;
    submit: string;
    submitting: string;
    code: string;
    codeHint: string;
    useRecoveryCode: string;
    useAppCode: string;
    recoveryCode: string;
    recoveryHint: string;
    secondStepTitle: string;
    secondStepBody: string;
    verify: string;
  };
  errors: Record<string, string>;
  /** Step-up: the signed-in user confirms who they are; the email is fixed. */
  stepUp?: { email: string; sessionId: string; twoFactor: boolean };
}

type FieldErrors = { email?: string; password?: string; code?: string; form?: string };

/**
 * Email and password, then — only when the account has two-step sign-in — a code from the
 * authenticator app or a recovery code. No session exists until both steps pass.
 */
export function LoginForm({ callbackUrl, labels, errors, stepUp }: LoginFormProps) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(stepUp?.twoFactor ?? false);
  const [recovery, setRecovery] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [credentials, setCredentials] = useState({ email: stepUp?.email ?? "", password: "" });
  const formAlert = useRef<HTMLDivElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const email = stepUp?.email ?? String(data.get("email") ?? credentials.email).trim();
    const password = String(data.get("password") ?? credentials.password);
    const code = needsCode ? String(data.get("code") ?? "").trim() : "";
    const next: FieldErrors = {};
    if (!email) next.email = errors.email_required;
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) next.email = errors.email_invalid;
    if (!password) next.password = errors.password_required;
    if (needsCode && !code) next.code = errors.code_required;
    setFieldErrors(next);
    if (next.email || next.password || next.code) return;

    setPending(true);
    setCredentials({ email, password });
    try {
      const failure = await signInWithCredentials({
        email,
        password,
        code,
        replacesSessionId: stepUp?.sessionId ?? "",
      });
      if (failure === null) {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      if (failure === "SECOND_FACTOR_REQUIRED") {
        setNeedsCode(true);
        setFieldErrors({});
        setPending(false);
        requestAnimationFrame(() => codeInput.current?.focus());
        return;
      }
      if (failure === "INVALID_CODE") {
        setFieldErrors({ code: errors.INVALID_CODE });
        setPending(false);
        requestAnimationFrame(() => codeInput.current?.focus());
        return;
      }
      setFieldErrors({
        form:
          errors[failure] ??
          (failure.startsWith("ACCOUNT_LOCKED") ? errors.ACCOUNT_LOCKED : undefined) ??
          errors.generic,
      });
    } catch {
      setFieldErrors({ form: errors.generic });
    }
    setPending(false);
    requestAnimationFrame(() => formAlert.current?.focus());
  }

  const secondStepOnly = needsCode && !stepUp;

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      {fieldErrors.form ? (
        <div ref={formAlert} tabIndex={-1} className="outline-none">
          <Alert variant="danger">{fieldErrors.form}</Alert>
        </div>
      ) : null}
      {secondStepOnly ? (
        <div>
          <h2 className="text-lg font-semibold">{labels.secondStepTitle}</h2>
          <p className="text-sm text-fg-muted">{labels.secondStepBody}</p>
        </div>
      ) : (
        <>
          {stepUp ? null : (
            <TextField
              label={labels.email}
              name="email"
              type="email"
              autoComplete="username"
              inputMode="email"
              required
              defaultValue={credentials.email}
              error={fieldErrors.email}
            />
          )}
          <TextField
            label={labels.password}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={fieldErrors.password}
          />
        </>
      )}
      {needsCode ? (
        <>
          <TextField
            ref={codeInput}
            key={recovery ? "recovery" : "totp"}
            label={recovery ? labels.recoveryCode : labels.code}
            hint={recovery ? labels.recoveryHint : labels.codeHint}
            name="code"
            autoComplete="one-time-code"
            inputMode={recovery ? "text" : "numeric"}
            required
            error={fieldErrors.code}
          />
          <button
            type="button"
            className="self-start text-sm text-brand underline underline-offset-4"
            onClick={() => setRecovery((value) => !value)}
          >
            {recovery ? labels.useAppCode : labels.useRecoveryCode}
          </button>
        </>
      ) : null}
      <Button type="submit" loading={pending} className="w-full">
        {pending ? labels.submitting : secondStepOnly ? labels.verify : labels.submit}
      </Button>
    </form>
  );
}
