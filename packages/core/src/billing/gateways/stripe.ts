import Stripe from "stripe";
import { WebhookSignatureError } from "../gateway.ts";
import type { ChargeOutcome, DeclineCode, GatewayEvent, PaymentGateway, SavedMethodDetails } from "../gateway.ts";

/**
 * Stripe gave no verdict on the request: unreachable, timed out, rate limited, a 5xx, a bad key.
 * For a charge the outcome is unknown, so the caller keeps the payment pending and retries with the
 * same idempotency key rather than telling the subscriber their card was declined.
 */
export class GatewayUnavailableError extends Error {
  override name = "GatewayUnavailableError";
}

const DECLINE_CODES: Record<string, DeclineCode> = {
  card_declined: "card_declined",
  generic_decline: "card_declined",
  insufficient_funds: "insufficient_funds",
  expired_card: "expired_card",
  incorrect_cvc: "incorrect_cvc",
  processing_error: "processing_error",
  authentication_required: "authentication_required",
};

/** The issuer's decline_code is more specific than Stripe's code ("card_declined"), so it wins when known. */
export function declineCodeFromStripe(
  code: string | null | undefined,
  declineCode: string | null | undefined,
): DeclineCode {
  return DECLINE_CODES[declineCode ?? ""] ?? DECLINE_CODES[code ?? ""] ?? "unknown";
}

function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Error && "rawType" in error && "statusCode" in error;
}

/**
 * A refusal is final: a card error, or Stripe rejecting the request itself (say, a method that no
 * longer exists). Anything else is only a failure to get an answer. Types are compared by name
 * because a bundler may load the SDK twice and break instanceof.
 */
function refusalOf(error: unknown): Extract<ChargeOutcome, { status: "failed" }> | null {
  if (!isStripeError(error)) return null;
  const refused =
    error.type === "StripeCardError" || error.type === "StripeInvalidRequestError" || Boolean(error.decline_code);
  if (!refused) return null;
  return {
    status: "failed",
    ref: error.payment_intent?.id ?? null,
    code: declineCodeFromStripe(error.code, error.decline_code),
  };
}

function unavailable(error: unknown): GatewayUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new GatewayUnavailableError(`Stripe is unavailable: ${reason}`, { cause: error });
}

function methodDetails(method: string | Stripe.PaymentMethod | null): SavedMethodDetails | null {
  if (!method || typeof method === "string") return null;
  if (method.card) {
    return {
      ref: method.id,
      kind: "CARD",
      brand: method.card.brand,
      last4: method.card.last4,
      expMonth: method.card.exp_month,
      expYear: method.card.exp_year,
    };
  }
  if (method.us_bank_account?.last4) {
    return {
      ref: method.id,
      kind: "BANK_ACCOUNT",
      brand: method.us_bank_account.bank_name ?? "Bank account",
      last4: method.us_bank_account.last4,
      expMonth: null,
      expYear: null,
    };
  }
  return null;
}

function idOf(value: string | { id: string } | null): string | null {
  return typeof value === "string" ? value : (value?.id ?? null);
}

function normalise(event: Stripe.Event): GatewayEvent {
  const ignored: GatewayEvent = { id: event.id, type: "ignored", gatewayType: event.type };
  switch (event.type) {
    case "payment_intent.succeeded": {
      const intent = event.data.object;
      return {
        id: event.id,
        type: "payment.succeeded",
        paymentId: intent.metadata.paymentId ?? null,
        ref: intent.id,
        method: methodDetails(intent.payment_method),
      };
    }
    case "payment_intent.payment_failed": {
      const intent = event.data.object;
      const error = intent.last_payment_error;
      return {
        id: event.id,
        type: "payment.failed",
        paymentId: intent.metadata.paymentId ?? null,
        ref: intent.id,
        code: declineCodeFromStripe(error?.code, error?.decline_code),
      };
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const ref = idOf(charge.payment_intent);
      // A charge made without a PaymentIntent was not made by the portal.
      if (!ref) return ignored;
      return {
        id: event.id,
        type: "payment.refunded",
        paymentId: charge.metadata.paymentId ?? null,
        ref,
        amountCents: charge.amount_refunded,
      };
    }
    // setup_intent.succeeded names the method only by id, and parseWebhook must not call Stripe;
    // payment_method.attached follows it with the whole method, so that is the one acted on.
    case "payment_method.attached": {
      const method = methodDetails(event.data.object);
      const customerRef = idOf(event.data.object.customer);
      if (!method || !customerRef) return ignored;
      return { id: event.id, type: "method.attached", accountId: null, customerRef, method };
    }
    case "payment_method.detached":
      return { id: event.id, type: "method.detached", ref: event.data.object.id };
    default:
      return ignored;
  }
}

