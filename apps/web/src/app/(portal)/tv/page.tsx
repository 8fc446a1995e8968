import { coreContext } from "@homeport/core/context";
import {
  type GuideCell,
  type GuideChannel,
  getGuide,
  guideDays,
  guidePosition,
  guideStart,
  GUIDE_SLOT_MINUTES,
} from "@homeport/core/dvr/guide";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { EmptyState } from "@homeport/ui/empty-state";
import { Input } from "@homeport/ui/input";
import { NativeSelect } from "@homeport/ui/select";
import { ChevronLeft, ChevronRight, Tv } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { type GuideFormatter, guideFormatter } from "./guide-format.ts";

export const metadata = { title: "TV guide" };

const HOURS = 3;
const CHANNELS = 25;
const MINUTE = 60_000;
/** The grid's finest column: cells are sized by duration in 5-minute steps; headers span a half hour. */
const STEP_MINUTES = 5;
const PER_SLOT = GUIDE_SLOT_MINUTES / STEP_MINUTES;

type Search = { day?: string; time?: string; ch?: string };

function guideHref(params: { day?: string; time?: string; ch?: number | null }) {
  const query = new URLSearchParams();
  if (params.day) query.set("day", params.day);
  if (params.time) query.set("time", params.time);
  if (params.ch !== undefined && params.ch !== null) query.set("ch", String(params.ch));
  const text = query.toString();
  return text ? `/tv?${text}` : "/tv";
}

type Piece = { gap: number } | { cell: GuideCell; span: number };

/** A channel's row: each airing clipped to the window and spanning its 5-minute columns, gaps between. */
function piecesOf(airings: GuideCell[], from: Date, columns: number): Piece[] {
  const pieces: Piece[] = [];
  let cursor = 0;
  const column = (at: Date) => Math.round((at.getTime() - from.getTime()) / (STEP_MINUTES * MINUTE));
  for (const cell of airings) {
    const start = Math.max(cursor, column(cell.startsAt), 0);
    const end = Math.min(columns, Math.max(column(cell.endsAt), start + 1));
    if (end <= start) continue;
    if (start > cursor) pieces.push({ gap: start - cursor });
    pieces.push({ cell, span: end - start });
    cursor = end;
  }
  if (cursor < columns) pieces.push({ gap: columns - cursor });
  return pieces;
}

