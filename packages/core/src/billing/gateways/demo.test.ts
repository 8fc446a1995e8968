import { describe, expect, it } from "vitest";
import type { CardInput, ChargeRequest, PaymentGateway, SavedMethodDetails } from "../gateway.ts";
import { cardBrand, createDemoGateway, DEMO_TEST_CARDS, demoBehaviour, passesLuhn } from "./demo.ts";

const gateway: PaymentGateway = createDemoGateway();

const cardInput = (number: string, overrides: Partial<CardInput> = {}): CardInput => ({
  number,
  expMonth: 8,
  expYear: 2030,
  cvc: "123",
  name: "Ana Morales",
  ...overrides,
});

async function tokenize(number: string): Promise<SavedMethodDetails> {
  const result = await gateway.tokenizeCard!(cardInput(number), "demo_cus_1");
  if (!result.ok) throw new Error(`tokenizing ${number} failed: ${result.code}`);
  return result.method;
}

let sequence = 0;
function chargeRequest(methodRef: string, overrides: Partial<ChargeRequest> = {}): ChargeRequest {
  sequence += 1;
  return {
    paymentId: `0000000${sequence}-aaaa-bbbb-cccc-dddddddddddd`,
    accountId: "account-1",
    customerRef: "demo_cus_1",
    methodRef,
    amountCents: 12_345,
    currency: "USD",
    idempotencyKey: `bill-1-attempt-${sequence}`,
    offSession: false,
    description: "Spectrum bill payment",
    returnUrl: "https://portal.example/billing/payments/1",
    ...overrides,
  };
}

async function chargeWith(number: string, offSession = false) {
  const method = await tokenize(number);
  const request = chargeRequest(method.ref, { offSession });
  return { request, outcome: await gateway.charge(request) };
}

