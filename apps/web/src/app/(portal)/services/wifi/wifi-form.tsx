"use client";

import { wifiPasswordStrength } from "@homeport/core/services/wifi-rules";
import { Button } from "@homeport/ui/button";
import { TextField } from "@homeport/ui/input";
import { Eye, EyeOff } from "lucide-react";
import { useActionState, useEffect, useState } from "react";
import { changeWifiAction, type EquipmentFormState, revealWifiPasswordAction } from "@/actions/equipment";
import { FormError } from "@/components/form-error";

export interface WifiFormLabels {
  ssid: string;
  ssidHint: string;
  password: string;
  passwordHint: string;
  show: string;
  hide: string;
  strength: Record<"weak" | "fair" | "strong", string>;
  strengthTip: Record<"weak" | "fair" | "strong", string>;
  submit: string;
}

const STRENGTH_STYLE = {
  weak: { bar: "w-1/3 bg-danger", text: "text-danger" },
  fair: { bar: "w-2/3 bg-warning", text: "text-warning" },
  strong: { bar: "w-full bg-success", text: "text-success" },
} as const;

/** Name and password of the home network, with a live strength hint that never leaves the browser. */
export function WifiForm({
  currentSsid,
  labels,
  errors,
}: {
  currentSsid: string;
  labels: WifiFormLabels;
  errors: Record<string, string>;
}) {
  const [state, action, pending] = useActionState<EquipmentFormState, FormData>(changeWifiAction, { status: "idle" });
  const message = state.error ? (errors[state.error] ?? errors.generic) : null;
  return (
    <form action={action} noValidate className="flex flex-col gap-4" id="wifi-form">
      <FormError message={message} answer={state} />
      <WifiFields
        key={state.attempt ?? 0}
        initialSsid={state.values?.ssid ?? currentSsid}
        labels={labels}
        invalid={state.field}
        fieldError={message ?? null}
      />
      <Button type="submit" loading={pending} className="self-start">
        {labels.submit}
      </Button>
    </form>
  );
}

function WifiFields({
  initialSsid,
  labels,
  invalid,
  fieldError,
}: {
  initialSsid: string;
  labels: WifiFormLabels;
  invalid?: string;
  fieldError: string | null;
}) {
  const [ssid, setSsid] = useState(initialSsid);
  const [password, setPassword] = useState("");
  const [visible, setVisible] = useState(false);
  const [isCommon, setIsCommon] = useState<(password: string) => boolean>(() => () => false);
  // The common-password list is large; it loads once someone starts typing a password.
  const wantsList = password !== "";
  useEffect(() => {
    if (!wantsList) return;
    let cancelled = false;
    void import("@homeport/core/services/common-password").then(({ isCommonPassword }) => {
      if (!cancelled) setIsCommon(() => isCommonPassword);
    });
    return () => {
      cancelled = true;
    };
  }, [wantsList]);
  const strength = password === "" ? null : wifiPasswordStrength(password, ssid, isCommon);
  return (
    <>
      <TextField
        name="ssid"
        label={labels.ssid}
        hint={labels.ssidHint}
        value={ssid}
        onChange={(event) => setSsid(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        error={invalid === "ssid" ? fieldError : undefined}
      />
      <div className="flex flex-col gap-2">
        <div className="flex items-end gap-2">
          <TextField
            containerClassName="grow"
            name="password"
            type={visible ? "text" : "password"}
            label={labels.password}
            hint={labels.passwordHint}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            spellCheck={false}
            maxLength={63}
            error={invalid === "password" ? fieldError : undefined}
          />
          <Button
            type="button"
            variant="secondary"
            size="icon"
            aria-pressed={visible}
            aria-label={visible ? labels.hide : labels.show}
            onClick={() => setVisible((v) => !v)}
            className={invalid === "password" ? "mb-7" : undefined}
          >
            {visible ? <EyeOff aria-hidden="true" /> : <Eye aria-hidden="true" />}
          </Button>
        </div>
        <div aria-live="polite" className="flex min-h-10 flex-col gap-1">
          {strength ? (
            <>
              <div className="h-1.5 w-full max-w-xs rounded-full bg-fg/10" aria-hidden="true">
                <div className={`h-full rounded-full ${STRENGTH_STYLE[strength].bar}`} />
              </div>
              <p className="text-sm">
                <span className={`font-medium ${STRENGTH_STYLE[strength].text}`}>{labels.strength[strength]}</span>{" "}
                <span className="text-fg-muted">{labels.strengthTip[strength]}</span>
              </p>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** Shows the current password after the person confirms it is them (step-up); audited in core. */
export function RevealPassword({ labels }: { labels: { show: string; error: string } }) {
  const [state, action, pending] = useActionState<EquipmentFormState, FormData>(revealWifiPasswordAction, {
    status: "idle",
  });
  if (state.secret) {
    return <code className="rounded bg-fg/5 px-2 py-1 font-mono text-sm break-all">{state.secret}</code>;
  }
  return (
    <form action={action} className="flex flex-col gap-2">
      {state.error ? <p className="text-sm text-danger">{labels.error}</p> : null}
      <Button type="submit" variant="link" loading={pending} className="self-start">
        {labels.show}
      </Button>
    </form>
  );
}
