import { coreContext } from "@homeport/core/context";
import { getWifi } from "@homeport/core/services/wifi";
import { Alert } from "@homeport/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@homeport/ui/card";
import { EmptyState } from "@homeport/ui/empty-state";
import { PageHeader } from "@homeport/ui/page-header";
import { Wifi } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { brand } from "@/lib/brand";
import { dateFormatter } from "@/lib/format";
import { requireUser } from "@/lib/session";
import { AutoRefresh } from "../equipment/auto-refresh.tsx";
import { failureReason } from "../equipment/device-view.tsx";
import { RevealPassword, WifiForm } from "./wifi-form.tsx";

export const metadata = { title: "WiFi" };

/** How long after a change the page still says it went through. */
const APPLIED_NOTICE_MS = 15 * 60 * 1000;

const WIFI_ERROR_CODES = [
  "generic",
  "ssid_required",
  "ssid_too_long",
  "ssid_spaces",
  "ssid_characters",
  "password_too_short",
  "password_too_long",
  "password_characters",
  "password_same_as_name",
  "PASSWORD_SAME_AS_CURRENT",
  "PASSWORD_SAME_AS_NAME",
  "WIFI_PENDING",
  "WIFI_UNCHANGED",
  "NO_WIFI",
  "NO_ACCOUNT",
  "NOT_ALLOWED",
  "GATEWAY_UNAVAILABLE",
] as const;

export default async function WifiPage() {
  const user = await requireUser("/services/wifi");
  const t = await getTranslations("wifi");
  if (!user.accountId) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} />
        <EmptyState icon={<Wifi />} title={t("noAccount")} />
      </div>
    );
  }
  const ctx = coreContext();
  const timeZone = user.timeZone ?? brand().timeZone;
  const [wifi, format] = await Promise.all([getWifi(ctx, user.accountId), dateFormatter(timeZone)]);
  if (!wifi) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t("title")} description={t("description")} />
        <EmptyState icon={<Wifi />} title={t("noRouter")} />
      </div>
    );
  }
  const last = wifi.lastChange;
  const justApplied =
    last?.status === "APPLIED" &&
    last.completedAt !== null &&
    ctx.now().getTime() - last.completedAt.getTime() < APPLIED_NOTICE_MS;
  const failed = last?.status === "FAILED" ? await failureReason(last.failureCode) : null;
  const isOwner = user.membershipRole === "OWNER";

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t("title")} description={t("description")} />
      {wifi.pending ? (
        <>
          <AutoRefresh />
          <Alert variant="info" title={t("pending.title")}>
            {t("pending.body", { ssid: wifi.pending.ssid })}
          </Alert>
        </>
      ) : justApplied ? (
        <Alert variant="success" title={t("applied.title")}>
          {t("applied.body", { ssid: wifi.ssid })}
        </Alert>
      ) : failed ? (
        <Alert variant="danger" title={t("failed.title")}>
          {t("failed.body", { reason: failed, ssid: wifi.ssid })}
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[2fr_3fr] [&>*]:min-w-0">
        <Card>
          <CardHeader>
            <CardTitle>{t("current.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-fg-muted">{t("current.name")}</dt>
              <dd className="font-medium break-all">{wifi.ssid}</dd>
              <dt className="text-fg-muted">{t("current.security")}</dt>
              <dd>{t("current.securityValue", { security: wifi.security })}</dd>
              <dt className="text-fg-muted">{t("current.changed")}</dt>
              <dd>{format.dateTime(wifi.changedAt)}</dd>
              <dt className="text-fg-muted">{t("current.router")}</dt>
              <dd>{wifi.routerModel}</dd>
              <dt className="text-fg-muted">{t("current.password")}</dt>
              <dd>
                <RevealPassword labels={{ show: t("current.reveal"), error: t("errors.generic") }} />
              </dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{failed ? t("form.retryTitle") : t("form.title")}</CardTitle>
            <CardDescription>{t("form.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            {!isOwner ? (
              <p className="text-sm text-fg-muted">{t("form.ownerOnly")}</p>
            ) : wifi.pending ? (
              <p className="text-sm text-fg-muted">{t("form.waitPending")}</p>
            ) : (
              <WifiForm
                currentSsid={wifi.ssid}
                labels={{
                  ssid: t("form.ssid"),
                  ssidHint: t("form.ssidHint"),
                  password: t("form.password"),
                  passwordHint: t("form.passwordHint"),
                  show: t("form.show"),
                  hide: t("form.hide"),
                  strength: {
                    weak: t("form.strength", { strength: "weak" }),
                    fair: t("form.strength", { strength: "fair" }),
                    strong: t("form.strength", { strength: "strong" }),
                  },
                  strengthTip: {
                    weak: t("form.strengthTip.weak"),
                    fair: t("form.strengthTip.fair"),
                    strong: t("form.strengthTip.strong"),
                  },
                  submit: failed ? t("form.retry") : t("form.submit"),
                }}
                errors={Object.fromEntries(WIFI_ERROR_CODES.map((code) => [code, t(`errors.${code}`)]))}
              />
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
