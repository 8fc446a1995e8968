import { describeDevice } from "@homeport/core/identity/describe-device";
import { listRecentActivity } from "@homeport/core/identity/list-account-activity";
import { listActiveSessions } from "@homeport/core/identity/list-sessions";
import { getDb } from "@homeport/core/runtime/db";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { PageHeader } from "@homeport/ui/page-header";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { ActivityList } from "./activity-list.tsx";
import { SessionList } from "./session-list.tsx";

export const metadata = { title: "Security" };

export default async function SecurityPage() {
  const user = await requireUser("/security");
  const db = getDb();
  const [t, sessions, activity] = await Promise.all([
    getTranslations(),
    listActiveSessions(db, user.id),
    listRecentActivity(db, user.id, { take: 50 }),
  ]);
  const timeZone = user.timeZone ?? brand().timeZone;
  const format = await dateFormatter(timeZone);

  const deviceName = (userAgent: string) => {
    const device = describeDevice(userAgent);
    if (device.browser && device.os) return t("device.onOs", { browser: device.browser, os: device.os });
    if (device.browser) return t("device.browserOnly", { browser: device.browser });
    return t("device.unknown");
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("security.title")} description={t("security.description")} />
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
            }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("security.activity.title")}</CardTitle>
          <CardDescription>{t("security.activity.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <ActivityList events={activity} timeZone={timeZone} />
        </CardContent>
      </Card>
    </div>
  );
}
