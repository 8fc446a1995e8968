import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusForm } from "../../_public/status-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacyPublic");
  return { title: t("status.title") };
}

const REFERENCE = /^PR-[2-9A-Z]{4}-[2-9A-Z]{4}$/;

/** §7021: a consumer who made a request without an account can follow it here. */
export default async function PublicRequestStatusPage({
  searchParams,
}: {
  searchParams: Promise<{ reference?: string | string[] }>;
}) {
  const [t, params] = await Promise.all([getTranslations("privacyPublic"), searchParams]);
  const given = typeof params.reference === "string" ? params.reference.trim().toUpperCase() : "";
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col gap-6">
      <PageHeader title={t("status.title")} description={t("status.description")} className="mb-0 sm:mb-0" />
      <Card>
        <CardContent>
          <StatusForm
            reference={REFERENCE.test(given) ? given : ""}
            labels={{
              reference: t("status.reference"),
              referenceHint: t("status.referenceHint"),
              email: t("status.email"),
              submit: t("status.submit"),
              type: t("status.type"),
              status: t("status.status"),
              received: t("status.received"),
              due: t("status.due"),
              completed: t("status.completed"),
            }}
          />
        </CardContent>
      </Card>
      <Link href="/privacy/request" className="text-sm text-brand underline underline-offset-4">
        {t("status.newRequest")}
      </Link>
    </div>
  );
}
