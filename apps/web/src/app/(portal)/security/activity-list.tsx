import { Badge } from "@homeport/ui/badge";
import { getTranslations } from "next-intl/server";
import { dateFormatter } from "@/lib/format";

export interface ActivityEvent {
  id: bigint;
  occurredAt: Date;
  action: string;
  outcome: "SUCCESS" | "FAILURE" | "DENIED";
  ip: string | null;
}

const KNOWN_ACTIONS = new Set([
  "identity.sign_in",
  "identity.sign_out",
  "identity.step_up",
  "identity.session_revoke",
  "identity.sign_out_others",
  "identity.password_change",
  "identity.password_reset",
  "identity.two_factor_enable",
  "identity.two_factor_disable",
  "identity.recovery_codes_regenerate",
  "identity.email_change",
  "identity.email_change_request",
  "identity.email_verify",
  "identity.password_reset_request",
  "identity.register",
  "identity.household_invite",
  "identity.household_join",
  "identity.household_remove",
  "services.plan.changed",
  "services.device.restart",
  "services.wifi.change",
  "services.wifi.reveal",
  "services.appointment.booked",
  "services.appointment.rescheduled",
  "services.appointment.cancelled",
  "support.ticket.opened",
]);

export async function ActivityList({ events, timeZone }: { events: ActivityEvent[]; timeZone: string }) {
  const [t, format] = await Promise.all([getTranslations(), dateFormatter(timeZone)]);
  if (events.length === 0) return <p className="text-fg-muted">{t("security.activity.empty")}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border">
      {events.map((event) => (
        <li
          key={event.id.toString()}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3 first:pt-0 last:pb-0"
        >
          <div className="flex flex-col">
            <span className="font-medium">
              {t(`audit.action.${KNOWN_ACTIONS.has(event.action) ? event.action : "other"}`)}
            </span>
            <span className="text-sm text-fg-muted">
              <time dateTime={event.occurredAt.toISOString()}>{format.dateTime(event.occurredAt)}</time>
              {event.ip ? ` · ${event.ip}` : ""}
            </span>
          </div>
          <Badge variant={event.outcome === "SUCCESS" ? "success" : "danger"}>
            {t(`audit.outcome.${event.outcome}`)}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
