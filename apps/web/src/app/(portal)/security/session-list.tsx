"use client";

import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Laptop, Monitor, Smartphone, Tablet, Tv } from "lucide-react";
import { useActionState } from "react";
import { type FormState, signOutOthersAction } from "@/actions/security";
import { type RevokeState, revokeSessionAction } from "@/actions/session";
import { ConfirmAction } from "@/components/confirm-action";

export interface SessionRow {
  id: string;
  name: string;
  current: boolean;
  kind: "mobile" | "tablet" | "desktop" | "tv" | "unknown";
  signedIn: string;
  lastSeen: string;
  ip: string | null;
  signOutLabel: string;
  confirmBody: string;
}

const KIND_ICONS = { mobile: Smartphone, tablet: Tablet, desktop: Laptop, tv: Tv, unknown: Monitor } as const;

export function SessionList({
  sessions,
  labels,
}: {
  sessions: SessionRow[];
  labels: {
    thisDevice: string;
    signOut: string;
    confirmTitle: string;
    cancel: string;
    done: string;
    notFound: string;
    signOutOthers: string;
    signOutOthersTitle: string;
    signOutOthersBody: string;
    signedOutOthers: string;
  };
}) {
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeSessionAction, { status: "idle" });
  const [othersState, signOutOthers, signingOutOthers] = useActionState<FormState>(signOutOthersAction, {
    status: "idle",
  });
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="flex flex-col gap-4">
      {state.status === "done" ? <Alert variant="success">{labels.done}</Alert> : null}
      {state.status === "not_found" ? <Alert variant="warning">{labels.notFound}</Alert> : null}
      {othersState.status === "done" ? <Alert variant="success">{labels.signedOutOthers}</Alert> : null}
      <ul className="flex flex-col divide-y divide-border">
        {sessions.map((session) => {
          const Icon = KIND_ICONS[session.kind];
          return (
            <li
              key={session.id}
              className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0"
            >
              <div className="flex items-start gap-3">
                <Icon aria-hidden="true" className="mt-1 size-5 shrink-0 text-fg-muted" />
                <div className="flex flex-col">
                  <span className="flex flex-wrap items-center gap-2 font-medium">
                    {session.name}
                    {session.current ? <Badge variant="info">{labels.thisDevice}</Badge> : null}
                  </span>
                  <span className="text-sm text-fg-muted">{session.lastSeen}</span>
                  <span className="text-sm text-fg-muted">
                    {session.signedIn}
                    {session.ip ? ` · ${session.ip}` : ""}
                  </span>
                </div>
              </div>
              {session.current ? null : (
                <ConfirmAction
                  action={action}
                  fields={{ sessionId: session.id }}
                  label={labels.signOut}
                  ariaLabel={session.signOutLabel}
                  size="sm"
                  title={labels.confirmTitle}
                  description={session.confirmBody}
                  confirmLabel={labels.signOut}
                  cancelLabel={labels.cancel}
                  pending={pending}
                />
              )}
            </li>
          );
        })}
      </ul>
      {others > 0 ? (
        <div>
          <ConfirmAction
            action={signOutOthers}
            label={labels.signOutOthers}
            title={labels.signOutOthersTitle}
            description={labels.signOutOthersBody}
            confirmLabel={labels.signOutOthers}
            cancelLabel={labels.cancel}
            pending={signingOutOthers}
          />
        </div>
      ) : null}
    </div>
  );
}
