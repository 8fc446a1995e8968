import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ZCardInput, ZPayRequest } from "./schemas.ts";

const card = (overrides: Record<string, unknown> = {}) => ({
  number: "4242424242424242",
  expiry: "08/28",
  cvc: "123",
  name: "Ana Morales",
  ...overrides,
});

/** The messages of every issue, in order. */
function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues.map((i) => i.message) ?? []);
}

describe("ZCardInput", () => {
  it("accepts a card number with spaces or dashes and strips them", () => {
    for (const number of ["4242 4242 4242 4242", "4242-4242-4242-4242", " 4242424242424242 ", "4242 4242-4242 4242"]) {
      const parsed = ZCardInput.parse(card({ number }));
      expect(parsed.number).toBe("4242424242424242");
    }
    expect(ZCardInput.parse(card({ number: "3782 822463 10005" })).number).toBe("378282246310005");
  });

  it.each([
    "4242424242424241",
    "4242 4242 4242 4243",
    "1234567890123456",
    "4242",
    "42424242424242424242",
    "4242abcd42424242",
    "",
  ])("rejects %j as card_number_invalid", (number) => {
    expect(messages(ZCardInput.safeParse(card({ number })))).toEqual(["card_number_invalid"]);
  });

  it("reads MM/YY and MM/YYYY expiries into a month and a four-digit year", () => {
    expect(ZCardInput.parse(card({ expiry: "08/28" })).expiry).toEqual({ month: 8, year: 2028 });
    expect(ZCardInput.parse(card({ expiry: "08/2028" })).expiry).toEqual({ month: 8, year: 2028 });
    expect(ZCardInput.parse(card({ expiry: " 12 / 30 " })).expiry).toEqual({ month: 12, year: 2030 });
    expect(ZCardInput.parse(card({ expiry: "01/2031" })).expiry).toEqual({ month: 1, year: 2031 });
  });

  it.each(["13/28", "00/28", "8/28", "8/2028", "08/028", "08-28", "0828", "08/", "/28", ""])(
    "rejects the expiry %j as card_expiry_invalid",
    (expiry) => {
      expect(messages(ZCardInput.safeParse(card({ expiry })))).toEqual(["card_expiry_invalid"]);
    },
  );

  it("takes a 3- or 4-digit CVC and rejects anything else as card_cvc_invalid", () => {
    expect(ZCardInput.parse(card({ cvc: "123" })).cvc).toBe("123");
    expect(ZCardInput.parse(card({ cvc: " 1234 " })).cvc).toBe("1234");
    for (const cvc of ["12", "12345", "12a", ""]) {
      expect(messages(ZCardInput.safeParse(card({ cvc })))).toEqual(["card_cvc_invalid"]);
    }
  });

  it("requires a cardholder name", () => {
    expect(ZCardInput.parse(card({ name: "  Ana Morales " })).name).toBe("Ana Morales");
    expect(messages(ZCardInput.safeParse(card({ name: "" })))).toEqual(["card_name_required"]);
    expect(messages(ZCardInput.safeParse(card({ name: "   " })))).toEqual(["card_name_required"]);
    expect(ZCardInput.safeParse(card({ name: "x".repeat(101) })).success).toBe(false);
  });

  it("takes an optional five-digit ZIP code", () => {
    expect(ZCardInput.parse(card()).postalCode).toBeUndefined();
    expect(ZCardInput.parse(card({ postalCode: "95814" })).postalCode).toBe("95814");
    expect(ZCardInput.parse(card({ postalCode: "" })).postalCode).toBe("");
    expect(messages(ZCardInput.safeParse(card({ postalCode: "9581" })))).toEqual(["card_postal_invalid"]);
  });

  it("names each field at fault", () => {
    const result = ZCardInput.safeParse({ number: "1", expiry: "13/28", cvc: "1", name: "" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toEqual({
      number: "card_number_invalid",
      expiry: "card_expiry_invalid",
      cvc: "card_cvc_invalid",
      name: "card_name_required",
    });
  });
});

describe("ZPayRequest", () => {
  const request = (overrides: Record<string, unknown> = {}) => ({
    amountChoice: "BALANCE",
    method: "new",
    requestKey: randomUUID(),
    ...overrides,
  });

  it("accepts a request with a UUID request key and defaults saveCard to false", () => {
    const parsed = ZPayRequest.parse(request());
    expect(parsed.saveCard).toBe(false);
    expect(parsed.method).toBe("new");
    expect(
      ZPayRequest.parse(request({ method: randomUUID(), amountChoice: "OTHER", otherAmount: "12.50" })),
    ).toMatchObject({ amountChoice: "OTHER", otherAmount: "12.50" });
  });

  it("requires the request key to be a UUID", () => {
    for (const requestKey of [undefined, "", "abc", "12345678-1234-1234-1234-1234567890", 42]) {
      const result = ZPayRequest.safeParse(request({ requestKey }));
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]?.path).toEqual(["requestKey"]);
    }
  });

  it("refuses unknown amount choices, methods and over-long amounts", () => {
    expect(ZPayRequest.safeParse(request({ amountChoice: "ALL" })).success).toBe(false);
    expect(ZPayRequest.safeParse(request({ method: "card-1" })).success).toBe(false);
    expect(ZPayRequest.safeParse(request({ amountChoice: "OTHER", otherAmount: "1".repeat(21) })).success).toBe(false);
  });
});
