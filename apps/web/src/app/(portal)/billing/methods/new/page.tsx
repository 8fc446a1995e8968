import { coreContext } from "@homeport/core/context";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { billingErrors } from "@/lib/billing-errors";
import { requireRecentAuth } from "@/lib/session";
import { cardFieldLabels } from "../../card-labels.ts";
import { AddCardForm } from "./add-card-form.tsx";

export const metadata = { title: "Add a card" };

/** Changing how money leaves the account needs a fresh password (and code) first. */
export default async function NewMethodPage({ searchParams }: { searchParams: Promise<{ for?: string }> }) {
  const user = await requireRecentAuth("/billing/methods/new");
  if (!user.accountId || user.membershipRole !== "OWNER") redirect("/billing/methods");
  if (coreContext().payments.cardEntry !== "on-site") redirect("/billing/methods");
  const [t, errors, labels, { for: returnTo }] = await Promise.all([
    getTranslations("billing.methods"),
    billingErrors(),
    cardFieldLabels(),
    searchParams,
  ]);
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-6">
      <PageHeader title={t("addTitle")} description={t("addDescription")} />
      <Card>
        <CardContent>
          <AddCardForm
            labels={labels}
            submit={t("addSubmit")}
            errors={errors}
            returnTo={returnTo === "autopay" ? "autopay" : "methods"}
          />
        </CardContent>
      </Card>
    </div>
  );
}
