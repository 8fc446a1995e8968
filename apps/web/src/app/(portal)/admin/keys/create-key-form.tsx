"use client";

import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { useActionState, useEffect, useRef } from "react";
import { type CreateKeyState, createApiKeyAction } from "@/actions/admin-staff";

export interface CreateKeyLabels {
  name: string;
  nameHint: string;
  submit: string;
  createdTitle: string;
  /** With `{name}` and `{prefix}` still in it: filled here, once the key exists. */
  createdBody: string;
  secretLabel: string;
  copyHint: string;
}

/**
 * The create form. The new key's secret lives only in this component's action state: it is never
 * put in a URL, and it is gone once the page is left or reloaded.
 */
export function CreateKeyForm({ labels, errors }: { labels: CreateKeyLabels; errors: Record<string, string> }) {
  const [state, action, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction, { status: "idle" });
  const created = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === "created") created.current?.focus();
  }, [state]);
  return (
    <div className="flex flex-col gap-4">
      {state.status === "created" ? (
        <div ref={created} tabIndex={-1} className="flex flex-col gap-3 outline-none">
          <Alert variant="success" title={labels.createdTitle}>
            {labels.createdBody.replace("{name}", state.key.name).replace("{prefix}", state.key.prefix)}
          </Alert>
          <TextField
            id="new-api-key"
            label={labels.secretLabel}
            hint={labels.copyHint}
            value={state.key.secret}
            readOnly
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      ) : null}
      <form action={action} className="flex flex-col gap-4">
        {state.status === "error" ? <Alert variant="danger">{errors[state.error] ?? errors.generic}</Alert> : null}
        <TextField
          key={state.status === "idle" ? 0 : state.attempt}
          id="api-key-name"
          name="name"
          label={labels.name}
          hint={labels.nameHint}
          autoComplete="off"
          maxLength={100}
          required
        />
        <Button type="submit" className="self-start" loading={pending}>
          {labels.submit}
        </Button>
      </form>
    </div>
  );
}
