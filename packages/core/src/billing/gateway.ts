/**
 * The port every payment gateway implements. The portal never sees a card number outside the
 * demo gateway's on-site form; what it keeps of a method is brand, last 4 and expiry.
 */

/** Why a charge or a card was refused, in the gateway-neutral terms the pages explain. */
export type DeclineCode =
  | "card_declined"
  | "insufficient_funds"
  | "expired_card"
  | "incorrect_cvc"
  | "processing_error"
  | "authentication_required"
  | "unknown";

export interface SavedMethodDetails {
  ref: string;
  kind: "CARD" | "BANK_ACCOUNT";
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
}

export type ChargeOutcome =
  | { status: "succeeded"; ref: string }
  | { status: "processing"; ref: string }
  /** The bank wants the cardholder to confirm (3-D Secure); send them to actionUrl. */
  | { status: "requires_action"; ref: string; actionUrl: string | null }
  | { status: "failed"; ref: string | null; code: DeclineCode };

export interface ChargeRequest {
  /** The portal's payment id; gateways echo it in their events. */
  paymentId: string;
  accountId: string;
  customerRef: string;
  methodRef: string;
  amountCents: number;
  currency: string;
  /** Derived from the bill and the attempt; the gateway replays the first result for a repeat. */
  idempotencyKey: string;
  /** True for autopay: nobody is at the keyboard to authenticate. */
  offSession: boolean;
  description: string;
  /** Where the cardholder comes back after authenticating (on-session only). */
  returnUrl: string;
}

export interface HostedSetupRequest {
  accountId: string;
  customerRef: string;
  idempotencyKey: string;
  successUrl: string;
  cancelUrl: string;
}

/** A gateway's webhook event reduced to what the portal acts on. */
export type GatewayEvent =
  | { id: string; type: "payment.succeeded"; paymentId: string | null; ref: string; method: SavedMethodDetails | null }
  | { id: string; type: "payment.failed"; paymentId: string | null; ref: string; code: DeclineCode }
  /** amountCents is the total refunded so far on the payment, not this refund alone. */
  | { id: string; type: "payment.refunded"; paymentId: string | null; ref: string; amountCents: number }
  | { id: string; type: "method.attached"; accountId: string | null; customerRef: string; method: SavedMethodDetails }
  | { id: string; type: "method.detached"; ref: string }
  | { id: string; type: "ignored"; gatewayType: string };

export interface CustomerDetails {
  accountId: string;
  accountNumber: string;
  name: string;
  email: string | null;
}

export interface CardInput {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  name: string;
  postalCode?: string;
}

export type TokenizeResult = { ok: true; method: SavedMethodDetails } | { ok: false; code: DeclineCode };

export interface PaymentGateway {
  readonly kind: "DEMO" | "STRIPE";
  /** "on-site": cards are typed into the portal's own form (demo only); "hosted": the gateway's page. */
  readonly cardEntry: "on-site" | "hosted";
  ensureCustomer(customer: CustomerDetails, existingRef: string | null): Promise<string>;
  /** On-site card entry only: checks a card and returns a reusable method reference. */
  tokenizeCard?(card: CardInput, customerRef: string): Promise<TokenizeResult>;
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** Hosted card entry only: saving a method on the gateway's page. */
  startHostedSetup?(request: HostedSetupRequest): Promise<{ url: string }>;
  detachMethod(ref: string): Promise<void>;
  /** Verifies a webhook delivery's signature over the raw body; throws when it does not verify. */
  parseWebhook?(rawBody: string, signature: string | null): GatewayEvent;
}

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}
