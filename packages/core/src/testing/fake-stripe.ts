import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local stand-in for the parts of the Stripe API the Stripe gateway uses, so tests run the real
 * SDK end to end without a network. Outcomes follow Stripe's published test payment methods, and
 * idempotency keys behave as Stripe documents them: a repeat replays the first response exactly,
 * a repeat with other parameters is refused.
 */

export interface FakeStripeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}

type StripeObject = Record<string, unknown> & { id: string };

export interface FakeStripe {
  /** Pass as the gateway's apiBase. */
  apiBase: string;
  /** Every request received, in order, replays included. */
  requests: FakeStripeRequest[];
  /** What the fake has created, by id. */
  state: {
    customers: Map<string, StripeObject>;
    paymentIntents: Map<string, StripeObject>;
    checkoutSessions: Map<string, StripeObject>;
  };
  /** Signs `event` as Stripe would and POSTs it to `url`; signatureSecret signs with another secret. */
  sendWebhook(
    url: string,
    event: object,
    secret: string,
    options?: { timestamp?: number; signatureSecret?: string },
  ): Promise<Response>;
  close(): Promise<void>;
}

interface TestMethod {
  brand: string;
  last4: string;
  /** Stripe's `code` and `decline_code` for a card that is refused. */
  decline?: { code: string; declineCode: string; message: string };
  threeDSecure?: true;
}

const TEST_METHODS: Record<string, TestMethod> = {
  pm_card_visa: { brand: "visa", last4: "4242" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444" },
  pm_card_chargeDeclined: {
    brand: "visa",
    last4: "0002",
    decline: { code: "card_declined", declineCode: "generic_decline", message: "Your card was declined." },
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: "visa",
    last4: "9995",
    decline: { code: "card_declined", declineCode: "insufficient_funds", message: "Your card has insufficient funds." },
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: "visa",
    last4: "0069",
    decline: { code: "expired_card", declineCode: "expired_card", message: "Your card has expired." },
  },
  pm_card_chargeDeclinedIncorrectCvc: {
    brand: "visa",
    last4: "0127",
    decline: {
      code: "incorrect_cvc",
      declineCode: "incorrect_cvc",
      message: "Your card's security code is incorrect.",
    },
  },
  pm_card_chargeDeclinedProcessingError: {
    brand: "visa",
    last4: "0119",
    decline: {
      code: "processing_error",
      declineCode: "processing_error",
      message: "An error occurred while processing your card.",
    },
  },
  pm_card_authenticationRequired: { brand: "visa", last4: "3184", threeDSecure: true },
};

interface Reply {
  status: number;
  body: object;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

function apiError(status: number, error: Record<string, unknown>): Reply {
  return { status, body: { error } };
}

function missing(param: string): Reply {
  return apiError(400, {
    type: "invalid_request_error",
    code: "parameter_missing",
    param,
    message: `Missing required param: ${param}.`,
  });
}

function noSuch(kind: string, id: string, param?: string): Reply {
  return apiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    param,
    message: `No such ${kind}: '${id}'`,
  });
}

/** Stripe's form encoding (`a[b][0][c]=v`) back into objects; values stay strings, as Stripe receives them. */
function parseForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replaceAll("]", "").split("[");
    let node = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) node[segment] = value;
      else node = (node[segment] ??= {}) as Record<string, unknown>;
    });
  }
  return withArrays(root) as Record<string, unknown>;
}

function withArrays(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]) => [key, withArrays(inner)] as const);
  const indexed = entries.length > 0 && entries.every(([key]) => /^\d+$/.test(key));
  return indexed ? entries.map(([, inner]) => inner) : Object.fromEntries(entries);
}

