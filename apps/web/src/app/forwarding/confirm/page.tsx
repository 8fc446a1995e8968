import { PageHeader } from "@homeport/ui/page-header";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";
import { ConfirmForwardForm } from "./confirm-form.tsx";

export const metadata = { title: "Confirm forwarding" };

/**
 * The forwarding target's page, reached from the link in the confirmation email. Confirming takes
 * a click (a POST), so a link scanner opening the URL confirms nothing.
 */
export default async function ConfirmForwardingPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("email.confirmForward");
  return (
    <PublicPage>
      <div className="mx-auto flex w-full max-w-xl flex-col gap-6 px-4 py-10">
        <PageHeader title={t("title")} description={t("description")} />
        <ConfirmForwardForm
          token={token ?? ""}
          labels={{
            submit: t("submit"),
            done: t("done"),
            invalid: t("invalid"),
          }}
        />
      </div>
    </PublicPage>
  );
}
