import { getFormatter, getTranslations } from "next-intl/server";

/** DVR times at the account's place, in the reader's language. */
export async function dvrFormatter(timeZone: string) {
  const format = await getFormatter();
  const clock = { hour: "numeric", minute: "2-digit", timeZone } as const;
  const dated = { weekday: "short", month: "short", day: "numeric", ...clock } as const;
  return {
    time: (value: Date) => format.dateTime(value, clock),
    /** "7:00 – 8:00 PM" */
    range: (start: Date, end: Date) => format.dateTimeRange(start, end, clock),
    /** "Sun, Nov 22, 7:00 – 8:00 PM" */
    datedRange: (start: Date, end: Date) => format.dateTimeRange(start, end, dated),
    /** "Sun, Nov 22, 2026" */
    date: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeZone }),
    /** A calendar day ("2026-11-22") as "Sunday, November 22". */
    day: (date: string) =>
      format.dateTime(new Date(`${date}T12:00:00Z`), {
        weekday: "long",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      }),
    hours: (value: number) => format.number(value, { maximumFractionDigits: 1 }),
    list: (items: string[]) => format.list(items, { type: "conjunction" }),
  };
}

export type DvrFormatter = Awaited<ReturnType<typeof dvrFormatter>>;

/** "S2 E5" style episode label parts, or null. */
export function episodeOf(item: { season: number | null; episode: number | null }) {
  if (item.season === null && item.episode === null) return null;
  return { season: item.season ?? 0, episode: item.episode ?? 0 };
}

export const DVR_ERROR_CODES = [
  "generic",
  "INVALID",
  "NO_ACCOUNT",
  "NO_TV_SERVICE",
  "NOT_ALLOWED",
  "PROGRAM_NOT_FOUND",
  "PROFILE_NOT_FOUND",
  "RULE_EXISTS",
  "RULE_NOT_FOUND",
  "RULES_CHANGED",
  "RECORDING_NOT_FOUND",
  "FOLDER_NOT_FOUND",
  "FOLDER_EXISTS",
  "FOLDER_NAME",
  "NOTHING_SELECTED",
] as const;

/** Every refusal the DVR forms can show, in the reader's language (for client forms). */
export async function dvrErrorMessages(): Promise<Record<string, string>> {
  const t = await getTranslations("dvr.errors");
  return Object.fromEntries(DVR_ERROR_CODES.map((code) => [code, t(code)]));
}
