"use client";

import { Alert } from "@homeport/ui/alert";
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { PublicFormState } from "@/actions/privacy-public";

/**
 * What a public privacy form answers when it is accepted. The text is the same whether or not
 * anything matched our records, so the form cannot be used to learn who is a customer. Focused
 * when it appears, so keyboard and screen reader users hear it.
 */
export function Receipt({ receipt }: { receipt: NonNullable<PublicFormState["receipt"]> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [receipt]);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      <Alert variant="success" title={receipt.title}>
        <p>
          {receipt.referenceLabel}: <strong className="font-mono break-all">{receipt.reference}</strong>
        </p>
        {receipt.lines.map((line) => (
          <p key={line} className="mt-1">
            {line}
          </p>
        ))}
        {receipt.status ? (
          <>
            <p className="mt-1">{receipt.status.keep}</p>
            <p className="mt-2">
              <Link href={receipt.status.href}>{receipt.status.label}</Link>
            </p>
          </>
        ) : null}
      </Alert>
    </div>
  );
}
