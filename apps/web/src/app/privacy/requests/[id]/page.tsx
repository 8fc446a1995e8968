import { coreContext } from "@homeport/core/context";
import { getMyPrivacyRequest, statusView } from "@homeport/core/privacy/requests";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { STATUS_BADGE } from "../../status-badge.ts";

export const metadata = { title: "Privacy request" };

type Kept = { model: string; basis: string }[];
type Categories = { category: string; count: number }[];

const TIMELINE = ["received", "notice.received", "verified", "extended", "notice.extended", "completed", "denied"];

export default async function PrivacyRequestPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ submitted?: string; expired?: string }>;
}) {
  const [{ id }, { submitted, expired }] = await Promise.all([params, searchParams]);
  const user = await requireUser(`/privacy/requests/${id}`);
  const request = await getMyPrivacyRequest(coreContext().db, user, id);
  if (!request) notFound();
  const [t, f] = await Promise.all([getTranslations("privacy"), dateFormatter(user.timeZone ?? brand().timeZone)]);
  const status = statusView(request);
  const exported = request.exports[0];
  const response = (request.response ?? {}) as { kept?: Kept; categories?: Categories };
  const kept = [...new Map((response.kept ?? []).map((k) => [k.basis, k])).values()];
  const events = request.events.filter((event) => TIMELINE.includes(event.kind));

  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <Link href="/privacy" className="text-sm text-brand underline underline-offset-4">
        {t("back")}
      </Link>
      <PageHeader
        title={t(`type.${request.type}`)}
        description={t("detail.reference", { reference: request.reference })}
        actions={<Badge variant={STATUS_BADGE[status]}>{t(`status.${status}`)}</Badge>}
      />
      {submitted ? (
        <div role="status">
          <Alert variant="success">{t("detail.submitted")}</Alert>
        </div>
      ) : null}
      {expired ? <Alert variant="warning">{t("detail.expired")}</Alert> : null}

      <Card>
        <CardContent>
          <dl className="grid gap-3 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-fg-muted">{t("requests.received")}</dt>
              <dd>{f.dateTime(request.receivedAt)}</dd>
            </div>
            <div>
              <dt className="text-sm text-fg-muted">
                {request.completedAt ? t("detail.answered") : t("requests.due")}
              </dt>
              <dd>{f.dateTime(request.completedAt ?? request.dueAt)}</dd>
            </div>
            {request.extendedAt ? (
              <div className="sm:col-span-2">
                <dt className="text-sm text-fg-muted">{t("detail.extendedWhy")}</dt>
                <dd>{request.extensionReason}</dd>
              </div>
            ) : null}
            {request.status === "DENIED" ? (
              <div className="sm:col-span-2">
                <dt className="text-sm text-fg-muted">{t("detail.deniedWhy")}</dt>
                <dd>{t(`denial.${request.denialReason ?? "other"}` as never)}</dd>
              </div>
            ) : null}
          </dl>
        </CardContent>
      </Card>

      {request.status === "COMPLETED" && exported ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.exportTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            <p className="text-sm">
              {t("detail.exportBody", {
                expires: f.dateTime(exported.expiresAt),
                size: Math.ceil(exported.bytes / 1024),
              })}
            </p>
            {exported.expiresAt > new Date() ? (
              <Button asChild className="self-start">
                <a href={`/privacy/requests/${request.id}/export`} download>
                  {t("detail.download")}
                </a>
              </Button>
            ) : (
              <p className="text-sm text-fg-muted">{t("detail.expired")}</p>
            )}
            <p className="text-xs text-fg-muted">{t("detail.downloadNote")}</p>
          </CardContent>
        </Card>
      ) : null}

      {request.type === "KNOW_CATEGORIES" && response.categories?.length ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.categoriesTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="list-disc ps-5">
              {response.categories.map((c) => (
                <li key={c.category}>{t(`category.${c.category}` as never)}</li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}

      {request.type === "DELETE" && request.status === "COMPLETED" ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("detail.deletedTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            <p>{t("detail.deletedBody")}</p>
            {kept.length > 0 ? (
              <>
                <p className="font-medium">{t("detail.keptTitle")}</p>
                <ul className="list-disc ps-5">
                  {kept.map((k) => (
                    <li key={k.basis}>{t(`basis.${k.basis}` as never)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="timeline" className="flex flex-col gap-3">
        <h2 id="timeline" className="text-lg font-semibold">
          {t("detail.timeline")}
        </h2>
        <ol className="flex flex-col gap-2 border-s border-border ps-4">
          {events.map((event) => (
            <li key={event.id} className="flex flex-col">
              <span className="font-medium">{t(`event.${event.kind.replace(".", "_")}` as never)}</span>
              <span className="text-sm text-fg-muted">{f.dateTime(event.createdAt)}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
