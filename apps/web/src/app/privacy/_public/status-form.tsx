"use client";

import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { useActionState, useEffect, useRef } from "react";
import { lookUpRequestAction, type StatusLookupState } from "@/actions/privacy-public";
import { FormError } from "@/components/form-error";
import { STATUS_BADGE } from "../status-badge.ts";

export interface StatusFormLabels {
  reference: string;
  referenceHint: string;
  email: string;
  submit: string;
  type: string;
  status: string;
  received: string;
  due: string;
  completed: string;
}

/** A public request's status by reference and email; a miss never says which of the two was wrong. */
export function StatusForm({ reference, labels }: { reference: string; labels: StatusFormLabels }) {
  const [state, action, pending] = useActionState<StatusLookupState, FormData>(lookUpRequestAction, {
    status: "idle",
  });
  const values = state.values ?? {};
  const key = (name: string) => `${name}-${state.attempt ?? 0}`;
  const message = state.status === "error" || state.status === "notFound" ? state.message : null;
  const result = state.status === "found" ? state.result : undefined;
  const resultRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  return (
    <div className="flex flex-col gap-6">
      <form action={action} noValidate className="flex flex-col gap-5">
        <FormError message={message} answer={state} />
        <TextField
          key={key("reference")}
          name="reference"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          label={labels.reference}
          hint={labels.referenceHint}
          defaultValue={values.reference ?? reference}
          error={state.fieldErrors?.reference}
          maxLength={20}
        />
        <TextField
          key={key("email")}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          label={labels.email}
          defaultValue={values.email ?? ""}
          error={state.fieldErrors?.email}
          maxLength={254}
        />
        <Button type="submit" loading={pending} className="self-start">
          {labels.submit}
        </Button>
      </form>
      {result ? (
        <section
          ref={resultRef}
          tabIndex={-1}
          aria-labelledby="request-status-title"
          className="flex flex-col gap-3 rounded-lg border border-border bg-surface p-4 outline-none sm:p-5"
        >
          <h2 id="request-status-title" className="text-lg font-semibold break-words">
            {result.title}
          </h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
            <dt className="font-medium text-fg-muted">{labels.type}</dt>
            <dd>{result.type}</dd>
            <dt className="font-medium text-fg-muted">{labels.status}</dt>
            <dd>
              <Badge variant={STATUS_BADGE[result.view]}>{result.status}</Badge>
            </dd>
            <dt className="font-medium text-fg-muted">{labels.received}</dt>
            <dd>{result.received}</dd>
            {result.due ? (
              <>
                <dt className="font-medium text-fg-muted">{labels.due}</dt>
                <dd>{result.due}</dd>
              </>
            ) : null}
            {result.completed ? (
              <>
                <dt className="font-medium text-fg-muted">{labels.completed}</dt>
                <dd>{result.completed}</dd>
              </>
            ) : null}
            {result.reason && result.reasonLabel ? (
              <>
                <dt className="font-medium text-fg-muted">{result.reasonLabel}</dt>
                <dd className="break-words whitespace-pre-line">{result.reason}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </div>
  );
}
