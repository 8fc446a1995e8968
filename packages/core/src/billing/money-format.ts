/** Amounts in messages that leave the portal (email, text), in the recipient's language. */
export function formatMoney(cents: number, locale: string | null | undefined, currency = "USD"): string {
  return new Intl.NumberFormat(locale === "es" ? "es-US" : "en-US", { style: "currency", currency }).format(
    cents / 100,
  );
}

/** A calendar date ("2026-11-22") in words, in the recipient's language. */
export function formatMessageDate(date: string, locale: string | null | undefined): string {
  return new Intl.DateTimeFormat(locale === "es" ? "es-US" : "en-US", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