describe("demo gateway", () => {
  it("is an on-site demo gateway", () => {
    expect(gateway.kind).toBe("DEMO");
    expect(gateway.cardEntry).toBe("on-site");
  });

  it("lists Stripe's test cards, all of which pass Luhn", () => {
    expect(DEMO_TEST_CARDS).toHaveLength(11);
    for (const number of DEMO_TEST_CARDS) expect(passesLuhn(number)).toBe(true);
  });

  it("passesLuhn checks the digits and a minimum length", () => {
    expect(passesLuhn("4242424242424242")).toBe(true);
    expect(passesLuhn("4242424242424241")).toBe(false);
    expect(passesLuhn("79927398713")).toBe(false); // Luhn-valid, but too short for a card
    expect(passesLuhn("000000000000")).toBe(true);
  });

  it.each([
    ["4242424242424242", "visa"],
    ["5555555555554444", "mastercard"],
    ["2223003122003222", "mastercard"],
    ["378282246310005", "amex"],
    ["371449635398431", "amex"],
    ["6011111111111117", "discover"],
    ["6500000000000002", "discover"],
    ["6445644564456445", "discover"],
    ["5066991111111118", "card"],
    ["3056930009020004", "card"],
  ])("detects %s as %s", (number, brand) => {
    expect(cardBrand(number)).toBe(brand);
  });

  describe("tokenizeCard", () => {
    it.each([
      ["4242424242424242", "visa", "4242"],
      ["5555555555554444", "mastercard", "4444"],
      ["378282246310005", "amex", "0005"],
      ["6011111111111117", "discover", "1117"],
    ])("saves %s as a %s ending %s, keeping the expiry", async (number, brand, last4) => {
      const method = await tokenize(number);
      expect(method).toMatchObject({ kind: "CARD", brand, last4, expMonth: 8, expYear: 2030 });
      expect(method.ref).toMatch(/^demo_pm_ok_[0-9a-f]{16}$/);
    });

    it("refuses the expired-card and incorrect-CVC test cards when they are entered", async () => {
      expect(await gateway.tokenizeCard!(cardInput("4000000000000069"), "c")).toEqual({
        ok: false,
        code: "expired_card",
      });
      expect(await gateway.tokenizeCard!(cardInput("4000000000000127"), "c")).toEqual({
        ok: false,
        code: "incorrect_cvc",
      });
    });

    it("refuses any card that is not a test card", async () => {
      for (const number of ["4111111111111111", "4242424242424241", "5105105105105100", ""]) {
        expect(await gateway.tokenizeCard!(cardInput(number), "c")).toEqual({ ok: false, code: "card_declined" });
      }
    });

    it("never puts the card number in the method reference", async () => {
      for (const number of DEMO_TEST_CARDS) {
        const result = await gateway.tokenizeCard!(cardInput(number), "c");
        if (!result.ok) continue;
        expect(result.method.ref).not.toContain(number);
        expect(result.method.ref).not.toContain(number.slice(0, 6));
        expect(JSON.stringify(result.method)).not.toContain(number);
      }
    });

    it("gives each tokenization its own reference", async () => {
      const a = await tokenize("4242424242424242");
      const b = await tokenize("4242424242424242");
      expect(a.ref).not.toBe(b.ref);
    });
  });

  describe("charge", () => {
    it("succeeds with the ordinary test cards, referencing the payment", async () => {
      for (const number of ["4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"]) {
        const { request, outcome } = await chargeWith(number);
        expect(outcome).toEqual({ status: "succeeded", ref: `demo_pi_${request.paymentId.replaceAll("-", "")}` });
      }
    });

    it.each([
      ["4000000000000002", "card_declined"],
      ["4000000000009995", "insufficient_funds"],
      ["4000000000000119", "processing_error"],
    ])("fails with %s as %s", async (number, code) => {
      for (const offSession of [false, true]) {
        const { request, outcome } = await chargeWith(number, offSession);
        expect(outcome).toEqual({ status: "failed", ref: `demo_pi_${request.paymentId.replaceAll("-", "")}`, code });
      }
    });

    it("lets 4000000000000341 be saved, then declines its charges", async () => {
      const method = await tokenize("4000000000000341");
      expect(method.last4).toBe("0341");
      expect((await gateway.charge(chargeRequest(method.ref))).status).toBe("failed");
      expect(await gateway.charge(chargeRequest(method.ref, { offSession: true }))).toMatchObject({
        status: "failed",
        code: "card_declined",
      });
    });

    it("asks for 3-D Secure with 4000002500003155 on-session and succeeds off-session", async () => {
      const onSession = await chargeWith("4000002500003155", false);
      expect(onSession.outcome).toEqual({
        status: "requires_action",
        ref: `demo_pi_${onSession.request.paymentId.replaceAll("-", "")}`,
        actionUrl: `/billing/payments/${onSession.request.paymentId}/authenticate`,
      });
      const offSession = await chargeWith("4000002500003155", true);
      expect(offSession.outcome.status).toBe("succeeded");
    });

    it("declines a method reference it did not make", async () => {
      for (const ref of ["pm_card_visa", "demo_pm_", "demo_pm_ok", "demo_pm_ok_XYZ", ""]) {
        expect(await gateway.charge(chargeRequest(ref))).toMatchObject({ status: "failed", code: "card_declined" });
      }
    });
  });

  it("maps each test card to its documented behaviour", () => {
    expect(Object.fromEntries(DEMO_TEST_CARDS.map((n) => [n, demoBehaviour(n)]))).toEqual({
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
    });
    expect(demoBehaviour("4111111111111111")).toBeNull();
  });

  it("keeps an existing customer and otherwise derives one from the account", async () => {
    const customer = { accountId: "1234-abcd", accountNumber: "8245 1000 1234", name: "Ana", email: null };
    expect(await gateway.ensureCustomer(customer, "demo_cus_existing")).toBe("demo_cus_existing");
    expect(await gateway.ensureCustomer(customer, null)).toBe("demo_cus_1234abcd");
    await expect(gateway.detachMethod("demo_pm_ok_00")).resolves.toBeUndefined();
  });
});
