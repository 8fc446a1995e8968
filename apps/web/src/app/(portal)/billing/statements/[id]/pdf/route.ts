import { BillingError } from "@homeport/core/billing/errors";
import { getStatement } from "@homeport/core/billing/statements";
import { coreContext } from "@homeport/core/context";
import { ZId } from "@homeport/core/ids";
import { getTranslations } from "next-intl/server";
import { billingFormatter } from "@/lib/billing-format";
import { brand, displayPhone } from "@/lib/brand";
import { currentUser } from "@/lib/session";
import { renderStatementPdf } from "@/lib/statement-pdf";
import { buildStatementView } from "@/lib/statement-view";

/** The statement as a PDF, built from the same view as the page so the two always agree. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) return new Response("Sign in to download statements.", { status: 401 });
  const statementId = ZId.safeParse(id);
  if (!statementId.success || !user.accountId) return new Response("Statement not found.", { status: 404 });
  const ctx = coreContext();
  let data;
  try {
    data = await getStatement(ctx.db, user.accountId, statementId.data);
  } catch (error) {
    if (error instanceof BillingError) return new Response("Statement not found.", { status: 404 });
    throw error;
  }
  const [t, f, account] = await Promise.all([
    getTranslations("billing"),
    billingFormatter(),
    ctx.db.serviceAccount.findUniqueOrThrow({
      where: { id: user.accountId },
      select: {
        accountNumber: true,
        holderName: true,
        addressLine1: true,
        addressLine2: true,
        city: true,
        state: true,
        zip: true,
      },
    }),
  ]);
  const view = buildStatementView(data, t, f);
  const { statement } = data;
  const provider = brand();
  const pdf = await renderStatementPdf({
    brandName: provider.name,
    title: view.title,
    locale: f.locale,
    account: [
      { label: t("pdf.holder"), value: account.holderName },
      { label: t("pdf.accountNumber"), value: account.accountNumber.replace(/(\d{4})(?=\d)/g, "$1 ") },
      {
        label: t("pdf.serviceAddress"),
        value: [account.addressLine1, account.addressLine2, `${account.city}, ${account.state} ${account.zip}`]
          .filter(Boolean)
          .join(", "),
      },
      { label: t("pdf.period"), value: `${f.day(statement.periodStart)} – ${f.day(statement.periodEnd)}` },
      { label: t("pdf.dueDate"), value: f.longDay(statement.dueOn) },
    ],
    summary: view.summary,
    sections: view.sections.map((section) => ({
      title: section.title,
      lines: section.lines.map((line) => ({
        label: line.label,
        ...(line.detail ? { detail: line.detail } : {}),
        amount: line.amount,
      })),
      subtotal: section.subtotal,
    })),
    changes: { title: view.changes.title, items: [view.changes.headline, ...view.changes.items] },
    notes: [t("pdf.howToPay"), t("pdf.questions", { phone: displayPhone(provider.supportPhone) }), t("pdf.currency")],
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="statement-${statement.periodEnd.slice(0, 7)}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
