import { listAccountActivity, ZActivityFilter } from "@homeport/core/identity/list-account-activity";
import { getDb } from "@homeport/core/runtime/db";
import { Button, buttonVariants } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { ActivityList } from "../activity-list.tsx";

export const metadata = { title: "Account activity" };

export default async function ActivityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/security/activity");
  const filter = ZActivityFilter.parse(await searchParams);
  const [t, page] = await Promise.all([
    getTranslations("security.activity"),
    listAccountActivity(getDb(), user.id, filter),
  ]);
  const query = (extra: Record<string, string>) =>
    `/security/activity?${new URLSearchParams({ group: filter.group, outcome: filter.outcome, ...extra })}`;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <form method="get" className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t("filterGroup")}
          name="group"
          defaultValue={filter.group}
          options={["all", "sign_ins", "devices", "security"].map((value) => ({ value, label: t(`groups.${value}`) }))}
        />
        <SelectField
          label={t("filterOutcome")}
          name="outcome"
          defaultValue={filter.outcome}
          options={["all", "SUCCESS", "FAILURE", "DENIED"].map((value) => ({ value, label: t(`outcomes.${value}`) }))}
        />
        <Button type="submit" variant="secondary">
          {t("apply")}
        </Button>
      </form>
      <Card>
        <CardContent>
          <ActivityList events={page.events} timeZone={user.timeZone ?? brand().timeZone} />
        </CardContent>
      </Card>
      <nav aria-label={t("paging")} className="flex gap-3">
        {filter.before ? (
          <Link href={query({})} className={buttonVariants({ variant: "secondary" })}>
            {t("newest")}
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link
            href={query({ before: page.nextBefore.toString() })}
            className={buttonVariants({ variant: "secondary" })}
          >
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