export default async function GuidePage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("/tv");
  const t = await getTranslations("guide");
  if (!user.accountId) {
    return <EmptyState icon={<Tv />} title={t("noAccount")} />;
  }
  const params = await searchParams;
  const ctx = coreContext();
  const now = ctx.now();
  const timeZone = user.timeZone ?? brand().timeZone;
  const from = guideStart({ day: params.day, time: params.time }, timeZone, now);
  const chParam = params.ch && /^\d{1,6}$/.test(params.ch) ? Number(params.ch) : undefined;
  const [guide, f] = await Promise.all([
    getGuide(ctx, user.accountId, { from, hours: HOURS, channelFrom: chParam, channels: CHANNELS }),
    guideFormatter(timeZone),
  ]);
  if (!guide) return <EmptyState icon={<Tv />} title={t("noAccount")} />;

  const days = guideDays(now, timeZone);
  const position = guidePosition(guide.from, timeZone);
  const windowMs = HOURS * 60 * MINUTE;
  const earlier = guideStart(guidePosition(new Date(guide.from.getTime() - windowMs), timeZone), timeZone, now);
  const later = guideStart(guidePosition(new Date(guide.from.getTime() + windowMs), timeZone), timeZone, now);
  const ch = chParam === undefined ? null : (guide.channels[0]?.number ?? null);
  const columns = (HOURS * 60) / STEP_MINUTES;
  const slots = Array.from(
    { length: columns / PER_SLOT },
    (_, i) => new Date(guide.from.getTime() + i * GUIDE_SLOT_MINUTES * MINUTE),
  );
  const nowInWindow = now >= guide.from && now < guide.to;
  const currentHour = `${position.time.slice(0, 2)}:00`;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t("title")}</h1>
          <p className="text-fg-muted">{f.longDay(guide.from)}</p>
        </div>
        <form action="/tv/search" method="get" role="search" className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("search.label")}
            <Input type="search" name="q" required minLength={2} maxLength={100} className="w-56" />
          </label>
          <Button type="submit" variant="secondary">
            {t("search.submit")}
          </Button>
        </form>
      </div>

      {guide.subscribed ? null : (
        <Alert variant="info" title={t("notSubscribed.title")}>
          {t("notSubscribed.body")}{" "}
          <Link href="/services/plans" className="font-medium underline underline-offset-4">
            {t("notSubscribed.link")}
          </Link>
        </Alert>
      )}

      <nav aria-label={t("nav.label")} className="flex flex-col gap-3 lg:flex-row lg:flex-wrap lg:items-end">
        <div className="flex flex-wrap gap-2">
          {earlier < guide.from ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={guideHref({ ...guidePosition(earlier, timeZone), ch })}>
                <ChevronLeft aria-hidden="true" className="size-4" />
                {t("nav.earlier")}
              </Link>
            </Button>
          ) : null}
          <Button asChild variant="secondary" size="sm">
            <Link href={guideHref({ ch })}>{t("nav.now")}</Link>
          </Button>
          {later > guide.from ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={guideHref({ ...guidePosition(later, timeZone), ch })}>
                {t("nav.later")}
                <ChevronRight aria-hidden="true" className="size-4" />
              </Link>
            </Button>
          ) : null}
        </div>
        <form action="/tv" method="get" className="flex flex-wrap items-end gap-2">
          {ch !== null ? <input type="hidden" name="ch" value={ch} /> : null}
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("nav.day")}
            <NativeSelect name="day" defaultValue={position.day} className="w-44">
              {days.map((day, i) => (
                <option key={day} value={day}>
                  {i === 0 ? t("nav.today") : i === 1 ? t("nav.tomorrow") : f.calendarDay(day)}
                </option>
              ))}
            </NativeSelect>
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("nav.time")}
            <NativeSelect name="time" defaultValue={currentHour} className="w-32">
              {Array.from({ length: 24 }, (_, hour) => {
                const value = `${String(hour).padStart(2, "0")}:00`;
                return (
                  <option key={value} value={value}>
                    {f.hour(hour)}
                  </option>
                );
              })}
            </NativeSelect>
          </label>
          <Button type="submit" variant="secondary" size="sm">
            {t("nav.show")}
          </Button>
        </form>
        <form action="/tv" method="get" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="day" value={position.day} />
          <input type="hidden" name="time" value={position.time} />
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t("nav.channel")}
            <Input
              type="number"
              name="ch"
              inputMode="numeric"
              min={guide.firstNumber ?? 1}
              max={guide.lastNumber ?? undefined}
              defaultValue={ch ?? undefined}
              className="w-28"
            />
          </label>
          <Button type="submit" variant="secondary" size="sm">
            {t("nav.go")}
          </Button>
        </form>
      </nav>

      {guide.channels.length === 0 ? (
        <EmptyState icon={<Tv />} title={t("empty")} />
      ) : (
        <div
          role="region"
          aria-labelledby="guide-caption"
          tabIndex={0}
          className="relative overflow-x-auto rounded-lg border border-border bg-surface"
        >
          {/* Cell styles are set once on the table, not on each cell: the page is sent twice (HTML and RSC). */}
          <table className="w-full min-w-[40rem] table-fixed border-collapse text-sm sm:min-w-[52rem] [&_td]:border-s [&_td]:border-border [&_td]:p-0 [&_td]:align-top [&_td>a]:block [&_td>a]:h-full [&_td>a]:overflow-hidden [&_td>a]:px-2 [&_td>a]:py-1.5 [&_td>a]:hover:bg-surface-muted [&_td>a]:hover:underline [&_tbody_tr]:border-t [&_tbody_tr]:border-border">
            <caption id="guide-caption" className="sr-only">
              {t("grid.caption", {
                day: f.longDay(guide.from),
                range: f.range(guide.from, guide.to),
                first: guide.channels[0]?.number ?? 0,
                last: guide.channels.at(-1)?.number ?? 0,
              })}
            </caption>
            <colgroup>
              <col className="w-20 sm:w-32" />
              {Array.from({ length: columns }, (_, i) => (
                <col key={i} />
              ))}
            </colgroup>
            <thead className="bg-surface-muted">
              <tr>
                <th scope="col" className="sticky start-0 z-10 bg-surface-muted px-3 py-2 text-start font-semibold">
                  {t("grid.channel")}
                </th>
                {slots.map((slot) => {
                  const current =
                    nowInWindow && now >= slot && now.getTime() < slot.getTime() + GUIDE_SLOT_MINUTES * MINUTE;
                  return (
                    <th
                      key={slot.getTime()}
                      scope="col"
                      colSpan={PER_SLOT}
                      className={
                        current
                          ? "border-s border-border bg-brand/10 px-2 py-2 text-start font-semibold"
                          : "border-s border-border px-2 py-2 text-start font-semibold"
                      }
                    >
                      {f.time(slot)}
                      {current ? (
                        <span className="ms-2 rounded bg-brand px-1.5 text-xs text-brand-foreground">
                          {t("grid.now")}
                        </span>
                      ) : null}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {guide.channels.map((channel) => (
                <ChannelRow
                  key={channel.id}
                  channel={channel}
                  from={guide.from}
                  columns={columns}
                  now={now}
                  f={f}
                  t={t}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label={t("nav.channelsLabel")} className="flex flex-wrap items-center justify-between gap-2">
        {guide.previousChannelFrom !== null ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={guideHref({ ...position, ch: guide.previousChannelFrom })}>
              <ChevronLeft aria-hidden="true" className="size-4" />
              {t("nav.previousChannels")}
            </Link>
          </Button>
        ) : (
          <span />
        )}
        {guide.channels.length > 0 ? (
          <p className="text-sm text-fg-muted">
            {t("nav.channelsShown", {
              first: guide.channels[0]?.number ?? 0,
              last: guide.channels.at(-1)?.number ?? 0,
            })}
          </p>
        ) : null}
        {guide.nextChannelFrom !== null ? (
          <Button asChild variant="secondary" size="sm">
            <Link href={guideHref({ ...position, ch: guide.nextChannelFrom })}>
              {t("nav.nextChannels")}
              <ChevronRight aria-hidden="true" className="size-4" />
            </Link>
          </Button>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"guide">>>;

function ChannelRow({
  channel,
  from,
  columns,
  now,
  f,
  t,
}: {
  channel: GuideChannel;
  from: Date;
  columns: number;
  now: Date;
  f: GuideFormatter;
  t: T;
}) {
  const pieces = piecesOf(channel.airings, from, columns);
  return (
    <tr>
      <th scope="row" className="sticky start-0 z-10 bg-surface px-3 py-2 text-start align-top font-medium">
        <span className="tabular-nums">{channel.number}</span> {channel.callSign}
        {channel.recordable ? null : (
          <span className="block text-xs font-normal text-fg-muted">{t("notRecordable")}</span>
        )}
      </th>
      {channel.airings.length === 0 ? (
        <td colSpan={columns} className="px-2 py-2 text-fg-muted">
          {t("grid.noListings")}
        </td>
      ) : (
        pieces.map((piece, index) => {
          if ("gap" in piece) return <td key={`gap-${index}`} colSpan={piece.gap} />;
          const { cell } = piece;
          const onNow = cell.startsAt <= now && now < cell.endsAt;
          return (
            <td key={cell.id} colSpan={piece.span} className={onNow ? "bg-brand/10" : undefined}>
              <Link href={`/tv/program/${cell.id}`} prefetch={false}>
                <span className="block truncate font-medium">{cell.title}</span>
                <span className="sr-only">
                  {`, ${f.range(cell.startsAt, cell.endsAt)}`}
                  {onNow ? `, ${t("grid.onNow")}` : ""}
                </span>
                {cell.isNew ? <span className="block text-xs text-fg-muted">{t("program.new")}</span> : null}
              </Link>
            </td>
          );
        })
      )}
    </tr>
  );
}
