import { randomBytes } from "node:crypto";
import type { CardInput, ChargeOutcome, DeclineCode, PaymentGateway, TokenizeResult } from "../gateway.ts";

/**
 * Payments without a payment processor: the cards Stripe publishes for testing behave here as
 * they do in Stripe's test mode, and no other card is accepted. No money moves. The outcome a card
 * stands for travels in its method reference, so nothing about the number itself is ever kept.
 */
type Behaviour = "ok" | DeclineCode | "attach_then_fail" | "three_d_secure";

const TEST_CARDS: Record<string, Behaviour> = {
  "4242424242424242": "ok",
  "5555555555554444": "ok",
  "378282246310005": "ok",
  "6011111111111117": "ok",
  "4000000000000002": "card_declined",
  "4000000000009995": "insufficient_funds",
  "4000000000000069": "expired_card",
  "4000000000000127": "incorrect_cvc",
  "4000000000000119": "processing_error",
  "4000000000000341": "attach_then_fail",
  "4000002500003155": "three_d_secure",
};

export const DEMO_TEST_CARDS = Object.keys(TEST_CARDS);

export function cardBrand(number: string): string {
  if (/^4/.test(number)) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^(6011|65|64[4-9])/.test(number)) return "discover";
  return "card";
}

export function passesLuhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return number.length >= 12 && sum % 10 === 0;
}

export function demoBehaviour(number: string): Behaviour | null {
  return TEST_CARDS[number] ?? null;
}

function behaviourOf(ref: string): Behaviour {
  const behaviour = /^demo_pm_([a-z_]+)_[0-9a-f]+$/.exec(ref)?.[1];
  return (behaviour as Behaviour | undefined) ?? "card_declined";
}

export function createDemoGateway(): PaymentGateway {
  return {
    kind: "DEMO",
    cardEntry: "on-site",
    async ensureCustomer(customer, existingRef) {
      return existingRef ?? `demo_cus_${customer.accountId.replaceAll("-", "")}`;
    },
    async tokenizeCard(card: CardInput): Promise<TokenizeResult> {
      const behaviour = demoBehaviour(card.number);
      // Checked when the card is entered, as a bank's verification would.
      if (behaviour === "expired_card" || behaviour === "incorrect_cvc") return { ok: false, code: behaviour };
      if (!behaviour) return { ok: false, code: "card_declined" };
      return {
        ok: true,
        method: {
          ref: `demo_pm_${behaviour}_${randomBytes(8).toString("hex")}`,
          kind: "CARD",
          brand: cardBrand(card.number),
          last4: card.number.slice(-4),
          expMonth: card.expMonth,
          expYear: card.expYear,
        },
      };
    },
    async charge(request): Promise<ChargeOutcome> {
      const ref = `demo_pi_${request.paymentId.replaceAll("-", "")}`;
      const behaviour = behaviourOf(request.methodRef);
      if (behaviour === "ok") return { status: "succeeded", ref };
      if (behaviour === "three_d_secure") {
        return request.offSession
          ? { status: "succeeded", ref }
          : { status: "requires_action", ref, actionUrl: `/billing/payments/${request.paymentId}/authenticate` };
      }
      if (behaviour === "attach_then_fail") return { status: "failed", ref, code: "card_declined" };
      return { status: "failed", ref, code: behaviour };
    },
    async detachMethod() {},
  };
}
