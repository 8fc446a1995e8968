import { readCoreEnv } from "../../env.ts";
import type { PaymentGateway } from "../gateway.ts";
import { createDemoGateway } from "./demo.ts";
import { createStripeGateway } from "./stripe.ts";

let cached: PaymentGateway | undefined;

/** Stripe when a secret key is configured, otherwise the demo gateway (labelled as such on every page). */
export function configuredGateway(env = readCoreEnv()): PaymentGateway {
  cached ??= env.STRIPE_SECRET_KEY
    ? createStripeGateway({
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? null,
        apiBase: env.STRIPE_API_BASE ?? null,
      })
    : createDemoGateway();
  return cached;
}
