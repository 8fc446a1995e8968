import { getFormatter, getNow } from "next-intl/server";

/** Dates in the account's time zone (or the provider's), in the reader's language. */
export async function dateFormatter(timeZone: string) {
  const [format, now] = await Promise.all([getFormatter(), getNow()]);
  return {
    dateTime: (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short", timeZone }),
    relative: (value: Date) => format.relativeTime(value, now),
  };
}
