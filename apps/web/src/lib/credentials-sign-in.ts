/**
 * The credentials sign-in, as next-auth's own endpoints expect it (a CSRF token, then the
 * credentials callback asking for JSON). Done with fetch so the sign-in page does not load
 * next-auth's client bundle for one call. Resolves to null on success or next-auth's error code.
 */
export async function signInWithCredentials(fields: Record<string, string>): Promise<string | null> {
  const csrf = await fetch("/api/auth/csrf", { credentials: "same-origin" });
  if (!csrf.ok) throw new Error(`csrf ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ ...fields, csrfToken, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  const error = url ? new URL(url, window.location.href).searchParams.get("error") : null;
  if (response.ok && !error) return null;
  return error ?? "generic";
}
