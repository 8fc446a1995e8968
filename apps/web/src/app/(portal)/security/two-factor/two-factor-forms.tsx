"use client";

import { Alert } from "@homeport/ui/alert";
import { Button, buttonVariants } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { Download } from "lucide-react";
import Link from "next/link";
import { useActionState } from "react";
import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  type FormState,
  regenerateCodesAction,
} from "@/actions/security";
import { ConfirmAction } from "@/components/confirm-action";

interface CodeLabels {
  title: string;
  body: string;
  download: string;
  done: string;
  fileHeading: string;
}

/** The recovery codes, shown once, with a download. */
function RecoveryCodes({ codes, labels }: { codes: string[]; labels: CodeLabels }) {
  const download = () => {
    const blob = new Blob([`${labels.fileHeading}\n\n${codes.join("\n")}\n`], { type: "text/plain" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = "recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="recovery-codes-title" className="flex flex-col gap-4">
      <Alert variant="success" title={<span id="recovery-codes-title">{labels.title}</span>}>
        {labels.body}
      </Alert>
      <ol className="grid grid-cols-2 gap-2 rounded-md border border-border bg-surface-muted p-4 font-mono text-base sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={download}>
          <Download aria-hidden="true" />
          {labels.download}
        </Button>
        <Link href="/security" className={buttonVariants({ variant: "primary" })}>
          {labels.done}
        </Link>
      </div>
    </section>
  );
}

export function ConfirmEnrolment({
  labels,
  errors,
  codeLabels,
}: {
  labels: { code: string; codeHint: string; submit: string };
  errors: Record<string, string>;
  codeLabels: CodeLabels;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(confirmTwoFactorAction, { status: "idle" });
  if (state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} labels={codeLabels} />;
  return (
    <form action={action} noValidate className="flex max-w-sm flex-col gap-4">
      <TextField
        label={labels.code}
        hint={labels.codeHint}
        name="code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        error={state.error ? (errors[state.error] ?? errors.generic) : undefined}
      />
      <Button type="submit" loading={pending}>
        {labels.submit}
      </Button>
    </form>
  );
}

export function ManageTwoFactor({
  staff,
  labels,
  codeLabels,
}: {
  staff: boolean;
  labels: {
    regenerate: string;
    turnOff: string;
    turnOffTitle: string;
    turnOffBody: string;
    cancel: string;
    staffRequired: string;
  };
  codeLabels: CodeLabels;
}) {
  const [codes, regenerate, regenerating] = useActionState<FormState>(regenerateCodesAction, { status: "idle" });
  const [, turnOff, turningOff] = useActionState<FormState>(disableTwoFactorAction, { status: "idle" });
  if (codes.recoveryCodes) return <RecoveryCodes codes={codes.recoveryCodes} labels={codeLabels} />;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-3">
        <form action={regenerate}>
          <Button type="submit" variant="secondary" loading={regenerating}>
            {labels.regenerate}
          </Button>
        </form>
        {staff ? null : (
          <ConfirmAction
            action={turnOff}
            label={labels.turnOff}
            variant="danger"
            title={labels.turnOffTitle}
            description={labels.turnOffBody}
            confirmLabel={labels.turnOff}
            cancelLabel={labels.cancel}
            pending={turningOff}
          />
        )}
      </div>
      {staff ? <p className="text-sm text-fg-muted">{labels.staffRequired}</p> : null}
    </div>
  );
}
