import { calendarDateAt, startOfDayAt } from "@homeport/core/billing/calendar";
import { coreContext } from "@homeport/core/context";
import { type DvrPlan, getDvrPlan } from "@homeport/core/dvr/dvr-plan";
import type { PlannedRecording, PlannedStatus } from "@homeport/core/dvr/schedule-types";
import { Alert } from "@homeport/ui/alert";
import { Badge, type BadgeVariant } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { cn } from "@homeport/ui/cn";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@homeport/ui/table";
import { CalendarClock } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { deleteRuleAction, skipAiringAction } from "@/actions/dvr";
import { ConfirmAction } from "@/components/confirm-action";
import { requireUser } from "@/lib/session";
import { type DvrFormatter, dvrErrorMessages, dvrFormatter, episodeOf } from "./dvr-format.ts";
import { RecordAiringButton } from "./record-airing-button.tsx";

export const metadata = { title: "Upcoming recordings" };

const HOUR = 3_600_000;

const STATUS_BADGE: Record<PlannedStatus, BadgeVariant> = {
  WILL_RECORD: "success",
  RECORDING: "info",
  CONFLICT: "danger",
  DUPLICATE: "neutral",
  NOT_ALLOWED: "warning",
  SKIPPED: "neutral",
};

type T = Awaited<ReturnType<typeof getTranslations>>;
type D = T;

