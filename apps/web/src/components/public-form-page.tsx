import type { ReactNode } from "react";
import { PublicPage } from "./public-page.tsx";

/** A narrow signed-out page around one task: sign in, register, reset a password, accept an invitation. */
export function PublicFormPage({
  title,
  description,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <PublicPage>
      <div className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-10 sm:py-16">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-fg-muted">{description}</p> : null}
        </div>
        {children}
      </div>
    </PublicPage>
  );
}
