"use client";

import { Button } from "@homeport/ui/button";
import { Printer } from "lucide-react";

/** Prints the metrics page; the page's print styles leave out the controls and the portal chrome. */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      <Printer aria-hidden="true" className="size-4" />
      {label}
    </Button>
  );
}