function connectionOptions(apiBase: string | null | undefined): Stripe.StripeConfig {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

export function createStripeGateway(options: {
  secretKey: string;
  webhookSecret: string | null;
  apiBase?: string | null;
  currency?: string;
}): PaymentGateway {
  // Retries belong to the caller, which keeps the payment pending and knows the idempotency key.
  const stripe = new Stripe(options.secretKey, {
    ...connectionOptions(options.apiBase),
    maxNetworkRetries: 0,
    telemetry: false,
  });
  const defaultCurrency = (options.currency ?? "usd").toLowerCase();

  async function call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw unavailable(error);
    }
  }

  return {
    kind: "STRIPE",
    cardEntry: "hosted",

    async ensureCustomer(customer, existingRef) {
      if (existingRef) return existingRef;
      const created = await call(() =>
        stripe.customers.create(
          {
            name: customer.name,
            email: customer.email ?? undefined,
            metadata: { accountId: customer.accountId, accountNumber: customer.accountNumber },
          },
          // One Stripe customer per account even if two requests race to create it.
          { idempotencyKey: `customer-${customer.accountId}` },
        ),
      );
      return created.id;
    },

    async charge(request): Promise<ChargeOutcome> {
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.create(
          {
            amount: request.amountCents,
            currency: request.currency.toLowerCase(),
            customer: request.customerRef,
            payment_method: request.methodRef,
            confirm: true,
            off_session: request.offSession,
            return_url: request.offSession ? undefined : request.returnUrl,
            description: request.description,
            metadata: { paymentId: request.paymentId, accountId: request.accountId },
          },
          { idempotencyKey: request.idempotencyKey },
        );
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal) return refusal;
        throw unavailable(error);
      }
      switch (intent.status) {
        case "succeeded":
          return { status: "succeeded", ref: intent.id };
        // requires_capture cannot happen with automatic capture; if it does, the money is held, not lost.
        case "processing":
        case "requires_capture":
          return { status: "processing", ref: intent.id };
        case "requires_action":
          return {
            status: "requires_action",
            ref: intent.id,
            actionUrl: intent.next_action?.redirect_to_url?.url ?? null,
          };
        default: {
          const error = intent.last_payment_error;
          return { status: "failed", ref: intent.id, code: declineCodeFromStripe(error?.code, error?.decline_code) };
        }
      }
    },

    async startHostedSetup(request) {
      const session = await call(() =>
        stripe.checkout.sessions.create(
          {
            mode: "setup",
            customer: request.customerRef,
            currency: defaultCurrency,
            metadata: { accountId: request.accountId },
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
            setup_intent_data: { metadata: { accountId: request.accountId } },
          },
          { idempotencyKey: request.idempotencyKey },
        ),
      );
      if (!session.url)
        throw new GatewayUnavailableError(`Stripe returned checkout session ${session.id} without a url`);
      return { url: session.url };
    },

    async detachMethod(ref) {
      try {
        await stripe.paymentMethods.detach(ref);
      } catch (error) {
        // Already gone is what we wanted.
        if (isStripeError(error) && error.code === "resource_missing") return;
        throw unavailable(error);
      }
    },

    parseWebhook(rawBody, signature) {
      if (!options.webhookSecret) throw new WebhookSignatureError("No Stripe webhook secret is configured");
      if (!signature) throw new WebhookSignatureError("The Stripe-Signature header is missing");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new WebhookSignatureError(`Stripe webhook did not verify: ${reason}`, { cause: error });
      }
      return normalise(event);
    },
  };
}
