import { coreContext } from "@homeport/core/context";
import {
  listRecordings,
  RECORDING_GROUPS,
  RECORDING_SORTS,
  storageSummary,
  ZListRecordings,
} from "@homeport/core/dvr/recordings";
import { Alert } from "@homeport/ui/alert";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { cn } from "@homeport/ui/cn";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { SelectField } from "@homeport/ui/select";
import { Film } from "lucide-react";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { deleteFolderAction } from "@/actions/dvr";
import { ConfirmAction } from "@/components/confirm-action";
import { requireUser } from "@/lib/session";
import { dvrErrorMessages, dvrFormatter, episodeOf } from "../upcoming/dvr-format.ts";
import { CreateFolderForm, RenameFolderForm } from "./folder-forms.tsx";
import { type LibraryGroupView, LibraryList } from "./library-list.tsx";

export const metadata = { title: "Recordings" };

type Search = { group?: string; sort?: string; folder?: string; deleted?: string };

function libraryHref(params: { group: string; sort: string; folder?: string }) {
  const query = new URLSearchParams({ group: params.group, sort: params.sort });
  if (params.folder) query.set("folder", params.folder);
  return `/tv/recordings?${query.toString()}`;
}

export default async function RecordingsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [search, user] = await Promise.all([searchParams, requireUser("/tv/recordings")]);
  const [t, d] = await Promise.all([getTranslations("tv.recordings"), getTranslations("dvr")]);
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<Film />} title={d("noAccount")} />
      </div>
    );
  }
  const options = ZListRecordings.parse({ groupBy: search.group, sort: search.sort, folderId: search.folder });
  const ctx = coreContext();
  const [library, storage, errors, messages, account, locale] = await Promise.all([
    listRecordings(ctx, user.accountId, options),
    storageSummary(ctx, user.accountId),
    dvrErrorMessages(),
    getMessages(),
    ctx.db.serviceAccount.findUniqueOrThrow({ where: { id: user.accountId }, select: { timeZone: true } }),
    getLocale(),
  ]);
  const f = await dvrFormatter(account.timeZone);
  const current = { group: options.groupBy, sort: options.sort, folder: options.folderId };
  const returnTo = libraryHref(current);
  const folderNames = new Map(library.folders.map((folder) => [folder.id, folder.name]));
  const groups: LibraryGroupView[] = library.groups.map((group, index) => ({
    key: `${index}`,
    label: group.label ?? (options.groupBy === "genre" ? t("noGenre") : t("noProfile")),
    rows: group.recordings.map((r) => {
      const episode = episodeOf(r);
      return {
        id: r.id,
        title: r.title,
        details: [
          episode ? d("episode", episode) : null,
          r.subtitle,
          f.date(r.startsAt),
          t("hours", { hours: f.hours(r.hours) }),
          options.groupBy !== "profile" && r.profileName ? d("forProfile", { name: r.profileName }) : null,
        ]
          .filter(Boolean)
          .join(" · "),
        protected: r.protected,
        status: r.status === "COMPLETED" ? null : d(`recordingStatus.${r.status}`),
        folder: r.folderId ? (folderNames.get(r.folderId) ?? null) : null,
      };
    }),
  }));
  const used = storage.usedHours;
  const capacity = storage.capacityHours;
  const percent = capacity > 0 ? Math.min(100, Math.round((used / capacity) * 100)) : 0;
  const deleted = Number(search.deleted);
  const tvMessages = (messages as { tv: Record<string, unknown> }).tv;
  const folderFilter = [
    { value: "", label: t("allFolders") },
    { value: "none", label: t("noFolder") },
    ...library.folders.map((folder) => ({ value: folder.id, label: folder.name })),
  ];

  return (
    <NextIntlClientProvider
      locale={locale}
      messages={{ tv: { library: tvMessages.library, folders: tvMessages.folders } }}
    >
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} description={t("description")} />
        {Number.isInteger(deleted) && deleted > 0 ? (
          <div role="status">
            <Alert variant="success">{t("deleted", { count: deleted })}</Alert>
          </div>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr] [&>*]:min-w-0">
          <div className="flex flex-col gap-4">
            <nav aria-label={t("groupLabel")} className="flex flex-wrap gap-2">
              {RECORDING_GROUPS.map((group) => (
                <Button key={group} asChild size="sm" variant={group === options.groupBy ? "secondary" : "ghost"}>
                  <Link
                    href={libraryHref({ ...current, group })}
                    aria-current={group === options.groupBy ? "page" : undefined}
                  >
                    {t(`groupBy.${group}`)}
                  </Link>
                </Button>
              ))}
            </nav>
            <form method="get" action="/tv/recordings" className="flex flex-wrap items-end gap-3">
              <input type="hidden" name="group" value={options.groupBy} />
              <SelectField
                name="sort"
                label={t("sortLabel")}
                defaultValue={options.sort}
                containerClassName="w-44"
                options={RECORDING_SORTS.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }))}
              />
              <SelectField
                name="folder"
                label={t("folderLabel")}
                defaultValue={options.folderId ?? ""}
                containerClassName="w-48"
                options={folderFilter}
              />
              <Button type="submit" variant="secondary">
                {t("apply")}
              </Button>
            </form>
            {library.total === 0 ? (
              <EmptyState
                icon={<Film />}
                title={options.folderId ? t("emptyFolder") : t("empty")}
                description={t("emptyHint")}
                action={
                  <Button asChild variant="secondary">
                    <Link href="/tv">{t("openGuide")}</Link>
                  </Button>
                }
              />
            ) : (
              <LibraryList groups={groups} folders={library.folders} returnTo={returnTo} errors={errors} />
            )}
          </div>
          <div className="flex flex-col gap-6">
            <Card>
              <CardHeader>
                <CardTitle>{t("storage.title")}</CardTitle>
                <CardDescription>{storage.hasTv ? t("storage.description") : d("noTv")}</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-3">
                <p className="text-sm">{t("storage.used", { used: f.hours(used), capacity: f.hours(capacity) })}</p>
                <div
                  role="meter"
                  aria-label={t("storage.meterLabel")}
                  aria-valuemin={0}
                  aria-valuemax={capacity}
                  aria-valuenow={Math.min(used, capacity)}
                  aria-valuetext={t("storage.used", { used: f.hours(used), capacity: f.hours(capacity) })}
                  className="h-3 overflow-hidden rounded-full bg-fg/8"
                >
                  <div
                    className={cn(
                      "h-full rounded-full",
                      percent >= 90 ? "bg-danger" : percent >= 75 ? "bg-warning" : "bg-brand",
                    )}
                    style={{ width: `${percent}%` }}
                  />
                </div>
                <p className="text-sm text-fg-muted">
                  {t("storage.planned", { hours: f.hours(storage.plannedHours) })}
                </p>
                <p className="text-sm">
                  {storage.nextToDelete
                    ? t("storage.nextToDelete", {
                        title: storage.nextToDelete.title,
                        date: f.date(storage.nextToDelete.startsAt),
                      })
                    : t("storage.nothingToDelete")}
                </p>
                {storage.autoDelete.length > 0 ? (
                  <Alert variant="warning">
                    {t("storage.willDelete", {
                      count: storage.autoDelete.length,
                      titles: f.list(storage.autoDelete.map((r) => r.title)),
                    })}
                  </Alert>
                ) : null}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>{t("folders.title")}</CardTitle>
                <CardDescription>{t("folders.description")}</CardDescription>
              </CardHeader>
              <CardContent className="flex flex-col gap-4">
                {library.folders.length === 0 ? (
                  <p className="text-sm text-fg-muted">{t("folders.empty")}</p>
                ) : (
                  <ul className="flex flex-col gap-3">
                    {library.folders.map((folder) => (
                      <li key={folder.id} className="flex flex-col gap-2 rounded-md border border-border p-3">
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <Link
                            href={libraryHref({ ...current, folder: folder.id })}
                            aria-current={options.folderId === folder.id ? "page" : undefined}
                            className="font-medium text-brand underline underline-offset-4"
                          >
                            {t("folders.item", { name: folder.name, count: folder._count.recordings })}
                          </Link>
                          <ConfirmAction
                            action={deleteFolderAction}
                            fields={{ folderId: folder.id }}
                            size="sm"
                            variant="ghost"
                            label={t("folders.delete")}
                            ariaLabel={t("folders.deleteLabel", { name: folder.name })}
                            title={t("folders.deleteTitle", { name: folder.name })}
                            description={t("folders.deleteDescription")}
                            confirmLabel={t("folders.deleteConfirm")}
                            cancelLabel={t("cancel")}
                          />
                        </div>
                        <details>
                          <summary className="cursor-pointer text-sm">{t("folders.renameSummary")}</summary>
                          <div className="pt-2">
                            <RenameFolderForm folderId={folder.id} name={folder.name} errors={errors} />
                          </div>
                        </details>
                      </li>
                    ))}
                  </ul>
                )}
                <CreateFolderForm errors={errors} />
              </CardContent>
            </Card>
          </div>
        </div>
      </div>
    </NextIntlClientProvider>
  );
}
