import { VERIFIABLE_TYPES } from "@homeport/core/privacy/requests";
import { Alert } from "@homeport/ui/alert";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireRecentAuth } from "@/lib/session";
import { RequestForm } from "./request-form.tsx";

export const metadata = { title: "New privacy request" };

type Kind = (typeof VERIFIABLE_TYPES)[number];

/** §7061(a): a signed-in consumer confirms their password before asking to know, delete or correct. */
export default async function NewPrivacyRequestPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const { type } = await searchParams;
  if (!VERIFIABLE_TYPES.includes(type as Kind)) redirect("/privacy");
  const kind = type as Kind;
  await requireRecentAuth(`/privacy/requests/new?type=${kind}`);
  const t = await getTranslations("privacy");
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <Link href="/privacy" className="text-sm text-brand underline underline-offset-4">
        {t("back")}
      </Link>
      <PageHeader title={t(`requestKind.${kind}`)} description={t(`explain.${kind}`)} />
      {kind === "DELETE" ? <Alert variant="warning">{t("explain.deleteWarning")}</Alert> : null}
      <Card>
        <CardContent className="flex flex-col gap-4">
          <p className="text-sm text-fg-muted">{t("requests.deadlines")}</p>
          <RequestForm
            type={kind}
            labels={{
              submit: t(`submit.${kind}`),
              field: t("correct.field"),
              fieldOptions: (["name", "email", "phone", "address"] as const).map((value) => ({
                value,
                label: t(`correct.fields.${value}`),
              })),
              value: t("correct.value"),
              details: t("correct.details"),
              errors: {
                CORRECTION_FIELD: t("errors.correctionField"),
                CORRECTION_VALUE: t("errors.correctionValue"),
                TYPE: t("errors.generic"),
                generic: t("errors.generic"),
              },
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
