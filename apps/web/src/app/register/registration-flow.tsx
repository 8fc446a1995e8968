"use client";

import { Alert } from "@homeport/ui/alert";
import { useState } from "react";
import {
  type AccountFormState,
  completeRegistrationAction,
  startRegistrationAction,
  verifyRegistrationAction,
} from "@/actions/account";
import { AccountForm } from "@/components/account-form";

export interface RegistrationText {
  step1Title: string;
  step1Body: string;
  accountNumber: string;
  accountNumberHint: string;
  zip: string;
  sendTo: string;
  bySms: string;
  byEmail: string;
  sendCode: string;
  step2Title: string;
  sentTo: { SMS: string; EMAIL: string };
  code: string;
  codeHint: string;
  verify: string;
  step3Title: string;
  step3Body: string;
  name: string;
  email: string;
  password: string;
  passwordHint: string;
  confirm: string;
  create: string;
  stepOf: string[];
}

/** Three steps: which account, prove you hold its phone or email, then the login itself. */
export function RegistrationFlow({ text, errors }: { text: RegistrationText; errors: Record<string, string> }) {
  const [started, setStarted] = useState<AccountFormState | null>(null);
  const [verified, setVerified] = useState<AccountFormState | null>(null);
  const step = verified ? 3 : started ? 2 : 1;

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm font-medium text-fg-muted" aria-live="polite">
        {text.stepOf[step - 1]}
      </p>
      {step === 1 ? (
        <>
          <div>
            <h2 className="text-lg font-semibold">{text.step1Title}</h2>
            <p className="text-sm text-fg-muted">{text.step1Body}</p>
          </div>
          <AccountForm
            action={startRegistrationAction}
            fields={[
              { name: "accountNumber", label: text.accountNumber, hint: text.accountNumberHint, inputMode: "numeric" },
              { name: "zip", label: text.zip, inputMode: "numeric", autoComplete: "postal-code" },
            ]}
            submitLabel={text.sendCode}
            errors={errors}
            onDone={setStarted}
          >
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-medium">{text.sendTo}</legend>
              <label className="flex min-h-11 items-center gap-2">
                <input type="radio" name="channel" value="SMS" defaultChecked className="size-4 accent-brand" />
                {text.bySms}
              </label>
              <label className="flex min-h-11 items-center gap-2">
                <input type="radio" name="channel" value="EMAIL" className="size-4 accent-brand" />
                {text.byEmail}
              </label>
            </fieldset>
          </AccountForm>
        </>
      ) : null}
      {step === 2 && started ? (
        <>
          <h2 className="text-lg font-semibold">{text.step2Title}</h2>
          <Alert variant="info">
            {text.sentTo[started.channel ?? "SMS"].replace("{destination}", started.maskedDestination ?? "")}
          </Alert>
          <AccountForm
            action={verifyRegistrationAction}
            hidden={{ registrationId: started.registrationId ?? "" }}
            fields={[
              {
                name: "code",
                label: text.code,
                hint: text.codeHint,
                inputMode: "numeric",
                autoComplete: "one-time-code",
              },
            ]}
            submitLabel={text.verify}
            errors={errors}
            onDone={setVerified}
          />
        </>
      ) : null}
      {step === 3 && verified ? (
        <>
          <div>
            <h2 className="text-lg font-semibold">{text.step3Title}</h2>
            <p className="text-sm text-fg-muted">{text.step3Body}</p>
          </div>
          <AccountForm
            action={completeRegistrationAction}
            hidden={{ registrationId: verified.registrationId ?? "", completion: verified.completion ?? "" }}
            fields={[
              { name: "name", label: text.name, autoComplete: "name" },
              { name: "email", label: text.email, type: "email", autoComplete: "username", inputMode: "email" },
              {
                name: "password",
                label: text.password,
                type: "password",
                autoComplete: "new-password",
                hint: text.passwordHint,
              },
              { name: "confirmation", label: text.confirm, type: "password", autoComplete: "new-password" },
            ]}
            submitLabel={text.create}
            errors={errors}
          />
        </>
      ) : null}
    </div>
  );
}
