import type { IncomingMessage } from "node:http";

export const CLIENT_IP_HEADER = "x-homeport-client-ip";

/**
 * The caller's address: the socket's, or, behind a trusted load balancer, the last hop it added to
 * X-Forwarded-For (earlier entries are whatever the client claimed).
 */
export function clientIp(req: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const chain = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const last = chain.at(-1);
    if (last) return last;
  }
  return (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}
