import { listPayments, ZPaymentFilter } from "@homeport/core/billing/history";
import { coreContext } from "@homeport/core/context";
import { ZId } from "@homeport/core/ids";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Download } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/session";
import { PaymentList } from "../payment-list.tsx";

export const metadata = { title: "Payment history" };

type Search = { status?: string; source?: string; from?: string; to?: string; before?: string; beforeId?: string };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/billing/history");
  if (!user.accountId) redirect("/billing");
  const [t, search] = await Promise.all([getTranslations("billing.history"), searchParams]);
  const ctx = coreContext();
  const filter = ZPaymentFilter.safeParse({
    status: search.status ?? "",
    source: search.source ?? "",
    from: search.from ?? "",
    to: search.to ?? "",
  });
  const beforeAt = search.before ? new Date(search.before) : null;
  const beforeId = ZId.safeParse(search.beforeId);
  const before =
    beforeAt && !Number.isNaN(beforeAt.getTime()) && beforeId.success
      ? { createdAt: beforeAt, id: beforeId.data }
      : null;
  const timeZone = user.timeZone ?? ctx.profile.timeZone;
  const page = filter.success
    ? await listPayments(ctx.db, user.accountId, filter.data, { timeZone, take: 25, before })
    : { rows: [], next: null };
  const query = new URLSearchParams(
    Object.entries({ status: search.status, source: search.source, from: search.from, to: search.to }).filter(
      (entry): entry is [string, string] => !!entry[1],
    ),
  );
  const nextQuery = page.next
    ? new URLSearchParams([...query, ["before", page.next.createdAt.toISOString()], ["beforeId", page.next.id]])
    : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="secondary">
            <a href={`/billing/history/export?${query.toString()}`}>
              <Download aria-hidden="true" />
              {t("export")}
            </a>
          </Button>
        }
      />
      <Card>
        <CardContent>
          <form method="get" className="grid items-end gap-4 sm:grid-cols-2 lg:grid-cols-5" noValidate>
            <SelectField
              label={t("filters.status")}
              name="status"
              defaultValue={search.status ?? ""}
              options={[
                { value: "", label: t("filters.any") },
                ...(["SUCCEEDED", "PENDING", "FAILED", "REFUNDED"] as const).map((s) => ({
                  value: s,
                  label: t(`statusOption.${s}`),
                })),
              ]}
            />
            <SelectField
              label={t("filters.source")}
              name="source"
              defaultValue={search.source ?? ""}
              options={[
                { value: "", label: t("filters.any") },
                { value: "ONE_TIME", label: t("sourceOption.ONE_TIME") },
                { value: "AUTOPAY", label: t("sourceOption.AUTOPAY") },
              ]}
            />
            <TextField type="date" label={t("filters.from")} name="from" defaultValue={search.from ?? ""} />
            <TextField type="date" label={t("filters.to")} name="to" defaultValue={search.to ?? ""} />
            <Button type="submit">{t("filters.apply")}</Button>
          </form>
        </CardContent>
      </Card>
      {filter.success ? null : (
        <Alert variant="danger">
          {t(`filters.invalid.${filter.error.issues[0]?.message === "range_invalid" ? "range" : "date"}`)}
        </Alert>
      )}
      <Card>
        <CardContent className="flex flex-col gap-4">
          <PaymentList payments={page.rows} timeZone={timeZone} />
          {nextQuery ? (
            <Link
              href={`/billing/history?${nextQuery.toString()}`}
              className="self-start text-sm font-medium text-brand underline underline-offset-4"
            >
              {t("older")}
            </Link>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
