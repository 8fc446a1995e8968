/**
 * What PostgreSQL can hold, checked on input so a value it would refuse is a form or API message
 * instead of a failed query.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;

/**
 * Text without control characters (other than tab and line breaks) or unpaired surrogates.
 * PostgreSQL cannot store U+0000 at all; an unpaired surrogate (which only a JSON "\ud800" escape
 * can deliver) turns into U+FFFD in text and is refused in JSON; and nobody types the others.
 */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTERS.test(value);
}

const EARLIEST_INSTANT = Date.UTC(1970, 0, 1);
const LATEST_INSTANT = Date.UTC(9999, 0, 1);

/** The years an instant from outside may fall in, as said in messages. */
export const STORABLE_YEARS = "1970 to 9998";

/**
 * An instant in the years 1970 to 9998. JavaScript reads "0001-01-01T00:00:00+01:00" as year 0,
 * which PostgreSQL refuses, and the calendar dates of these years have four digits in every time zone.
 */
export function isStorableInstant(instant: Date): boolean {
  const time = instant.getTime();
  return time >= EARLIEST_INSTANT && time < LATEST_INSTANT;
}
