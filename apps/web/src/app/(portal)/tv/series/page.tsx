import { coreContext } from "@homeport/core/context";
import { listRecordingRules } from "@homeport/core/dvr/recording-rules";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { ArrowDown, ArrowUp, ListOrdered } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { deleteRuleAction, moveRuleAction } from "@/actions/dvr";
import { ConfirmAction } from "@/components/confirm-action";
import { requireUser } from "@/lib/session";

export const metadata = { title: "Series manager" };

export default async function SeriesManagerPage({
  searchParams,
}: {
  searchParams: Promise<{ moved?: string; saved?: string }>;
}) {
  const [params, user] = await Promise.all([searchParams, requireUser("/tv/series")]);
  const [t, d] = await Promise.all([getTranslations("tv.series"), getTranslations("dvr")]);
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<ListOrdered />} title={d("noAccount")} />
      </div>
    );
  }
  const db = coreContext().db;
  const { rules } = await listRecordingRules(db, user.accountId);
  const channelIds = [...new Set(rules.flatMap((r) => (r.channelId ? [r.channelId] : [])))];
  const channels = new Map(
    (
      await db.channel.findMany({
        where: { id: { in: channelIds } },
        select: { id: true, number: true, callSign: true },
      })
    ).map((c) => [c.id, `${c.number} ${c.callSign}`]),
  );
  const moved = rules.find((r) => r.id === params.moved);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      <div role="status" aria-live="polite">
        {moved ? <Alert variant="success">{t("moved", { title: moved.title, priority: moved.priority })}</Alert> : null}
        {params.saved ? <Alert variant="success">{t("saved")}</Alert> : null}
      </div>
      {rules.length === 0 ? (
        <EmptyState
          icon={<ListOrdered />}
          title={t("empty")}
          description={t("emptyHint")}
          action={
            <Button asChild variant="secondary">
              <Link href="/tv">{t("openGuide")}</Link>
            </Button>
          }
        />
      ) : (
        <ol className="flex flex-col gap-3" aria-label={t("listLabel")}>
          {rules.map((rule, index) => {
            const details = [
              rule.channelId
                ? d("channel", { channel: channels.get(rule.channelId) ?? rule.channelId })
                : d("anyChannel"),
              rule.kind === "SERIES" && rule.newOnly ? d("newOnly") : null,
              rule.kind === "SERIES"
                ? rule.keepLatest
                  ? d("keepLatest", { count: rule.keepLatest })
                  : d("keepAllEpisodes")
                : null,
              d(`keep.${rule.keep}`),
              rule.paddingBeforeMin || rule.paddingAfterMin
                ? d("padding", { before: rule.paddingBeforeMin, after: rule.paddingAfterMin })
                : null,
              rule.profileName ? d("forProfile", { name: rule.profileName }) : null,
            ].filter(Boolean);
            return (
              <li
                key={rule.id}
                id={`rule-${rule.id}`}
                className="flex scroll-mt-24 flex-col gap-3 rounded-lg border border-border bg-surface p-4 sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="flex min-w-0 items-start gap-3">
                  <span
                    className="flex size-8 shrink-0 items-center justify-center rounded-full bg-fg/8 text-sm font-semibold tabular-nums"
                    aria-label={t("priority", { priority: rule.priority })}
                  >
                    {rule.priority}
                  </span>
                  <div className="flex min-w-0 flex-col gap-1">
                    <h2 className="flex flex-wrap items-center gap-2 font-semibold">
                      {rule.title}
                      <Badge variant={rule.kind === "SERIES" ? "info" : "neutral"}>{d(`kind.${rule.kind}`)}</Badge>
                    </h2>
                    <p className="text-sm text-fg-muted">{details.join(" · ")}</p>
                  </div>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <form action={moveRuleAction}>
                    <input type="hidden" name="ruleId" value={rule.id} />
                    <input type="hidden" name="direction" value="up" />
                    <Button
                      type="submit"
                      size="icon"
                      variant="ghost"
                      disabled={index === 0}
                      aria-label={t("moveUp", { title: rule.title })}
                    >
                      <ArrowUp aria-hidden="true" />
                    </Button>
                  </form>
                  <form action={moveRuleAction}>
                    <input type="hidden" name="ruleId" value={rule.id} />
                    <input type="hidden" name="direction" value="down" />
                    <Button
                      type="submit"
                      size="icon"
                      variant="ghost"
                      disabled={index === rules.length - 1}
                      aria-label={t("moveDown", { title: rule.title })}
                    >
                      <ArrowDown aria-hidden="true" />
                    </Button>
                  </form>
                  <Button asChild size="sm" variant="secondary">
                    <Link href={`/tv/series/${rule.id}`} aria-label={t("editLabel", { title: rule.title })}>
                      {t("edit")}
                    </Link>
                  </Button>
                  <ConfirmAction
                    action={deleteRuleAction}
                    fields={{ ruleId: rule.id, returnTo: "/tv/series" }}
                    size="sm"
                    variant="secondary"
                    label={t("delete")}
                    ariaLabel={t("deleteLabel", { title: rule.title })}
                    title={t("deleteTitle", { title: rule.title })}
                    description={t("deleteDescription")}
                    confirmLabel={t("deleteConfirm")}
                    cancelLabel={t("cancel")}
                  />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