export default async function UpcomingPage({
  searchParams,
}: {
  searchParams: Promise<{ view?: string; added?: string }>;
}) {
  const [{ view, added }, user] = await Promise.all([searchParams, requireUser("/tv/upcoming")]);
  const timeline = view === "timeline";
  const [t, d] = await Promise.all([getTranslations("tv.upcoming"), getTranslations("dvr")]);
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<CalendarClock />} title={d("noAccount")} />
      </div>
    );
  }
  const dvr = await getDvrPlan(coreContext(), user.accountId);
  const f = await dvrFormatter(dvr.timeZone);
  const errors = await dvrErrorMessages();
  const items = dvr.plan.items;
  const days = groupByDay(items, dvr.timeZone);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        description={t("description", { streams: dvr.capacity.streams })}
        actions={
          <nav aria-label={t("viewLabel")} className="flex gap-2">
            <Button asChild size="sm" variant={timeline ? "ghost" : "secondary"}>
              <Link href="/tv/upcoming" aria-current={timeline ? undefined : "page"}>
                {t("listView")}
              </Link>
            </Button>
            <Button asChild size="sm" variant={timeline ? "secondary" : "ghost"}>
              <Link href="/tv/upcoming?view=timeline" aria-current={timeline ? "page" : undefined}>
                {t("timelineView")}
              </Link>
            </Button>
          </nav>
        }
      />
      {added ? (
        <div role="status">
          <Alert variant="success">{t("added")}</Alert>
        </div>
      ) : null}
      {!dvr.hasTv ? <Alert variant="warning">{d("noTv")}</Alert> : null}
      {items.length === 0 ? (
        <EmptyState
          icon={<CalendarClock />}
          title={t("empty")}
          description={t("emptyHint")}
          action={
            <Button asChild variant="secondary">
              <Link href="/tv">{t("openGuide")}</Link>
            </Button>
          }
        />
      ) : (
        days.map(([day, dayItems]) => (
          <section key={day} aria-labelledby={`day-${day}`} className="flex flex-col gap-3">
            <h2 id={`day-${day}`} className="text-lg font-semibold">
              {f.day(day)}
            </h2>
            {timeline ? (
              <DayTimeline day={day} items={dayItems} dvr={dvr} f={f} t={t} d={d} />
            ) : (
              <ul className="flex flex-col gap-3">
                {dayItems.map((item) => (
                  <li key={`${item.ruleId}-${item.airing.id}`}>
                    <UpcomingItem item={item} dvr={dvr} f={f} t={t} d={d} errors={errors} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </div>
  );
}

function groupByDay(items: PlannedRecording[], timeZone: string) {
  const days = new Map<string, PlannedRecording[]>();
  for (const item of items) {
    const day = calendarDateAt(item.airing.startsAt, timeZone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return [...days.entries()];
}

function channelLabel(dvr: DvrPlan, channelId: string, number: number) {
  const channel = dvr.channels[channelId];
  return channel ? `${number} ${channel.callSign}` : String(number);
}

function statusLabel(d: D, item: PlannedRecording) {
  return d(`status.${item.status}`);
}

function UpcomingItem({
  item,
  dvr,
  f,
  t,
  d,
  errors,
}: {
  item: PlannedRecording;
  dvr: DvrPlan;
  f: DvrFormatter;
  t: T;
  d: D;
  errors: Record<string, string>;
}) {
  const rule = dvr.rules[item.ruleId];
  const episode = episodeOf(item.airing);
  return (
    <article
      aria-label={item.airing.title}
      className={cn(
        "flex flex-col gap-3 rounded-lg border border-border bg-surface p-4",
        item.status === "CONFLICT" && "border-danger/40",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <h3 className="font-semibold">{item.airing.title}</h3>
          <p className="text-sm text-fg-muted">
            {[
              item.airing.subtitle,
              episode ? d("episode", episode) : null,
              f.range(item.startsAt, item.endsAt),
              d("channel", { channel: channelLabel(dvr, item.airing.channelId, item.airing.channelNumber) }),
              rule?.profileName ? d("forProfile", { name: rule.profileName }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
        </div>
        <Badge variant={STATUS_BADGE[item.status]}>{statusLabel(d, item)}</Badge>
      </div>
      {item.status === "DUPLICATE" ? <p className="text-sm text-fg-muted">{t("duplicateHint")}</p> : null}
      {item.status === "NOT_ALLOWED" ? <p className="text-sm text-fg-muted">{t("notAllowedHint")}</p> : null}
      {item.status === "SKIPPED" ? <p className="text-sm text-fg-muted">{t("skippedHint")}</p> : null}
      {item.status === "CONFLICT" && item.conflict ? (
        <ConflictHelp item={item} dvr={dvr} f={f} t={t} errors={errors} />
      ) : null}
      {rule?.kind === "SERIES" && (item.status === "WILL_RECORD" || item.status === "CONFLICT") ? (
        <SkipAiringButton
          ruleId={item.ruleId}
          programId={item.airing.id}
          skip
          label={t("skip")}
          ariaLabel={t("skipLabel", {
            title: item.airing.title,
            when: f.datedRange(item.airing.startsAt, item.airing.endsAt),
          })}
        />
      ) : null}
      {item.status === "SKIPPED" ? (
        <SkipAiringButton
          ruleId={item.ruleId}
          programId={item.airing.id}
          skip={false}
          label={t("unskip")}
          ariaLabel={t("unskipLabel", {
            title: item.airing.title,
            when: f.datedRange(item.airing.startsAt, item.airing.endsAt),
          })}
        />
      ) : null}
    </article>
  );
}

function ConflictHelp({
  item,
  dvr,
  f,
  t,
  errors,
}: {
  item: PlannedRecording;
  dvr: DvrPlan;
  f: DvrFormatter;
  t: T;
  errors: Record<string, string>;
}) {
  const conflict = item.conflict;
  if (!conflict) return null;
  const blocking = conflict.blockingRuleIds.flatMap((id) => dvr.rules[id] ?? []);
  const reason =
    conflict.reason === "STORAGE_FULL"
      ? t("conflict.storageFull")
      : t("conflict.tooMany", {
          streams: dvr.capacity.streams,
          others: f.list(blocking.map((r) => r.title)) || "—",
        });
  const rule = dvr.rules[item.ruleId];
  return (
    <div className="flex flex-col gap-3">
      <Alert variant="warning">{reason}</Alert>
      <h4 className="text-sm font-semibold">{t("conflict.suggestions")}</h4>
      <ul className="flex flex-col gap-3 text-sm">
        {conflict.otherAirings.map((other) => {
          const airing = dvr.airings[other.airingId];
          if (!airing) return null;
          const when = f.datedRange(airing.startsAt, airing.endsAt);
          const channel = channelLabel(dvr, airing.channelId, airing.channelNumber);
          return (
            <li key={other.airingId} className="flex flex-col gap-2">
              <span>{t(other.fits ? "conflict.otherAiring" : "conflict.otherAiringBusy", { when, channel })}</span>
              {other.fits ? (
                <RecordAiringButton
                  programId={other.airingId}
                  label={t("conflict.recordInstead")}
                  ariaLabel={t("conflict.recordInsteadLabel", { title: airing.title, when })}
                  done={t("conflict.recordInsteadDone")}
                  errors={errors}
                />
              ) : null}
            </li>
          );
        })}
        {rule && conflict.reason === "TOO_MANY_AT_ONCE" ? (
          <li>
            <Link href={`/tv/series#rule-${rule.id}`} className="text-brand underline underline-offset-4">
              {t("conflict.raisePriority", { title: rule.title })}
            </Link>
          </li>
        ) : null}
        {conflict.blockingAirings.map(({ ruleId, airingId }) => {
          const other = dvr.rules[ruleId];
          const airing = dvr.airings[airingId];
          if (other?.kind !== "SERIES" || !airing) return null;
          const when = f.datedRange(airing.startsAt, airing.endsAt);
          return (
            <li key={`${ruleId}-${airingId}`} className="flex flex-col gap-1">
              <SkipAiringButton
                ruleId={ruleId}
                programId={airingId}
                skip
                label={t("conflict.skipAiring", { title: airing.title, when })}
              />
              <span className="text-fg-muted">{t("conflict.skipAiringHint")}</span>
            </li>
          );
        })}
        {blocking.map((other) =>
          other.kind === "SINGLE" ? (
            <li key={other.id}>
              <ConfirmAction
                action={deleteRuleAction}
                fields={{ ruleId: other.id, returnTo: "/tv/upcoming" }}
                size="sm"
                label={t("conflict.skipOther", { title: other.title })}
                title={t("conflict.skipOtherTitle", { title: other.title })}
                description={t("conflict.skipOtherDescription", { title: other.title })}
                confirmLabel={t("conflict.skipOtherConfirm")}
                cancelLabel={t("cancel")}
              />
            </li>
          ) : (
            <li key={other.id}>
              <Link href={`/tv/series#rule-${other.id}`} className="text-brand underline underline-offset-4">
                {t("conflict.manageOther", { title: other.title })}
              </Link>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

/** Skips one airing of a series rule, or takes the skip back; a plain form, so it works without script. */
function SkipAiringButton({
  ruleId,
  programId,
  skip,
  label,
  ariaLabel,
}: {
  ruleId: string;
  programId: string;
  skip: boolean;
  label: string;
  ariaLabel?: string;
}) {
  return (
    <form action={skipAiringAction}>
      <input type="hidden" name="ruleId" value={ruleId} />
      <input type="hidden" name="programId" value={programId} />
      <input type="hidden" name="skip" value={String(skip)} />
      <input type="hidden" name="returnTo" value="/tv/upcoming" />
      <Button type="submit" size="sm" variant={skip ? "ghost" : "secondary"} aria-label={ariaLabel}>
        {label}
      </Button>
    </form>
  );
}

/** Recordings that take a stream, put on the fewest rows (one per stream in use). */
function lanesOf(items: PlannedRecording[]) {
  const lanes: PlannedRecording[][] = [];
  const taking = items
    .filter((item) => item.status === "WILL_RECORD" || item.status === "RECORDING")
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (const item of taking) {
    const lane = lanes.find((row) => (row.at(-1)?.endsAt.getTime() ?? 0) <= item.startsAt.getTime());
    if (lane) lane.push(item);
    else lanes.push([item]);
  }
  return lanes;
}

function DayTimeline({
  day,
  items,
  dvr,
  f,
  t,
  d,
}: {
  day: string;
  items: PlannedRecording[];
  dvr: DvrPlan;
  f: DvrFormatter;
  t: T;
  d: D;
}) {
  const dayStart = startOfDayAt(day, dvr.timeZone).getTime();
  const first = Math.min(...items.map((i) => i.startsAt.getTime()));
  const last = Math.max(...items.map((i) => i.endsAt.getTime()));
  const from = dayStart + Math.floor((first - dayStart) / HOUR) * HOUR;
  const to = Math.max(from + 2 * HOUR, dayStart + Math.ceil((last - dayStart) / HOUR) * HOUR);
  const span = to - from;
  const ticks = Array.from({ length: Math.round(span / HOUR) }, (_, i) => new Date(from + i * HOUR));
  const lanes = lanesOf(items);
  const missed = items.filter((item) => item.status === "CONFLICT");
  const rows: { label: string; items: PlannedRecording[] }[] = [
    ...lanes.map((lane, index) => ({ label: t("timeline.stream", { number: index + 1 }), items: lane })),
    ...(missed.length > 0 ? [{ label: t("timeline.notRecorded"), items: missed }] : []),
  ];
  const position = (item: PlannedRecording) => {
    const start = Math.max(item.startsAt.getTime(), from);
    const end = Math.min(item.endsAt.getTime(), to);
    return { left: `${((start - from) / span) * 100}%`, width: `${Math.max(((end - start) / span) * 100, 0.5)}%` };
  };
  const streamOf = new Map(lanes.flatMap((lane, index) => lane.map((item) => [item, index + 1] as const)));
  return (
    <>
      <div aria-hidden="true" className="overflow-x-auto rounded-lg border border-border bg-surface p-3">
        <div className="min-w-[40rem]" style={{ minWidth: `${Math.max(40, (span / HOUR) * 8)}rem` }}>
          <div className="relative ms-28 h-6 text-xs text-fg-muted">
            {ticks.map((tick) => (
              <span
                key={tick.getTime()}
                className="absolute top-0 border-s border-border ps-1"
                style={{ left: `${((tick.getTime() - from) / span) * 100}%` }}
              >
                {f.time(tick)}
              </span>
            ))}
          </div>
          {rows.map((row) => (
            <div key={row.label} className="flex items-stretch gap-2 border-t border-border py-1">
              <div className="w-26 shrink-0 self-center text-xs font-medium text-fg-muted">{row.label}</div>
              <div className="relative h-14 flex-1">
                {row.items.map((item) => (
                  <div
                    key={`${item.ruleId}-${item.airing.id}`}
                    className={cn(
                      "absolute top-0 flex h-full flex-col overflow-hidden rounded-md border px-2 py-1 text-xs",
                      item.status === "CONFLICT"
                        ? "border-danger/40 bg-danger/10"
                        : item.status === "RECORDING"
                          ? "border-info/40 bg-info/12"
                          : "border-success/40 bg-success/10",
                    )}
                    style={position(item)}
                    title={`${item.airing.title} · ${f.range(item.startsAt, item.endsAt)}`}
                  >
                    <span className="truncate font-medium">{item.airing.title}</span>
                    <span className="truncate text-fg-muted">{f.range(item.startsAt, item.endsAt)}</span>
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
      <div className="sr-only">
        {/* Not a scroll container: it is only read, never seen, so it need not take keyboard focus. */}
        <Table containerClassName="overflow-visible">
          <caption>{t("timeline.caption", { day: f.day(day) })}</caption>
          <TableHeader>
            <TableRow>
              <TableHead>{t("timeline.time")}</TableHead>
              <TableHead>{t("timeline.program")}</TableHead>
              <TableHead>{t("timeline.channelColumn")}</TableHead>
              <TableHead>{t("timeline.streamColumn")}</TableHead>
              <TableHead>{t("timeline.status")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => {
              const stream = streamOf.get(item);
              return (
                <TableRow key={`${item.ruleId}-${item.airing.id}`}>
                  <TableCell>{f.range(item.startsAt, item.endsAt)}</TableCell>
                  <TableCell>{item.airing.title}</TableCell>
                  <TableCell>{channelLabel(dvr, item.airing.channelId, item.airing.channelNumber)}</TableCell>
                  <TableCell>{stream ? t("timeline.stream", { number: stream }) : "—"}</TableCell>
                  <TableCell>{statusLabel(d, item)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
