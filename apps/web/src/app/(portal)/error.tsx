"use client";

import { Button } from "@homeport/ui/button";
import { useErrorText } from "@/components/error-text";

export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  const text = useErrorText();
  return (
    <div role="alert" className="flex flex-col items-start gap-4 py-8">
      <h1 className="text-2xl font-bold">{text.errorTitle}</h1>
      <p className="text-fg-muted">{text.errorBody}</p>
      <Button onClick={reset}>{text.retry}</Button>
    </div>
  );
}
