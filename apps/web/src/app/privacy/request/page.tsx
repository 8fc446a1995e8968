import { CORRECTION_FIELDS, VERIFIABLE_TYPES } from "@homeport/core/privacy/requests";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PublicRequestForm } from "../_public/request-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacyPublic");
  return { title: t("request.title") };
}

/**
 * Know, delete and correct for people without an online account or who prefer not to sign in
 * (§7060–7062, verified by matching data points), and for authorised agents (§7063).
 */
export default async function PublicRequestPage() {
  const t = await getTranslations("privacyPublic");
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader title={t("request.title")} description={t("request.description")} className="mb-0 sm:mb-0" />
      <ul className="flex flex-col gap-1 text-sm">
        <li>
          <Link href="/privacy" className="text-brand underline underline-offset-4">
            {t("request.signedIn")}
          </Link>
        </li>
        <li>
          <Link href="/privacy/request/status" className="text-brand underline underline-offset-4">
            {t("request.statusLink")}
          </Link>
        </li>
      </ul>
      <Card>
        <CardContent>
          <PublicRequestForm
            labels={{
              typeLegend: t("request.typeLegend"),
              types: VERIFIABLE_TYPES.map((type) => ({
                value: type,
                label: t(`request.types.${type}.label`),
                description: t(`request.types.${type}.description`),
              })),
              identityLegend: t("identity.legend"),
              identityHint: t("request.identityHint"),
              name: t("identity.name"),
              email: t("identity.email"),
              phone: t("identity.phone"),
              accountNumber: t("identity.accountNumber"),
              accountNumberHint: t("identity.accountNumberHint"),
              zip: t("identity.zip"),
              addressLine1: t("identity.addressLine1"),
              optional: t("optional"),
              declarationLegend: t("request.declaration.legend"),
              declaration: t("request.declaration.label"),
              declarationName: t("request.declaration.name"),
              correctionLegend: t("request.correction.legend"),
              correctionField: t("request.correction.field"),
              correctionChoose: t("request.correction.choose"),
              correctionFields: CORRECTION_FIELDS.map((field) => ({
                value: field,
                label: t(`request.correction.fields.${field}`),
              })),
              correctionValue: t("request.correction.value"),
              agentToggle: t("request.agent.toggle"),
              agentToggleHint: t("request.agent.toggleHint"),
              agentLegend: t("request.agent.legend"),
              agentHint: t("request.agent.hint"),
              agentName: t("request.agent.name"),
              agentEmail: t("request.agent.email"),
              permission: t("request.agent.permission"),
              permissionHint: t("request.agent.permissionHint"),
              fileTooLarge: t("errors.file_too_large"),
              submit: t("request.submit"),
            }}
          />
        </CardContent>
      </Card>
    </div>
  );
}
