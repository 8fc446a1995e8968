import type { DvrPlan } from "@homeport/core/dvr/dvr-plan";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { Button } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@homeport/ui/card";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { dvrFormatter } from "./upcoming/dvr-format.ts";

/** The dashboard's DVR card: the next three recordings, and any conflict to sort out. */
export async function NextRecordingsCard({ dvr }: { dvr: DvrPlan }) {
  const [t, d] = await Promise.all([getTranslations("tv.card"), getTranslations("dvr")]);
  if (!dvr.hasTv) return null;
  const f = await dvrFormatter(dvr.timeZone);
  const next = dvr.plan.items
    .filter((item) => item.status === "WILL_RECORD" || item.status === "RECORDING")
    .slice(0, 3);
  const conflicts = dvr.plan.items.filter((item) => item.status === "CONFLICT");
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {conflicts.length > 0 ? (
          <Alert variant="warning">
            <Link href="/tv/upcoming" className="font-medium underline underline-offset-4">
              {t("conflicts", { count: conflicts.length, title: conflicts[0]?.airing.title ?? "" })}
            </Link>
          </Alert>
        ) : null}
        {next.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("empty")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-border">
            {next.map((item) => (
              <li key={`${item.ruleId}-${item.airing.id}`} className="flex items-start justify-between gap-3 py-2">
                <div className="flex min-w-0 flex-col">
                  <span className="truncate font-medium">{item.airing.title}</span>
                  <span className="text-sm text-fg-muted">{f.datedRange(item.startsAt, item.endsAt)}</span>
                </div>
                {item.status === "RECORDING" ? <Badge variant="info">{d("status.RECORDING")}</Badge> : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      <CardFooter className="flex flex-wrap gap-2">
        <Button asChild size="sm" variant="secondary">
          <Link href="/tv/upcoming">{t("upcoming")}</Link>
        </Button>
        <Button asChild size="sm" variant="ghost">
          <Link href="/tv/recordings">{t("recordings")}</Link>
        </Button>
      </CardFooter>
    </Card>
  );
}
