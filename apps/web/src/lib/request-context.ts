import type { RequestContext } from "@homeport/core/audit/record-audit-event";
import { headers } from "next/headers";

import { CLIENT_IP_HEADER } from "./client-ip.ts";

// CLIENT_IP_HEADER is overwritten by src/server.ts on every request, so a client cannot forge it.

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(source: HeaderSource, name: string): string | null {
  if (typeof (source as { get?: unknown }).get === "function")
    return (source as { get(n: string): string | null }).get(name);
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

export function contextFromHeaders(
  source: HeaderSource,
  actor: { userId?: string; sessionId?: string } = {},
): RequestContext {
  return {
    ip: read(source, CLIENT_IP_HEADER),
    userAgent: read(source, "user-agent"),
    actorUserId: actor.userId ?? null,
    sessionId: actor.sessionId ?? null,
  };
}

export async function requestContext(actor: { userId?: string; sessionId?: string } = {}): Promise<RequestContext> {
  return contextFromHeaders(await headers(), actor);
}
