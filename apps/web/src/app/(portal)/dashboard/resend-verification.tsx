"use client";

import { Button } from "@homeport/ui/button";
import { useActionState } from "react";
import { type AccountFormState, resendVerificationAction } from "@/actions/account";

export function ResendVerification({ labels }: { labels: { resend: string; sent: string } }) {
  const [state, action, pending] = useActionState<AccountFormState>(resendVerificationAction, { status: "idle" });
  if (state.status === "done")
    return (
      <p role="status" className="text-sm">
        {labels.sent}
      </p>
    );
  return (
    <form action={action}>
      <Button type="submit" variant="secondary" size="sm" loading={pending}>
        {labels.resend}
      </Button>
    </form>
  );
}
