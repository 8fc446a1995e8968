import { readCoreEnv } from "@homeport/core/env";
import { listOutbox, ZOutboxFilter } from "@homeport/core/notifications/list-outbox";
import { getDb } from "@homeport/core/runtime/db";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { TextField } from "@homeport/ui/input";
import { PageHeader } from "@homeport/ui/page-header";
import { Inbox } from "lucide-react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PublicPage } from "@/components/public-page";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";

export const metadata = { title: "Outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

/** Messages captured instead of sent (no SMTP/SMS configured), so demo users and tests can read codes. */
export default async function DevOutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (readCoreEnv().HOMEPORT_DEV_OUTBOX !== "true") notFound();
  const filter = ZOutboxFilter.safeParse(await searchParams);
  const messages = await listOutbox(getDb(), filter.success ? filter.data : { limit: 50 });
  const [t, format] = await Promise.all([getTranslations("outbox"), dateFormatter(brand().timeZone)]);
  const recipient = filter.success ? (filter.data.recipient ?? "") : "";

  return (
    <PublicPage>
      <div className="mx-auto flex w-full max-w-4xl flex-col gap-6 px-4 py-8 sm:px-6">
        <PageHeader title={t("title")} description={t("description")} />
        <form method="get" className="flex flex-wrap items-end gap-2">
          <TextField
            label={t("filter")}
            name="recipient"
            defaultValue={recipient}
            containerClassName="min-w-64 flex-1"
          />
          <Button type="submit" variant="secondary">
            {t("apply")}
          </Button>
        </form>
        {messages.length === 0 ? (
          <EmptyState icon={<Inbox />} title={t("empty")} />
        ) : (
          <ol className="flex flex-col gap-4">
            {messages.map((m) => (
              <li key={m.id}>
                <article
                  aria-label={`${t(`channel.${m.channel}`)}: ${m.recipient}`}
                  className="rounded-lg border border-border bg-surface p-4"
                >
                  <header className="flex flex-wrap items-center justify-between gap-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge variant="neutral">{t(`channel.${m.channel}`)}</Badge>
                      <span className="font-medium">
                        {t("to")}: {m.recipient}
                      </span>
                    </div>
                    <Badge variant={m.status === "FAILED" ? "danger" : m.status === "SENT" ? "success" : "info"}>
                      {t(`status.${m.status}`)}
                    </Badge>
                  </header>
                  <p className="mt-2 font-medium">{m.subject ?? t("noSubject")}</p>
                  <pre className="mt-2 font-sans text-sm break-words whitespace-pre-wrap">{m.body}</pre>
                  <p className="mt-2 text-sm text-fg-muted">
                    {t("created")}: <time dateTime={m.createdAt.toISOString()}>{format.dateTime(m.createdAt)}</time>
                  </p>
                </article>
              </li>
            ))}
          </ol>
        )}
      </div>
    </PublicPage>
  );
}
