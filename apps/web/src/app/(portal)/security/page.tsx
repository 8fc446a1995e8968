import { describeDevice } from "@homeport/core/identity/describe-device";
import { listRecentActivity } from "@homeport/core/identity/list-account-activity";
import { listActiveSessions } from "@homeport/core/identity/list-sessions";
import { getDb } from "@homeport/core/runtime/db";
import { Alert } from "@homeport/ui/alert";
import { Badge } from "@homeport/ui/badge";
import { buttonVariants } from "@homeport/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { ActivityList } from "./activity-list.tsx";
import { SessionList } from "./session-list.tsx";

export const metadata = { title: "Security" };

export default async function SecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("/security");
  const db = getDb();
  const [t, sessions, activity, params] = await Promise.all([
    getTranslations(),
    listActiveSessions(db, user.id),
    listRecentActivity(db, user.id, { take: 5 }),
    searchParams,
  ]);
  const timeZone = user.timeZone ?? brand().timeZone;
  const format = await dateFormatter(timeZone);

  const deviceName = (userAgent: string) => {
    const device = describeDevice(userAgent);
    if (device.browser && device.os) return t("device.onOs", { browser: device.browser, os: device.os });
    if (device.browser) return t("device.browserOnly", { browser: device.browser });
    return t("device.unknown");
  };
  const changed = typeof params.changed === "string" ? params.changed : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("security.title")} description={t("security.description")} />
      {changed === "password" ? <Alert variant="success">{t("security.changed.password")}</Alert> : null}
      {changed === "two_factor_off" ? <Alert variant="warning">{t("security.changed.twoFactorOff")}</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>
              <span className="flex flex-wrap items-center gap-2">
                {t("security.emailCard.title")}
                <Badge variant={user.emailVerified ? "success" : "warning"}>
                  {user.emailVerified ? t("security.emailCard.verified") : t("security.emailCard.unverified")}
                </Badge>
              </span>
            </CardTitle>
            <CardDescription className="break-all">{user.email}</CardDescription>
          </CardHeader>
          <CardContent>
            <Link href="/security/email" className={buttonVariants({ variant: "secondary" })}>
              {t("security.emailCard.change")}
            </Link>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("security.passwordCard.title")}</CardTitle>
            <CardDescription>{t("security.passwordCard.body")}</CardDescription>
          </CardHeader>
          <CardContent>
            <Link href="/security/password" className={buttonVariants({ variant: "secondary" })}>
              {t("security.passwordCard.change")}
            </Link>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <span className="flex items-center gap-2">
                {t("security.twoFactor.statusTitle")}
                <Badge variant={user.twoFactorEnabled ? "success" : "neutral"}>
                  {user.twoFactorEnabled ? t("security.twoFactor.on") : t("security.twoFactor.off")}
                </Badge>
              </span>
            </CardTitle>
            <CardDescription>
              {user.twoFactorEnabled ? t("security.twoFactor.onBody") : t("security.twoFactor.whyBody")}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Link
              href="/security/two-factor"
              className={buttonVariants({ variant: user.twoFactorEnabled ? "secondary" : "primary" })}
            >
              {user.twoFactorEnabled ? t("security.twoFactor.manage") : t("security.twoFactor.setUp")}
            </Link>
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>{t("security.sessions.title")}</CardTitle>
          <CardDescription>{t("security.sessions.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <SessionList
            sessions={sessions.map((s) => {
              const name = deviceName(s.userAgent);
              return {
                id: s.id,
                name,
                current: s.id === user.sessionId,
                kind: describeDevice(s.userAgent).kind,
                signedIn: t("security.sessions.signedIn", { when: format.dateTime(s.createdAt) }),
                lastSeen: t("security.sessions.lastSeen", { when: format.relative(s.lastSeenAt) }),
                ip: s.ip ? t("security.sessions.ip", { ip: s.ip }) : null,
                signOutLabel: t("security.sessions.signOutDeviceLabel", { device: name }),
                confirmBody: t("security.sessions.confirmBody", { device: name }),
              };
            })}
            labels={{
              thisDevice: t("security.sessions.thisDevice"),
              signOut: t("security.sessions.signOutDevice"),
              confirmTitle: t("security.sessions.confirmTitle"),
              cancel: t("security.sessions.cancel"),
              done: t("security.sessions.signedOutDevice"),
              notFound: t("security.sessions.notFound"),
              signOutOthers: t("security.sessions.signOutOthers"),
              signOutOthersTitle: t("security.sessions.signOutOthersTitle"),
              signOutOthersBody: t("security.sessions.signOutOthersBody"),
              signedOutOthers: t("security.sessions.signedOutOthers"),
            }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("security.activity.recentTitle")}</CardTitle>
          <CardDescription>{t("security.activity.description")}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ActivityList events={activity} timeZone={timeZone} />
          <Link href="/security/activity" className="text-sm font-medium text-brand underline underline-offset-4">
            {t("security.activity.viewAll")}
          </Link>
        </CardContent>
      </Card>
    </div>
  );
}
