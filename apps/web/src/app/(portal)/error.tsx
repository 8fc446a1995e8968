"use client";

import { Button } from "@homeport/ui/button";
import { useTranslations } from "next-intl";

export default function PortalError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" className="flex flex-col items-start gap-4 py-8">
      <h1 className="text-2xl font-bold">{t("errorTitle")}</h1>
      <p className="text-fg-muted">{t("errorBody")}</p>
      <Button onClick={reset}>{t("retry")}</Button>
    </div>
  );
}
