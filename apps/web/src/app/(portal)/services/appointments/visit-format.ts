import type { AvailableWindows } from "@homeport/core/services/appointments";
import { APPOINTMENT_ISSUES, DETAILS_MAX } from "@homeport/core/services/appointments";
import { providerProfile } from "@homeport/core/provider/profile";
import { getFormatter, getTranslations } from "next-intl/server";
import { brand, displayPhone } from "@/lib/brand";
import type { WindowDay, WindowPickerLabels } from "./window-picker.tsx";

/** Visit times in the account's time zone, in the reader's language. */
export async function visitFormatter(timeZone: string) {
  const format = await getFormatter();
  return {
    /** "Tuesday, November 24, 8:00 – 10:00 AM" */
    when: (window: { startsAt: Date; endsAt: Date }) =>
      format.dateTimeRange(window.startsAt, window.endsAt, {
        weekday: "long",
        month: "long",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZone,
      }),
    /** "8:00 – 10:00 AM" */
    time: (window: { startsAt: Date; endsAt: Date }) =>
      format.dateTimeRange(window.startsAt, window.endsAt, { hour: "numeric", minute: "2-digit", timeZone }),
    /** "Tuesday, November 24, 2026" */
    longDate: (instant: Date) =>
      format.dateTime(instant, { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone }),
    shortDate: (instant: Date) => format.dateTime(instant, { dateStyle: "medium", timeZone }),
    /** A calendar day ("2026-11-24") as "Tue, Nov 24". */
    shortDay: (day: string) =>
      format.dateTime(new Date(`${day}T12:00:00Z`), {
        weekday: "short",
        month: "short",
        day: "numeric",
        timeZone: "UTC",
      }),
    /** A calendar day ("2026-11-24") as "Tuesday, November 24". */
    day: (day: string) =>
      format.dateTime(new Date(`${day}T12:00:00Z`), {
        weekday: "long",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      }),
  };
}

export type VisitFormatter = Awaited<ReturnType<typeof visitFormatter>>;

/** The windows to choose from, as the picker shows them: labels made on the server. */
export function pickerDays(
  available: AvailableWindows,
  v: VisitFormatter,
  options: { currentWindowId?: string } = {},
): WindowDay[] {
  return available.days.map((day) => ({
    day: day.day,
    label: v.day(day.day),
    shortLabel: v.shortDay(day.day),
    windows: day.windows.map((w) => ({
      id: w.id,
      label: v.time(w),
      full: w.state === "FULL",
      current: w.id === options.currentWindowId,
    })),
  }));
}

/** Messages for every error code the visit forms can return. */
export async function appointmentErrors(): Promise<Record<string, string>> {
  const t = await getTranslations("appointments.errors");
  const values = {
    phone: supportPhone(),
    hours: providerProfile().services.appointments.changeCutoffHours,
    max: DETAILS_MAX,
  };
  const keys = [
    "generic",
    "issue_required",
    "details_too_long",
    "window_required",
    "phone_required",
    "phone_invalid",
    "NO_ACCOUNT",
    "NOT_ALLOWED",
    "APPOINTMENT_NOT_FOUND",
    "WINDOW_NOT_FOUND",
    "WINDOW_FULL",
    "WINDOW_UNAVAILABLE",
    "ALREADY_SCHEDULED",
    "CHANGE_CUTOFF_PASSED",
    "INSTALLATION_BY_PHONE",
    "NOT_SCHEDULED",
  ] as const;
  return Object.fromEntries(keys.map((key) => [key, t(key, values)]));
}

export function supportPhone(): string {
  return displayPhone(brand().supportPhone);
}

const ISSUES = new Set<string>(APPOINTMENT_ISSUES);

/** An issue code's name; a code no longer on the list reads as "something else". */
export function issueLabel(t: (key: string) => string, issue: string): string {
  return ISSUES.has(issue) ? t(`issues.${issue}`) : t("issues.other");
}

/** The window picker's words, with "n times open" ready for every count a day can have. */
export async function windowPickerLabels(): Promise<WindowPickerLabels> {
  const t = await getTranslations("appointments.windows");
  const perDay = providerProfile().services.appointments.windows.length;
  return {
    legend: t("legend"),
    hint: t("hint"),
    day: t("day"),
    open: t("open"),
    full: t("full"),
    current: t("current"),
    openCount: Array.from({ length: perDay + 1 }, (_, count) => t("openCount", { count })),
  };
}
