import { type AccountSearchPage, searchAccounts, ZAccountSearch } from "@homeport/core/admin/accounts";
import { can } from "@homeport/core/admin/permissions";
import { coreContext } from "@homeport/core/context";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { Search } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestContext } from "@/lib/request-context";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Accounts" };

export default async function AccountSearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/admin/accounts");
  // Without the permission the page does not exist for them.
  if (!can(user, "VIEW_ACCOUNTS")) notFound();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q : "";
  const t = await getTranslations("adminAccounts");

  const parsed = q.trim() ? ZAccountSearch.safeParse({ q }) : null;
  const queryError =
    parsed && !parsed.success
      ? parsed.error.issues[0]?.message === "QUERY_TOO_LONG"
        ? t("search.tooLong")
        : t("search.tooShort")
      : undefined;
  let page: AccountSearchPage | null = null;
  if (parsed?.success) {
    page = await searchAccounts(
      coreContext(),
      user,
      parsed.data,
      await requestContext({ userId: user.id, sessionId: user.sessionId }),
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />

      <form method="get" action="/admin/accounts" role="search" className="flex flex-wrap items-end gap-3">
        <TextField
          name="q"
          type="search"
          label={t("search.label")}
          hint={t("search.hint")}
          defaultValue={q}
          maxLength={100}
          autoComplete="off"
          error={queryError}
          containerClassName="min-w-72 flex-1"
        />
        <button type="submit" className={buttonVariants({ variant: "primary" })}>
          {t("search.submit")}
        </button>
      </form>

      {!page ? (
        queryError ? null : (
          <p className="text-sm text-fg-muted">{t("search.start")}</p>
        )
      ) : page.results.length === 0 ? (
        <EmptyState
          icon={<Search />}
          title={t("search.empty", { query: q.trim() })}
          description={t("search.emptyHint")}
        />
      ) : (
        <>
          {page.truncated ? (
            <Alert variant="info">{t("search.truncated", { count: page.results.length })}</Alert>
          ) : (
            <p className="text-sm text-fg-muted" role="status">
              {t("search.count", { count: page.results.length })}
            </p>
          )}
          <Table regionLabel={t("search.tableCaption")}>
            <TableCaption visuallyHidden>{t("search.tableCaption")}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.account")}</TableHead>
                <TableHead>{t("columns.holder")}</TableHead>
                <TableHead>{t("columns.address")}</TableHead>
                <TableHead>{t("columns.status")}</TableHead>
                <TableHead>{t("columns.matched")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.results.map((account) => (
                <TableRow key={account.id}>
                  <TableCell className="whitespace-nowrap">
                    <Link
                      href={`/admin/accounts/${account.id}`}
                      aria-label={t("openLink", { number: account.accountNumber })}
                      className="font-mono text-brand underline underline-offset-4"
                    >
                      {account.accountNumber}
                    </Link>
                  </TableCell>
                  <TableCell className="break-words">{account.holderName}</TableCell>
                  <TableCell className="break-words">
                    {account.addressLine1}, {account.city}, {account.state} {account.zip}
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap gap-1">
                      <Badge variant={account.status === "ACTIVE" ? "success" : "neutral"}>
                        {t(`statuses.${account.status}`)}
                      </Badge>
                      {account.lockedAt ? <Badge variant="danger">{t("locked")}</Badge> : null}
                    </div>
                  </TableCell>
                  <TableCell>{account.matched.map((kind) => t(`matched.${kind}`)).join(", ")}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}
