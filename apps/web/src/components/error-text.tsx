"use client";

import { createContext, type ReactNode, useContext } from "react";

/** The words an error boundary needs, given by the root layout so it works when the page did not render. */
export interface ErrorText {
  errorTitle: string;
  errorBody: string;
  retry: string;
}

const ErrorTextContext = createContext<ErrorText>({
  errorTitle: "Something went wrong",
  errorBody: "Try again in a moment.",
  retry: "Try again",
});

export function ErrorTextProvider({ value, children }: { value: ErrorText; children: ReactNode }) {
  return <ErrorTextContext value={value}>{children}</ErrorTextContext>;
}

export function useErrorText(): ErrorText {
  return useContext(ErrorTextContext);
}
