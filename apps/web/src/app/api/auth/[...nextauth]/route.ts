import NextAuth from "next-auth";
import { authOptions, isCallbackUrl } from "@/lib/auth";

const handler = NextAuth(authOptions);

interface Context {
  params: Promise<{ nextauth: string[] }>;
}

const CALLBACK_COOKIE = authOptions.cookies!.callbackUrl!;
const MAX_CALLBACK_URL = 2000;
/** Characters a Location header can carry as they are: next-auth puts the error code there unencoded. */
const HEADER_SAFE = /^[\x20-\x7e]*$/;

function refuse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** The cookie as next-auth will see it: the last one of the name, skipped when it cannot be decoded. */
function cookieValue(request: Request, name: string): string | null {
  let found: string | null = null;
  for (const pair of (request.headers.get("cookie") ?? "").split(/; ?/)) {
    const at = pair.indexOf("=");
    if ((at === -1 ? pair : pair.slice(0, at)) !== name) continue;
    try {
      found = at === -1 ? "true" : decodeURIComponent(pair.slice(at + 1));
    } catch {
      // Not decodable: next-auth never sees it.
    }
  }
  return found;
}

/**
 * next-auth answers some malformed requests with a 500 of its own: a callbackUrl that is not a URL
 * (in the query or the callback cookie), an error code a Location header cannot carry, a GET to the
 * credentials callback, and a body sent as JSON that is not JSON. Those are refused here first with
 * a 4xx that says what is wrong; everything else is next-auth's.
 */
async function precheck(request: Request, context: Context): Promise<Response | null> {
  const url = new URL(request.url);
  const [action, detail] = (await context.params).nextauth;
  // Empty values are next-auth's "none given", as here.
  if (
    url.searchParams
      .getAll("callbackUrl")
      .some((value) => value !== "" && (value.length > MAX_CALLBACK_URL || !isCallbackUrl(value, url.origin)))
  ) {
    return refuse(400, "callbackUrl must be a path or an http(s) URL");
  }
  const storedCallback = cookieValue(request, CALLBACK_COOKIE.name);
  if (storedCallback && !isCallbackUrl(storedCallback, url.origin)) {
    return refuse(400, "the callback cookie is not a URL; it has been cleared, try again", {
      "Set-Cookie": `${CALLBACK_COOKIE.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${CALLBACK_COOKIE.options.secure ? "; Secure" : ""}`,
    });
  }
  if (
    action === "error" &&
    [...url.searchParams.getAll("error"), detail ?? ""].some((code) => !HEADER_SAFE.test(code))
  ) {
    return refuse(400, "unknown error code");
  }
  if (request.method !== "POST") {
    return action === "callback" && detail === "credentials"
      ? refuse(405, "signing in with a password takes a POST", { Allow: "POST" })
      : null;
  }
  let body: Record<string, unknown> = {};
  const contentType = request.headers.get("content-type") ?? "";
  if (contentType.includes("application/json")) {
    try {
      body = ((await request.clone().json()) as Record<string, unknown> | null) ?? {};
    } catch {
      return refuse(400, "the body must be JSON");
    }
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    body = Object.fromEntries(new URLSearchParams(await request.clone().text()));
  }
  // next-auth echoes the callbackUrl into a cookie and a Location header: a long one would make
  // headers no client accepts.
  const callbackUrl = typeof body === "object" && body !== null ? body.callbackUrl : undefined;
  if (
    typeof callbackUrl === "string" &&
    callbackUrl !== "" &&
    (callbackUrl.length > MAX_CALLBACK_URL || !isCallbackUrl(callbackUrl, url.origin))
  ) {
    return refuse(400, "callbackUrl must be a path or an http(s) URL of this site, at most 2,000 characters");
  }
  return null;
}

async function route(request: Request, context: Context): Promise<Response> {
  return (await precheck(request, context)) ?? handler(request, context);
}

export { route as GET, route as POST };
