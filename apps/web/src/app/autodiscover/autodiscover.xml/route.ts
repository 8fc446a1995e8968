import {
  AUTODISCOVER_MAX_REQUEST_BYTES,
  type AutodiscoverError,
  outlookAutodiscover,
} from "@homeport/core/email/autoconfig";
import { providerProfile } from "@homeport/core/provider/profile";

/**
 * Outlook POX autodiscover: POST the request document, get IMAP/POP3/SMTP settings back. Public, as
 * Outlook asks before it has a password. `/Autodiscover/Autodiscover.xml` (the casing Outlook uses)
 * reaches this handler through the rewrite in src/proxy.ts.
 */

const STATUS: Record<AutodiscoverError, number> = {
  invalid_request: 400,
  unsupported_schema: 400,
  invalid_address: 400,
  unknown_address: 404,
};

const XML_HEADERS = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-store" };

/** The body as text, or null once it passes `limit` bytes (read no further than that). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

export async function POST(request: Request): Promise<Response> {
  const body = await readCapped(request, AUTODISCOVER_MAX_REQUEST_BYTES);
  if (body === null) {
    return new Response(`The request is larger than ${AUTODISCOVER_MAX_REQUEST_BYTES} bytes.\n`, {
      status: 413,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { xml, error } = outlookAutodiscover(providerProfile().email, body);
  return new Response(xml, { status: error ? STATUS[error] : 200, headers: XML_HEADERS });
}

export function GET(): Response {
  return new Response("Autodiscover takes a POST with the request document.\n", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
