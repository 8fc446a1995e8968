import { coreContext } from "@homeport/core/context";
import { searchGuide } from "@homeport/core/dvr/guide";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { Input } from "@homeport/ui/input";
import { ChevronLeft, Search, Tv } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { requireUser } from "@/lib/session";
import { guideFormatter } from "../guide-format.ts";

export const metadata = { title: "Search the TV guide" };

export default async function GuideSearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const user = await requireUser("/tv/search");
  const t = await getTranslations("guide");
  if (!user.accountId) return <EmptyState icon={<Tv />} title={t("noAccount")} />;
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  const ctx = coreContext();
  const [result, f] = await Promise.all([
    q ? searchGuide(ctx, user.accountId, q, { days: 14 }) : Promise.resolve(null),
    guideFormatter(user.timeZone ?? brand().timeZone),
  ]);

  return (
    <div className="flex flex-col gap-6">
      <Link
        href="/tv"
        className="inline-flex items-center gap-1 self-start text-sm font-medium text-brand hover:underline"
      >
        <ChevronLeft aria-hidden="true" className="size-4" />
        {t("program.back")}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t("search.title")}</h1>
      <form action="/tv/search" method="get" role="search" className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t("search.label")}
          <Input
            type="search"
            name="q"
            defaultValue={q}
            required
            minLength={2}
            maxLength={100}
            className="w-72 max-w-full"
          />
        </label>
        <Button type="submit">{t("search.submit")}</Button>
      </form>

      {!q ? null : !result ? (
        <EmptyState icon={<Tv />} title={t("noAccount")} />
      ) : result.status === "TOO_SHORT" ? (
        <p role="status">{t("search.tooShort")}</p>
      ) : result.groups.length === 0 ? (
        <EmptyState icon={<Search />} title={t("search.empty", { q: result.query })} />
      ) : (
        <section aria-labelledby="search-results" className="flex flex-col gap-4">
          <h2 id="search-results" role="status" className="text-lg font-semibold">
            {t("search.results", { count: result.groups.length, q: result.query })}
          </h2>
          <ul className="flex flex-col gap-4">
            {result.groups.map((group) => (
              <li key={group.key}>
                <Card>
                  <CardHeader>
                    <CardTitle as="h3">
                      <Link href={`/tv/program/${group.airings[0]?.id}`} prefetch={false} className="hover:underline">
                        {group.title}
                      </Link>
                    </CardTitle>
                    <CardDescription>
                      {[group.genre, t("search.airings", { count: group.total })].filter(Boolean).join(" · ")}
                    </CardDescription>
                  </CardHeader>
                  <CardContent>
                    <ul className="flex flex-col divide-y divide-border">
                      {group.airings.map((a) => (
                        <li key={a.id} className="py-2">
                          <Link
                            href={`/tv/program/${a.id}`}
                            prefetch={false}
                            className="font-medium text-brand hover:underline"
                          >
                            {f.datedRange(a.startsAt, a.endsAt)}
                            {a.subtitle ? ` · ${a.subtitle}` : ""}
                          </Link>
                          <p className="text-sm text-fg-muted">
                            {[
                              `${a.channelNumber} ${a.callSign}`,
                              a.season !== null && a.episode !== null
                                ? t("program.episodeShort", { season: a.season, episode: a.episode })
                                : null,
                              a.isNew ? t("program.new") : null,
                              a.recordable ? null : t("notRecordable"),
                            ]
                              .filter(Boolean)
                              .join(" · ")}
                          </p>
                        </li>
                      ))}
                    </ul>
                    {group.total > group.airings.length ? (
                      <p className="mt-2 text-sm text-fg-muted">
                        {t("search.more", { count: group.total - group.airings.length })}
                      </p>
                    ) : null}
                  </CardContent>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
