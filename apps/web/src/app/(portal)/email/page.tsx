import { coreContext } from "@homeport/core/context";
import { listMailboxes } from "@homeport/core/email/mailboxes";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Mail } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Email" };

export default async function EmailPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const [{ deleted }, user] = await Promise.all([searchParams, requireUser("/email")]);
  const t = await getTranslations("email");
  if (!user.accountId) return <EmptyState icon={<Mail />} title={t("noAccount")} />;
  const [list, format, f] = await Promise.all([
    listMailboxes(coreContext(), user),
    getFormatter(),
    dateFormatter(user.timeZone ?? brand().timeZone),
  ]);
  const gb = (bytes: number) => format.number(bytes / 1024 ** 3, { maximumFractionDigits: 1 });
  const { limits } = list;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description", { limit: limits.mailboxesPerAccount, brand: brand().name })}
        actions={
          list.canCreate ? (
            <Button asChild>
              <Link href="/email/mailboxes/new">{t("create")}</Link>
            </Button>
          ) : null
        }
      />
      {deleted ? (
        <div role="status">
          <Alert variant="success">{t("deleted")}</Alert>
        </div>
      ) : null}
      {list.mailboxes.length === 0 ? (
        <EmptyState icon={<Mail />} title={t("none")} />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label={t("listLabel")}>
          {list.mailboxes.map((mailbox) => {
            const percent = mailbox.quotaBytes > 0 ? Math.min(100, (mailbox.usedBytes / mailbox.quotaBytes) * 100) : 0;
            return (
              <li key={mailbox.id}>
                <Card className="h-full">
                  <CardContent className="flex flex-col gap-3">
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <div className="flex min-w-0 flex-col">
                        <h2 className="font-semibold break-all">{mailbox.address}</h2>
                        <p className="text-sm text-fg-muted">
                          {mailbox.userName ? t("readBy", { name: mailbox.userName }) : mailbox.displayName}
                        </p>
                      </div>
                      <div className="flex gap-2">
                        {mailbox.primary ? <Badge variant="info">{t("primary")}</Badge> : null}
                        {mailbox.status === "LOCKED" ? <Badge variant="danger">{t("locked")}</Badge> : null}
                      </div>
                    </div>
                    <div className="flex flex-col gap-1">
                      <meter
                        min={0}
                        max={mailbox.quotaBytes}
                        value={mailbox.usedBytes}
                        high={mailbox.quotaBytes * 0.9}
                        aria-label={t("quotaLabel", { address: mailbox.address })}
                        className="h-2 w-full"
                      />
                      <p className="text-sm text-fg-muted">
                        {t("quota", {
                          used: gb(mailbox.usedBytes),
                          total: gb(mailbox.quotaBytes),
                          percent: Math.round(percent),
                        })}
                      </p>
                    </div>
                    <p className="text-sm">
                      {mailbox.status === "LOCKED"
                        ? t("lockedSince", { date: f.dateTime(mailbox.lockedAt ?? new Date()) })
                        : mailbox.locksAt
                          ? t("locksAt", { date: f.dateTime(mailbox.locksAt), days: limits.idleLockDays })
                          : null}
                    </p>
                    {mailbox.canManage ? (
                      <Button asChild variant="secondary" size="sm" className="self-start">
                        <Link
                          href={`/email/mailboxes/${mailbox.id}`}
                          aria-label={t("manageLabel", { address: mailbox.address })}
                        >
                          {mailbox.status === "LOCKED" ? t("unlock") : t("manage")}
                        </Link>
                      </Button>
                    ) : null}
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      <p className="text-sm text-fg-muted">
        {t("retention", {
          trash: limits.trashRetentionDays,
          spam: limits.spamRetentionDays,
          idle: limits.idleLockDays,
          additional: list.additional,
          limit: limits.mailboxesPerAccount,
        })}
      </p>
    </div>
  );
}
