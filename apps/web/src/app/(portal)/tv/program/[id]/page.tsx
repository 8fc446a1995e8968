import { coreContext } from "@homeport/core/context";
import { type AiringRef, getAiring } from "@homeport/core/dvr/guide";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { type GuideFormatter, guideFormatter } from "../../guide-format.ts";
import { RecordAiringForm, RecordSeriesForm } from "./record-forms.tsx";

export const metadata = { title: "Program" };

const ERROR_KEYS = [
  "NO_ACCOUNT",
  "NO_TV_SERVICE",
  "NOT_ALLOWED",
  "PROGRAM_NOT_FOUND",
  "PROFILE_NOT_FOUND",
  "RULE_EXISTS",
  "PADDING_INVALID",
  "KEEP_LATEST_INVALID",
  "PRIORITY_INVALID",
  "INVALID",
  "generic",
] as const;

const PADDING = [0, 1, 2, 3, 5, 10, 15, 20, 30];
const KEEP_LATEST = [1, 2, 3, 5, 10, 20];

export default async function ProgramPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/tv/program/${encodeURIComponent(id)}`);
  if (!user.accountId) notFound();
  const ctx = coreContext();
  const airing = await getAiring(ctx, user.accountId, id);
  if (!airing) notFound();
  const [t, f] = await Promise.all([getTranslations("guide"), guideFormatter(user.timeZone ?? brand().timeZone)]);
  const { program, rules } = airing;
  const channel = `${program.channel.number} ${program.channel.callSign}`;
  const episode =
    program.season !== null && program.episode !== null
      ? t("program.episode", { season: program.season, episode: program.episode })
      : null;
  const errors = Object.fromEntries(ERROR_KEYS.map((key) => [key, t(`errors.${key}`)]));
  const canRecord = airing.subscribed && airing.inLineup && program.channel.recordable && !airing.ended;

  return (
    <div className="flex flex-col gap-6">
      <Link
        href="/tv"
        className="inline-flex items-center gap-1 self-start text-sm font-medium text-brand hover:underline"
      >
        <ChevronLeft aria-hidden="true" className="size-4" />
        {t("program.back")}
      </Link>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">{program.title}</h1>
        {episode || program.subtitle ? (
          <p className="text-lg">
            {[episode, program.subtitle ? `“${program.subtitle}”` : null].filter(Boolean).join(" · ")}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <Badge variant={program.isNew ? "success" : "neutral"}>
            {program.isNew ? t("program.new") : t("program.repeat")}
          </Badge>
          {program.genre ? <Badge>{program.genre}</Badge> : null}
          {program.channel.hd ? <Badge>HD</Badge> : null}
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-fg-muted">{t("program.channel")}</dt>
          <dd>
            {channel} · {program.channel.name}
          </dd>
          <dt className="font-medium text-fg-muted">{t("program.time")}</dt>
          <dd>{f.datedRange(program.startsAt, program.endsAt)}</dd>
          {program.originalAirDate ? (
            <>
              <dt className="font-medium text-fg-muted">{t("program.originalAirDate")}</dt>
              <dd>{f.longCalendarDay(program.originalAirDate.toISOString().slice(0, 10))}</dd>
            </>
          ) : null}
        </dl>
        {program.description ? <p className="max-w-3xl">{program.description}</p> : null}
      </div>

      {rules.single || rules.series ? (
        <Alert variant="success" title={rules.series ? t("program.recordingSeries") : t("program.recordingSingle")}>
          <Link href="/tv/upcoming" className="font-medium underline underline-offset-4">
            {t("program.viewUpcoming")}
          </Link>
        </Alert>
      ) : null}
      {!program.channel.recordable ? <Alert variant="warning">{t("notRecordable")}</Alert> : null}
      {!airing.subscribed ? (
        <Alert variant="info" title={t("notSubscribed.title")}>
          {t("program.needsTv")}{" "}
          <Link href="/services/plans" className="font-medium underline underline-offset-4">
            {t("notSubscribed.link")}
          </Link>
        </Alert>
      ) : !airing.inLineup ? (
        <Alert variant="info">{t("program.notInPackage")}</Alert>
      ) : null}
      {airing.ended ? <Alert variant="info">{t("program.ended")}</Alert> : null}

      {canRecord ? (
        <div className="grid gap-6 lg:grid-cols-[1fr_2fr] [&>*]:min-w-0">
          <Card>
            <CardHeader>
              <CardTitle>{t("program.recordTitle")}</CardTitle>
              <CardDescription>{t("program.recordHint")}</CardDescription>
            </CardHeader>
            <CardContent>
              {rules.single ? (
                <p className="text-sm">{t("program.recordingSingle")}</p>
              ) : (
                <RecordAiringForm programId={program.id} label={t("program.record")} errors={errors} />
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("program.seriesTitle")}</CardTitle>
              <CardDescription>{t("program.seriesHint", { title: program.title })}</CardDescription>
            </CardHeader>
            <CardContent>
              {rules.series ? (
                <p className="text-sm">{t("program.recordingSeries")}</p>
              ) : (
                <RecordSeriesForm
                  programId={program.id}
                  profiles={airing.profiles}
                  defaultProfileId={airing.profiles.find((p) => p.userId === user.id)?.id ?? airing.profiles[0]?.id}
                  errors={errors}
                  labels={{
                    episodes: t("program.episodes"),
                    episodesNew: t("program.episodesNew"),
                    episodesAll: t("program.episodesAll"),
                    channel: t("program.channelChoice"),
                    channelThis: t("program.channelThis", { channel }),
                    channelAny: t("program.channelAny"),
                    keepLatest: t("program.keepLatest"),
                    keepAll: t("program.keepAll"),
                    keepLatestOptions: Object.fromEntries(
                      KEEP_LATEST.map((n) => [n, t("program.keepLatestCount", { count: n })]),
                    ),
                    keep: t("program.keep"),
                    keepSpace: t("program.keepSpace"),
                    keepSpaceHint: t("program.keepSpaceHint"),
                    keepDeleted: t("program.keepDeleted"),
                    keepDeletedHint: t("program.keepDeletedHint"),
                    paddingBefore: t("program.paddingBefore"),
                    paddingAfter: t("program.paddingAfter"),
                    minutes: Object.fromEntries(PADDING.map((m) => [m, t("program.minutes", { count: m })])),
                    priority: t("program.priority"),
                    priorityHint: t("program.priorityHint"),
                    profile: t("program.profile"),
                    submit: t("program.seriesSubmit"),
                  }}
                />
              )}
            </CardContent>
          </Card>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        <AiringList
          title={t("program.otherAirings")}
          empty={t("program.noOtherAirings")}
          airings={airing.episodeAirings}
          f={f}
          t={t}
        />
        <AiringList
          title={t("program.seriesAirings")}
          empty={t("program.noSeriesAirings")}
          airings={airing.seriesAirings}
          f={f}
          t={t}
        />
      </div>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"guide">>>;

function AiringList({
  title,
  empty,
  airings,
  f,
  t,
}: {
  title: string;
  empty: string;
  airings: AiringRef[];
  f: GuideFormatter;
  t: T;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {airings.length === 0 ? (
          <p className="text-sm text-fg-muted">{empty}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-border">
            {airings.map((a) => (
              <li key={a.id} className="py-2">
                <Link href={`/tv/program/${a.id}`} prefetch={false} className="font-medium text-brand hover:underline">
                  {f.datedRange(a.startsAt, a.endsAt)}
                </Link>
                <p className="text-sm text-fg-muted">
                  {[
                    `${a.channel.number} ${a.channel.callSign}`,
                    a.season !== null && a.episode !== null
                      ? t("program.episodeShort", { season: a.season, episode: a.episode })
                      : null,
                    a.subtitle,
                    a.isNew ? t("program.new") : null,
                    a.channel.recordable ? null : t("notRecordable"),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
