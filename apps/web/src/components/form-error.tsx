"use client";

import { Alert } from "@homeport/ui/alert";
import { useEffect, useRef } from "react";

/**
 * A form's error message, focused each time the form's action answers with one, so screen reader
 * and keyboard users land on what went wrong. `answer` is the action's state object.
 */
export function FormError({ message, answer }: { message: string | null | undefined; answer: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message, answer]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <Alert variant="danger">{message}</Alert>
    </div>
  );
}
