import { WebhookSignatureError } from "@homeport/core/billing/gateway";
import { applyGatewayEvent } from "@homeport/core/billing/gateway-events";
import { coreContext } from "@homeport/core/context";
import { createLogger } from "@/lib/logger";

const log = createLogger("payments");

/**
 * The payment gateway's event deliveries. Only the signature over the raw body is trusted; each
 * event is applied once however often it is delivered, and in whatever order.
 */
export async function POST(request: Request) {
  const ctx = coreContext();
  if (!ctx.payments.parseWebhook) return Response.json({ error: "no webhooks for this gateway" }, { status: 404 });
  const rawBody = await request.text();
  let event;
  try {
    event = ctx.payments.parseWebhook(rawBody, request.headers.get("stripe-signature"));
  } catch (error) {
    if (error instanceof WebhookSignatureError) {
      return Response.json({ error: "signature verification failed" }, { status: 400 });
    }
    throw error;
  }
  const result = await applyGatewayEvent(ctx, event);
  log.info("payment webhook", { eventId: event.id, type: event.type, result });
  return Response.json({ received: true, result });
}