/** Parameter order must not matter when deciding whether a repeat is "the same request". */
function fingerprint(method: string, path: string, raw: string): string {
  const pairs = [...new URLSearchParams(raw)].map(([key, value]) => `${key}=${value}`).sort();
  return `${method} ${path}?${pairs.join("&")}`;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: FakeStripeRequest[] = [];
  const state: FakeStripe["state"] = { customers: new Map(), paymentIntents: new Map(), checkoutSessions: new Map() };
  const detached = new Set<string>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string; requestId: string }>();
  let apiBase = "";

  function paymentMethod(id: string, method: TestMethod, customer: string | null): StripeObject {
    return {
      id,
      object: "payment_method",
      type: "card",
      customer,
      card: { brand: method.brand, last4: method.last4, exp_month: 12, exp_year: new Date().getFullYear() + 3 },
      metadata: {},
    };
  }

  function createCustomer(body: Record<string, unknown>): Reply {
    const customer: StripeObject = {
      id: newId("cus"),
      object: "customer",
      created: now(),
      livemode: false,
      name: text(body.name),
      email: text(body.email),
      metadata: record(body.metadata),
    };
    state.customers.set(customer.id, customer);
    return { status: 200, body: customer };
  }

  function createPaymentIntent(body: Record<string, unknown>): Reply {
    if (!text(body.amount)) return missing("amount");
    if (!text(body.currency)) return missing("currency");
    const methodRef = text(body.payment_method);
    if (!methodRef) return missing("payment_method");
    const method = TEST_METHODS[methodRef];
    if (!method) return noSuch("PaymentMethod", methodRef, "payment_method");
    if (body.confirm !== "true")
      return apiError(400, { type: "invalid_request_error", message: "The fake only confirms on create." });

    const offSession = body.off_session === "true";
    const returnUrl = text(body.return_url);
    const intent: StripeObject = {
      id: newId("pi"),
      object: "payment_intent",
      amount: Number(body.amount),
      currency: body.currency,
      customer: text(body.customer),
      payment_method: methodRef,
      description: text(body.description),
      metadata: record(body.metadata),
      capture_method: "automatic",
      confirmation_method: "automatic",
      created: now(),
      livemode: false,
      last_payment_error: null,
      next_action: null,
      latest_charge: null,
      status: "succeeded",
    };
    state.paymentIntents.set(intent.id, intent);

    const decline =
      method.decline ??
      (method.threeDSecure && offSession
        ? {
            code: "authentication_required",
            declineCode: "authentication_required",
            message: "Your card was declined. This transaction requires authentication.",
          }
        : undefined);
    if (decline) {
      const error = {
        type: "card_error",
        code: decline.code,
        decline_code: decline.declineCode,
        message: decline.message,
        charge: newId("ch"),
        payment_method: paymentMethod(methodRef, method, text(body.customer)),
      };
      Object.assign(intent, {
        status: "requires_payment_method",
        last_payment_error: error,
        latest_charge: error.charge,
      });
      return apiError(402, { ...error, payment_intent: intent });
    }
    if (method.threeDSecure) {
      // With a return_url Stripe hands back a page to redirect to; without one it expects Stripe.js.
      const nextAction = returnUrl
        ? {
            type: "redirect_to_url",
            redirect_to_url: { url: `${apiBase}/authenticate/${intent.id}`, return_url: returnUrl },
          }
        : { type: "use_stripe_sdk", use_stripe_sdk: {} };
      Object.assign(intent, { status: "requires_action", next_action: nextAction });
      return { status: 200, body: intent };
    }
    intent.latest_charge = newId("ch");
    return { status: 200, body: intent };
  }

  function createCheckoutSession(body: Record<string, unknown>): Reply {
    const mode = text(body.mode);
    if (!mode) return missing("mode");
    if (!text(body.success_url)) return missing("success_url");
    const lineItems = Array.isArray(body.line_items) ? body.line_items.map(record) : [];
    if (mode === "payment" && lineItems.length === 0) return missing("line_items");
    if (mode === "setup" && !text(body.currency)) return missing("currency");
    const amountTotal = lineItems.reduce(
      (sum, item) => sum + Number(record(item.price_data).unit_amount ?? 0) * Number(item.quantity ?? 1),
      0,
    );
    const id = newId("cs_test");
    const session: StripeObject = {
      id,
      object: "checkout.session",
      mode,
      status: "open",
      payment_status: mode === "setup" ? "no_payment_required" : "unpaid",
      url: `${apiBase}/c/pay/${id}`,
      customer: text(body.customer),
      currency: text(body.currency) ?? text(record(lineItems[0]?.price_data).currency),
      amount_total: mode === "payment" ? amountTotal : null,
      metadata: record(body.metadata),
      success_url: body.success_url,
      cancel_url: text(body.cancel_url),
      payment_intent: null,
      setup_intent: null,
      created: now(),
      livemode: false,
    };
    state.checkoutSessions.set(id, session);
    return { status: 200, body: session };
  }

  function detachPaymentMethod(id: string): Reply {
    // Simplified: Stripe reports detaching an unattached method differently, but either way it is gone.
    const method = TEST_METHODS[id];
    if (!method || detached.has(id)) return noSuch("PaymentMethod", id);
    detached.add(id);
    return { status: 200, body: paymentMethod(id, method, null) };
  }

  function route(method: string, path: string, body: Record<string, unknown>): Reply {
    if (method === "POST" && path === "/v1/customers") return createCustomer(body);
    if (method === "POST" && path === "/v1/payment_intents") return createPaymentIntent(body);
    if (method === "POST" && path === "/v1/checkout/sessions") return createCheckoutSession(body);
    const detach = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path);
    if (method === "POST" && detach?.[1]) return detachPaymentMethod(decodeURIComponent(detach[1]));
    return apiError(404, { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` });
  }

  function send(response: ServerResponse, status: number, body: string, headers: Record<string, string>) {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const method = request.method ?? "GET";
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    const raw = await readBody(request);
    const body = parseForm(raw);
    const idempotencyKey = (request.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ method, path, idempotencyKey, body });

    // The hosted pages a subscriber would be sent to; enough for a browser test to land somewhere.
    if (method === "GET" && /^\/(c\/pay|authenticate)\//.test(path)) {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<!doctype html><title>Fake Stripe</title><p>Fake Stripe page for ${path}</p>`);
      return;
    }

    const requestId = newId("req");
    if (!/^Bearer sk_/.test(request.headers.authorization ?? "")) {
      const reply = apiError(401, { type: "invalid_request_error", message: "Invalid API Key provided." });
      send(response, reply.status, JSON.stringify(reply.body), { "request-id": requestId });
      return;
    }

    const print = fingerprint(method, path, raw);
    const previous = idempotencyKey ? idempotent.get(idempotencyKey) : undefined;
    if (previous && previous.fingerprint !== print) {
      const reply = apiError(400, {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      });
      send(response, reply.status, JSON.stringify(reply.body), { "request-id": requestId });
      return;
    }
    if (previous) {
      send(response, previous.status, previous.body, {
        "request-id": requestId,
        "idempotent-replayed": "true",
        "original-request": previous.requestId,
      });
      return;
    }

    const reply = route(method, path, body);
    const serialized = JSON.stringify(reply.body);
    // As at Stripe, a request refused before it ran (bad parameters, unknown ids) is not remembered.
    if (idempotencyKey && method === "POST" && reply.status !== 400 && reply.status !== 404) {
      idempotent.set(idempotencyKey, { fingerprint: print, status: reply.status, body: serialized, requestId });
    }
    send(response, reply.status, serialized, { "request-id": requestId });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, JSON.stringify({ error: { type: "api_error", message: String(error) } }), {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiBase,
    requests,
    state,
    async sendWebhook(url, event, secret, options = {}) {
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.signatureSecret ?? secret,
        timestamp: options.timestamp,
      });
      return fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": signature },
        body: payload,
      });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

/** A webhook event in Stripe's envelope, for sendWebhook or a signed body built by hand. */
export function stripeEvent(type: string, object: object): Record<string, unknown> {
  return {
    id: newId("evt"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}
