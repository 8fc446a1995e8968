import { type NextRequest, NextResponse } from "next/server";

const AUTODISCOVER_PATH = "/autodiscover/autodiscover.xml";

/**
 * A Content-Security-Policy with a fresh nonce per request; Next adds the nonce to its own scripts.
 * This is not an authorization boundary: every page and action checks the session itself.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Lets a layout send a signed-out visitor back to the page they asked for.
  requestHeaders.set("x-homeport-path", request.nextUrl.pathname);
  requestHeaders.set("Content-Security-Policy", csp);
  // Outlook asks for /Autodiscover/Autodiscover.xml, other clients for the lower-case path; routes are
  // case-sensitive and two folders differing only in case break checkouts on macOS and Windows.
  const { pathname } = request.nextUrl;
  const response =
    pathname !== AUTODISCOVER_PATH && pathname.toLowerCase() === AUTODISCOVER_PATH
      ? NextResponse.rewrite(new URL(AUTODISCOVER_PATH, request.url), { request: { headers: requestHeaders } })
      : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
