/** Money is integer cents everywhere; these are the only places it is divided. */

/**
 * The part of a monthly price owed for days [fromDay, toDay) of an n-day cycle. Computed as the
 * difference of rounded cumulative amounts, so the parts of one cycle always add up to the whole
 * price exactly, however the cycle is split.
 */
export function proratedCents(monthlyCents: number, fromDay: number, toDay: number, cycleDays: number): number {
  if (!Number.isInteger(monthlyCents)) throw new RangeError("cents must be an integer");
  if (fromDay < 0 || toDay > cycleDays || fromDay > toDay) throw new RangeError("days outside the cycle");
  return cumulative(monthlyCents, toDay, cycleDays) - cumulative(monthlyCents, fromDay, cycleDays);
}

function cumulative(monthlyCents: number, day: number, cycleDays: number): number {
  return roundHalfUp((monthlyCents * day) / cycleDays);
}

/** A rate in basis points of an amount, rounded half up (half away from zero for credits). */
export function basisPointsOf(cents: number, basisPoints: number): number {
  return roundHalfUp((cents * basisPoints) / 10_000);
}

function roundHalfUp(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value) + Number.EPSILON * Math.abs(value));
}

export function sumCents(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Parses what a person types as a dollar amount ("12", "12.5", "$1,234.56") into cents. */
export function parseDollarsToCents(input: string): number | null {
  const cleaned = input
    .trim()
    .replace(/^\$/, "")
    .replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}
